namespace DltBot.Discord.Rest;

/// <summary>Settings of the REST client; the bot binds them from the "Discord" configuration section.</summary>
public sealed record DiscordRestOptions
{
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token, without the "Bot " prefix.</summary>
    public required string Token { get; init; }

    /// <summary>Configuration key <c>Discord:ApiBaseUrl</c>; tests point it at a fake server.</summary>
    public string ApiBaseUrl { get; init; } = DefaultApiBaseUrl;

    public string UserAgentUrl { get; init; } = "https://github.com/dltbot/dltbot";
    public string UserAgentVersion { get; init; } = "1.0";

    /// <summary>Total attempts per request (first try + retries) for 5xx, timeouts, transport errors and 429.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Per-attempt timeout measured on the injected <see cref="TimeProvider"/>; null disables it.</summary>
    public TimeSpan? AttemptTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Longest rate-limit wait we accept before failing with <see cref="DiscordRateLimitedException"/>;
    /// an interaction cannot wait an hour for a Cloudflare ban to lift.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// This client's share of Discord's global limit, in bot requests per rolling second (interaction routes are exempt).
    /// Discord's limit (50) belongs to the token, not the process: N instances of one bot each take 50/N.
    /// </summary>
    public int GlobalRequestsPerSecond { get; init; } = DefaultGlobalRequestsPerSecond;

    /// <summary>Discord's global limit per bot token.</summary>
    public const int DefaultGlobalRequestsPerSecond = 50;

    /// <summary>Discord bans an IP for a while after 10,000 invalid requests (401, 403, 429) in 10 minutes.</summary>
    public int InvalidRequestLimit { get; init; } = 10_000;

    public TimeSpan InvalidRequestWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>We stop sending this many requests short of <see cref="InvalidRequestLimit"/>.</summary>
    public int InvalidRequestSafetyMargin { get; init; } = 500;

    /// <summary>
    /// Largest file we upload, checked before sending. Discord's limit per file depends on the server's boost level;
    /// the default is the unboosted one (10 MiB), which holds everywhere.
    /// </summary>
    public long MaxFileBytes { get; init; } = DltBot.Discord.Builders.DiscordLimits.FileBytesUnboosted;

    public string UserAgent => $"DiscordBot ({UserAgentUrl}, {UserAgentVersion})";

    // Records print every member; the token must never reach a log line.
    public override string ToString() =>
        $"DiscordRestOptions {{ Token = ***, ApiBaseUrl = {ApiBaseUrl}, MaxAttempts = {MaxAttempts}, AttemptTimeout = {AttemptTimeout} }}";
}
