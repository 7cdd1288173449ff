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
/// fetched, or what it serves is not a catalog, it says so in the log and falls back to the cached copy, then to the
/// list bundled with the binary. Sources are named without credentials, query or fragment (<see cref="SourceNames"/>).
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

    /// <summary>How a source is named in logs and errors, and to users.</summary>
    private sealed record Origin(string LogName, string PublicName);

    public string BundledPath => Path.Combine(appDirectory, CatalogOptions.BundledPath);

    private long MaxBytes => catalogOptions.Value.MaxBytes;

    /// <summary>Loads the configured source, or <paramref name="sourceOverride"/> (a path or URL) when given.</summary>
    public async Task<CatalogSnapshot> LoadAsync(string? sourceOverride = null, CancellationToken cancellationToken = default)
    {
        var source = sourceOverride ?? catalogOptions.Value.Source;
        switch (CatalogSource.Parse(source))
        {
            case CatalogSource.Url url:
                return await LoadUrlAsync(url.Address, cancellationToken);
            case CatalogSource.File file:
                var path = ResolveFile(file.Path)
                    ?? throw new CatalogLoadException($"Catalog:Source file '{file.Path}' was not found (looked in {Directory.GetCurrentDirectory()} and {appDirectory}).");
                return await LoadFileAsync(path, FileOrigin(path, isDefault: file.Path == CatalogOptions.BundledPath), cancellationToken);
            case CatalogSource.Unsupported unsupported:
                throw new CatalogLoadException($"Catalog:Source '{SourceNames.ForLog(source)}' uses the scheme '{unsupported.Scheme}'; use a file path or an http(s) URL.");
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

    /// <param name="isDefault">The source is the default relative path, so whichever copy was found is the shipped list.</param>
    private Origin FileOrigin(string path, bool isDefault = false)
    {
        var bundled = isDefault || string.Equals(Path.GetFullPath(path), Path.GetFullPath(BundledPath), StringComparison.Ordinal);
        return new Origin(path, SourceNames.ForUsers(path, bundled));
    }

    private async Task<CatalogSnapshot> LoadFileAsync(string path, Origin origin, CancellationToken cancellationToken)
    {
        try
        {
            return await ReadAndParseAsync(path, origin, cancellationToken);
        }
        catch (NotACatalogException e)
        {
            throw new CatalogLoadException($"The catalog {origin.LogName} {e.Problem}.", e);
        }
    }

    private async Task<CatalogSnapshot> LoadUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        var origin = new Origin(SourceNames.ForLog(url), SourceNames.ForUsers(url));
        var cachePath = CachePathFor(url);
        var (body, reason) = await FetchAsync(url, cancellationToken);
        if (body is not null)
        {
            try
            {
                var fetched = Parse(body, origin);
                await SaveCacheAsync(cachePath, body);
                return fetched;
            }
            catch (NotACatalogException e)
            {
                reason = $"the response {e.Problem}";
            }
        }

        if (File.Exists(cachePath))
        {
            var savedAt = File.GetLastWriteTimeUtc(cachePath).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            var cached = new Origin($"{origin.LogName} (cached copy from {savedAt})", $"{origin.PublicName} (cached copy from {savedAt})");
            try
            {
                var snapshot = await ReadAndParseAsync(cachePath, cached, cancellationToken);
                LogFetchFailed(origin.LogName, reason, $"the cached copy from {savedAt} ({cachePath})");
                return snapshot;
            }
            catch (Exception e) when (e is NotACatalogException or CatalogLoadException)
            {
                LogCacheUnusable(cachePath, e is NotACatalogException bad ? bad.Problem : e.Message);
            }
        }

        var bundled = BundledPath;
        if (!File.Exists(bundled))
            throw new CatalogLoadException($"Could not use Catalog:Source {origin.LogName} ({reason}), and there is neither a usable cached copy ({cachePath}) nor a bundled list ({bundled}).");
        LogFetchFailed(origin.LogName, reason, $"the bundled list ({bundled})");
        return await LoadFileAsync(bundled, FileOrigin(bundled), cancellationToken);
    }

    /// <summary>
    /// A body fetched from <paramref name="url"/> (by the upstream refresh) as a catalog, with the same text checks as a
    /// load; the source is named as a load names it.
    /// </summary>
    /// <exception cref="NotACatalogException">The bytes are not a text catalog.</exception>
    public CatalogSnapshot ParseFetched(Uri url, byte[] body) => Parse(body, new Origin(SourceNames.ForLog(url), SourceNames.ForUsers(url)));

    /// <summary>Keeps a fetched body as the URL's cached copy, the one a start falls back to when the URL is down.</summary>
    public Task KeepCacheAsync(Uri url, byte[] body) => SaveCacheAsync(CachePathFor(url), body);

    /// <returns>The body, or null and why there is none (an HTTP status, a timeout, the size limit...).</returns>
    private async Task<(byte[]? Body, string Reason)> FetchAsync(Uri url, CancellationToken cancellationToken) =>
        await new UpstreamFetcher(httpClients, catalogOptions, time).FetchAsync(url, since: null, cancellationToken) switch
        {
            UpstreamFetch.Fetched fetched => (fetched.Body, ""),
            UpstreamFetch.Failed failed => (null, failed.Reason),
            var other => (null, $"unexpected answer to an unconditional request: {other}"),
        };

    /// <exception cref="NotACatalogException">The bytes are not a text catalog.</exception>
    private CatalogSnapshot Parse(byte[] bytes, Origin origin)
    {
        var parsed = parser.Parse(CatalogText.Decode(bytes));
        CatalogText.RequireLinkedEntry(parsed.Imported.List);
        if (parsed.Repair is { CodePage: not null } repair)
            LogRepaired(origin.LogName, repair.CodePage, repair.Reversed + repair.Reconstructed, repair.Unsure);
        // Counted the way 'catalog check' counts (import problems plus what the check adds), so the two agree.
        var findings = DltBot.Catalog.Import.CatalogCheck.Run(parsed.Imported).Count;
        if (findings > 0)
            LogCheckFindings(origin.LogName, findings, parsed.Imported.Problems.Count);
        return new CatalogSnapshot(parsed.Imported.List, parsed.Imported.Problems, origin.LogName, time.GetUtcNow(), origin.PublicName);
    }

    /// <exception cref="NotACatalogException">The file is too large or not a text catalog.</exception>
    /// <exception cref="CatalogLoadException">The file cannot be read.</exception>
    private async Task<CatalogSnapshot> ReadAndParseAsync(string path, Origin origin, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
                throw new NotACatalogException($"is larger than Catalog:MaxBytes ({CappedDownload.Describe(MaxBytes)}): it has {CappedDownload.Describe(length)}");
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogLoadException($"Cannot read catalog file '{path}': {e.Message}", e);
        }
        return Parse(bytes, origin);
    }

    private async Task SaveCacheAsync(string cachePath, byte[] body)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cachePath)!);
            // Write then rename, so a crash mid-write never leaves a truncated cache that a later fallback would trust.
            var temporary = cachePath + ".tmp";
            await File.WriteAllBytesAsync(temporary, body);
            File.Move(temporary, cachePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogCacheWriteFailed(cachePath, e.Message);
        }
    }

    [LoggerMessage(EventId = 1001, EventName = "CatalogFetchFailed", Level = LogLevel.Warning,
        Message = "Could not use the catalog from {Url} ({Reason}); using {Fallback}.")]
    private partial void LogFetchFailed(string url, string reason, string fallback);

    [LoggerMessage(EventId = 1002, EventName = "CatalogCacheWriteFailed", Level = LogLevel.Warning,
        Message = "Could not write the catalog cache {Path}: {Reason}. The fetched list is used but not kept.")]
    private partial void LogCacheWriteFailed(string path, string reason);

    [LoggerMessage(EventId = 1003, EventName = "CatalogRepaired", Level = LogLevel.Warning,
        Message = "The catalog {Source} was mojibake (through {CodePage}); repaired {Repaired} characters in memory, {Unsure} unsure. Run 'dltbot catalog repair' to fix the file.")]
    private partial void LogRepaired(string source, string codePage, int repaired, int unsure);

    [LoggerMessage(EventId = 1004, EventName = "CatalogCheckFindings", Level = LogLevel.Information,
        Message = "The catalog {Source} loaded; things for a curator to fix: {Findings} (import problems among them: {ImportProblems}); 'dltbot catalog check' lists them.")]
    private partial void LogCheckFindings(string source, int findings, int importProblems);

    [LoggerMessage(EventId = 1005, EventName = "CatalogCacheUnusable", Level = LogLevel.Warning,
        Message = "The cached catalog {Path} cannot be used ({Reason}); ignoring it.")]
    private partial void LogCacheUnusable(string path, string reason);
}
