using System.Globalization;
using DltBot.Bot.CatalogLoading;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Configuration;

/// <summary>Section <c>Catalog</c>: where the reading list comes from.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>The list shipped next to the binary; used when nothing else is configured or a URL cannot be fetched.</summary>
    public const string BundledPath = "catalog/deep-learning-theory.md";

    /// <summary>A file path (relative to the current directory, then to the binary) or an http(s) URL.</summary>
    public string Source { get; set; } = BundledPath;

    /// <summary>How long fetching a URL source may take before the cached or bundled copy is used.</summary>
    public int FetchTimeoutSeconds { get; set; } = 10;

    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const long MinMaxBytes = 1024;
    public const long MaxMaxBytes = 1024L * 1024 * 1024;

    /// <summary>The largest catalog read, from a URL or a file; a download stops there (the list itself is about 45 KB).</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromHours(6);
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1), MaxRefreshInterval = TimeSpan.FromDays(7);

    /// <summary>How often a URL source is fetched again (a conditional request: an unchanged list costs a 304).</summary>
    public TimeSpan RefreshInterval { get; set; } = DefaultRefreshInterval;
}

/// <summary>Section <c>Data</c>: where the bot keeps files it writes.</summary>
public sealed class DataOptions
{
    public const string SectionName = "Data";

    public string Directory { get; set; } = "./data";
}

/// <summary>Section <c>Bot</c>: console-side behaviour.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>Locale of console and one-shot output (e.g. en-US, zh-CN); empty means the system's UI culture.</summary>
    public string Locale { get; set; } = "";

    public string EffectiveLocale => string.IsNullOrWhiteSpace(Locale) ? CultureInfo.CurrentUICulture.Name : Locale;
}

internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Source))
        {
            failures.Add($"Catalog:Source is empty; set it to a file path or an http(s) URL (default: {CatalogOptions.BundledPath}).");
        }
        else if (CatalogSource.Parse(options.Source) is CatalogSource.Unsupported unsupported)
        {
            failures.Add($"Catalog:Source '{SourceNames.ForLog(options.Source)}' uses the scheme '{unsupported.Scheme}'; use a file path or an http(s) URL.");
        }
        if (options.FetchTimeoutSeconds is < 1 or > 300)
            failures.Add($"Catalog:FetchTimeoutSeconds must be between 1 and 300 seconds (was {options.FetchTimeoutSeconds}).");
        if (options.MaxBytes is < CatalogOptions.MinMaxBytes or > CatalogOptions.MaxMaxBytes)
            failures.Add($"Catalog:MaxBytes must be between {CatalogOptions.MinMaxBytes} (1 KB) and {CatalogOptions.MaxMaxBytes} (1 GB) (was {options.MaxBytes}; default {CatalogOptions.DefaultMaxBytes}, 10 MB).");
        if (options.RefreshInterval < CatalogOptions.MinRefreshInterval || options.RefreshInterval > CatalogOptions.MaxRefreshInterval)
            failures.Add($"Catalog:RefreshInterval must be between 00:01:00 (1 minute) and 7.00:00:00 (7 days) (was {options.RefreshInterval:c}; default 06:00:00).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Directory))
            return ValidateOptionsResult.Fail("Data:Directory is empty; set it to a writable folder (default: ./data).");
        if (options.Directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            return ValidateOptionsResult.Fail($"Data:Directory '{options.Directory}' contains characters that are not allowed in a path.");
        return ValidateOptionsResult.Success;
    }
}

internal sealed class BotOptionsValidator : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Locale)) return ValidateOptionsResult.Success;
        try
        {
            _ = CultureInfo.GetCultureInfo(options.Locale, predefinedOnly: true);
            return ValidateOptionsResult.Success;
        }
        catch (CultureNotFoundException)
        {
            return ValidateOptionsResult.Fail($"Bot:Locale '{options.Locale}' is not a known culture name; use e.g. en-US or zh-CN, or leave it empty.");
        }
    }
}
