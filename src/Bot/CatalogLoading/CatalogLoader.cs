using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DltBot.Bot.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.CatalogLoading;

/// <summary>The catalog could not be loaded at all; the message says what and where.</summary>
public sealed class CatalogLoadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads <c>Catalog:Source</c>: a file, or a URL fetched once and cached under <c>Data:Directory</c>. When the URL cannot be
/// fetched it says so in the log and falls back to the cached copy, then to the list bundled with the binary.
/// </summary>
public sealed partial class CatalogLoader(
    IHttpClientFactory httpClients,
    IOptions<CatalogOptions> catalogOptions,
    IOptions<DataOptions> dataOptions,
    ICatalogParser parser,
    TimeProvider time,
    ILogger<CatalogLoader> logger,
    AppPaths paths)
{
    private readonly string appDirectory = paths.ApplicationDirectory;

    public string BundledPath => Path.Combine(appDirectory, CatalogOptions.BundledPath);

    /// <summary>Loads the configured source, or <paramref name="sourceOverride"/> (a path or URL) when given.</summary>
    public async Task<CatalogSnapshot> LoadAsync(string? sourceOverride = null, CancellationToken cancellationToken = default)
    {
        var (markdown, description) = await ReadAsync(sourceOverride ?? catalogOptions.Value.Source, cancellationToken);
        return Parse(markdown, description);
    }

    public CatalogSnapshot Parse(string markdown, string description)
    {
        var parsed = parser.Parse(markdown);
        if (parsed.Repair is { CodePage: not null } repair)
            LogRepaired(description, repair.CodePage, repair.Reversed + repair.Reconstructed, repair.Unsure);
        if (parsed.Imported.Problems.Count > 0)
            LogImportProblems(description, parsed.Imported.Problems.Count);
        return new CatalogSnapshot(parsed.Imported.List, parsed.Imported.Problems, description, time.GetUtcNow());
    }

    public async Task<(string Markdown, string Description)> ReadAsync(string source, CancellationToken cancellationToken = default)
    {
        switch (CatalogSource.Parse(source))
        {
            case CatalogSource.Url url:
                return await FetchAsync(url.Address, cancellationToken);
            case CatalogSource.File file:
                var path = ResolveFile(file.Path)
                    ?? throw new CatalogLoadException($"Catalog:Source file '{file.Path}' was not found (looked in {Directory.GetCurrentDirectory()} and {appDirectory}).");
                return (await ReadFileAsync(path, cancellationToken), path);
            case CatalogSource.Unsupported unsupported:
                throw new CatalogLoadException($"Catalog:Source '{source}' uses the scheme '{unsupported.Scheme}'; use a file path or an http(s) URL.");
            default:
                throw new InvalidOperationException("Unknown catalog source kind.");
        }
    }

    /// <summary>An existing file for a configured path: as given (relative to the current directory), then next to the binary.</summary>
    public string? ResolveFile(string path)
    {
        var candidates = Path.IsPathRooted(path) ? [path] : new[] { Path.GetFullPath(path), Path.Combine(appDirectory, path) };
        return candidates.FirstOrDefault(File.Exists);
    }

    public string CachePathFor(Uri url)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url.AbsoluteUri)))[..16];
        return Path.Combine(Path.GetFullPath(dataOptions.Value.Directory), "catalog-cache", $"{url.Host}-{hash}.md");
    }

    private async Task<(string, string)> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var cachePath = CachePathFor(url);
        string reason;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(catalogOptions.Value.FetchTimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            // Created here, not injected: file sources (the usual case) never pay for the HTTP stack at start-up.
            using var http = httpClients.CreateClient(nameof(CatalogLoader));
            using var response = await http.GetAsync(url, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                var markdown = await response.Content.ReadAsStringAsync(linked.Token);
                if (!string.IsNullOrWhiteSpace(markdown))
                {
                    await SaveCacheAsync(cachePath, markdown);
                    return (markdown, url.AbsoluteUri);
                }
                reason = "the response was empty";
            }
            else
            {
                reason = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"no answer within {catalogOptions.Value.FetchTimeoutSeconds} s (Catalog:FetchTimeoutSeconds)";
        }
        catch (HttpRequestException e)
        {
            reason = e.Message;
        }

        if (File.Exists(cachePath))
        {
            var savedAt = File.GetLastWriteTimeUtc(cachePath).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            LogFetchFailed(url.AbsoluteUri, reason, $"the cached copy from {savedAt} ({cachePath})");
            return (await ReadFileAsync(cachePath, cancellationToken), $"{url.AbsoluteUri} (cached copy from {savedAt})");
        }

        var bundled = BundledPath;
        if (!File.Exists(bundled))
            throw new CatalogLoadException($"Could not fetch Catalog:Source {url.AbsoluteUri} ({reason}), and there is neither a cached copy ({cachePath}) nor a bundled list ({bundled}).");
        LogFetchFailed(url.AbsoluteUri, reason, $"the bundled list ({bundled})");
        return (await ReadFileAsync(bundled, cancellationToken), bundled);
    }

    private async Task SaveCacheAsync(string cachePath, string markdown)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cachePath)!);
            // Write then rename, so a crash mid-write never leaves a truncated cache that a later fallback would trust.
            var temporary = cachePath + ".tmp";
            await File.WriteAllTextAsync(temporary, markdown, new UTF8Encoding(false));
            File.Move(temporary, cachePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheWriteFailed(cachePath, e.Message);
        }
    }

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogLoadException($"Cannot read catalog file '{path}': {e.Message}", e);
        }
    }

    [LoggerMessage(EventId = 1001, EventName = "CatalogFetchFailed", Level = LogLevel.Warning,
        Message = "Could not fetch the catalog from {Url} ({Reason}); using {Fallback}.")]
    private partial void LogFetchFailed(string url, string reason, string fallback);

    [LoggerMessage(EventId = 1002, EventName = "CatalogCacheWriteFailed", Level = LogLevel.Warning,
        Message = "Could not write the catalog cache {Path}: {Reason}. The fetched list is used but not kept.")]
    private partial void LogCacheWriteFailed(string path, string reason);

    [LoggerMessage(EventId = 1003, EventName = "CatalogRepaired", Level = LogLevel.Warning,
        Message = "The catalog {Source} was mojibake (through {CodePage}); repaired {Repaired} characters in memory, {Unsure} unsure. Run 'dltbot catalog repair' to fix the file.")]
    private partial void LogRepaired(string source, string codePage, int repaired, int unsure);

    [LoggerMessage(EventId = 1004, EventName = "CatalogImportProblems", Level = LogLevel.Information,
        Message = "The catalog {Source} imported with {Count} problems; 'dltbot catalog check' lists them.")]
    private partial void LogImportProblems(string source, int count);
}
