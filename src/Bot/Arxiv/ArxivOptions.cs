using Microsoft.Extensions.Options;

namespace DltBot.Bot.Arxiv;

/// <summary>Section <c>Arxiv</c>: where paper details for <c>/dlt-mod add</c> come from.</summary>
public sealed class ArxivOptions
{
    public const string SectionName = "Arxiv";

    public const string DefaultApiBaseUrl = "https://export.arxiv.org/api/query";

    /// <summary>The query endpoint; a lookup requests <c>?id_list=ID</c> from it.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one request may take, answer included (1-60 s).</summary>
    public int TimeoutSeconds { get; set; } = 10;

    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 60;
}

internal sealed class ArxivOptionsValidator : IValidateOptions<ArxivOptions>
{
    public ValidateOptionsResult Validate(string? name, ArxivOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            failures.Add($"Arxiv:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL (default: {ArxivOptions.DefaultApiBaseUrl}).");
        if (options.TimeoutSeconds is < ArxivOptions.MinTimeoutSeconds or > ArxivOptions.MaxTimeoutSeconds)
            failures.Add($"Arxiv:TimeoutSeconds must be between {ArxivOptions.MinTimeoutSeconds} and {ArxivOptions.MaxTimeoutSeconds} seconds (was {options.TimeoutSeconds}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
