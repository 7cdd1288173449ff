using Microsoft.Extensions.Options;
using Quartz;

namespace DltBot.Bot.LinkHealth;

/// <summary>Section <c>LinkCheck</c>: when the links of the list are checked and how politely.</summary>
public sealed class LinkCheckOptions
{
    public const string SectionName = "LinkCheck";

    /// <summary>Sundays at 03:00 UTC (Quartz cron: seconds minutes hours day-of-month month day-of-week).</summary>
    public const string DefaultSchedule = "0 0 3 ? * SUN";

    public const string DefaultUserAgent = "DltBot-LinkCheck/1.0 (+https://github.com/dltbot/dltbot)";

    /// <summary>A Quartz cron expression, in UTC; empty turns the scheduled check off (the CLI still checks).</summary>
    public string Schedule { get; set; } = DefaultSchedule;

    /// <summary>Requests in flight at once, over all hosts (each host still gets one at a time).</summary>
    public int MaxConcurrentRequests { get; set; } = 16;

    /// <summary>Names the bot and where its maintainers are, so a site owner can tell who knocks.</summary>
    public string UserAgent { get; set; } = DefaultUserAgent;

    public const int MinConcurrentRequests = 1, MaxConcurrentRequestsLimit = 256;

    public LinkCheckSettings ToSettings() => LinkCheckSettings.Default with
    {
        MaxConcurrentRequests = MaxConcurrentRequests,
        UserAgent = UserAgent.Trim(),
    };
}

/// <summary>The rules one check follows; the numbers are the defaults and not configurable on purpose.</summary>
/// <param name="Timeout">Each request, from sending to the end of the headers, on the <see cref="TimeProvider"/>: a server that drips bytes is cut off here.</param>
/// <param name="HostSpacing">The least time between the end of one request to a host and the start of the next.</param>
/// <param name="ArxivSpacing">The same for arXiv, whose rule is one request every 3 s for all of arxiv.org.</param>
/// <param name="MaxRetryAfter">The longest a 429's Retry-After is waited for; longer, the link is left undecided.</param>
/// <param name="RateLimitRetries">How many times a 429 is waited out and asked again.</param>
/// <param name="MaxActiveHosts">Hosts worked on at once (each waits most of its time): bounds memory, not politeness.</param>
public sealed record LinkCheckSettings(
    TimeSpan Timeout,
    int MaxRedirects,
    TimeSpan HostSpacing,
    TimeSpan ArxivSpacing,
    TimeSpan MaxRetryAfter,
    TimeSpan DefaultRetryAfter,
    int RateLimitRetries,
    int MaxConcurrentRequests,
    int MaxActiveHosts,
    string UserAgent)
{
    public static LinkCheckSettings Default { get; } = new(
        Timeout: TimeSpan.FromSeconds(10),
        MaxRedirects: 5,
        HostSpacing: TimeSpan.FromSeconds(1),
        ArxivSpacing: TimeSpan.FromSeconds(3),
        MaxRetryAfter: TimeSpan.FromMinutes(2),
        DefaultRetryAfter: TimeSpan.FromSeconds(10),
        RateLimitRetries: 2,
        MaxConcurrentRequests: 16,
        MaxActiveHosts: 1024,
        UserAgent: LinkCheckOptions.DefaultUserAgent);
}

internal sealed class LinkCheckOptionsValidator : IValidateOptions<LinkCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, LinkCheckOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.Schedule) && !IsCron(options.Schedule.Trim()))
            failures.Add($"LinkCheck:Schedule '{options.Schedule}' is not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '{LinkCheckOptions.DefaultSchedule}'); leave it empty to turn the weekly check off.");
        if (options.MaxConcurrentRequests is < LinkCheckOptions.MinConcurrentRequests or > LinkCheckOptions.MaxConcurrentRequestsLimit)
            failures.Add($"LinkCheck:MaxConcurrentRequests must be between {LinkCheckOptions.MinConcurrentRequests} and {LinkCheckOptions.MaxConcurrentRequestsLimit} (was {options.MaxConcurrentRequests}).");
        if (string.IsNullOrWhiteSpace(options.UserAgent) || !System.Net.Http.Headers.ProductInfoHeaderValue.TryParse(options.UserAgent.Trim().Split(' ')[0], out _))
            failures.Add($"LinkCheck:UserAgent '{options.UserAgent}' is not a User-Agent (product/version, then a comment with the repository; default: {LinkCheckOptions.DefaultUserAgent}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsCron(string expression)
    {
        try
        {
            _ = new CronExpression(expression);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
