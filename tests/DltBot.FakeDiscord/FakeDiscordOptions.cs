namespace DltBot.FakeDiscord;

/// <summary>Start-up settings of a <see cref="FakeDiscordServer"/>; every value has a working default.</summary>
public sealed record FakeDiscordOptions
{
    public string ApplicationId { get; init; } = "1085140814004224007";

    /// <summary>Usually equal to the application id on Discord; set it apart to catch code that confuses the two.</summary>
    public string BotUserId { get; init; } = "1085140814004224007";

    public string BotUsername { get; init; } = "DltBot";

    /// <summary>
    /// When set, REST routes that need bot auth answer 401 unless <c>Authorization: Bot &lt;token&gt;</c> matches,
    /// and the gateway closes with 4004 on an IDENTIFY/RESUME with another token. Null accepts any token.
    /// </summary>
    public string? ExpectedToken { get; init; }

    public int HeartbeatIntervalMs { get; init; } = 41250;

    /// <summary>Clock for snowflakes, timestamps and rate-limit windows (not for any waiting: the fake never waits).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public FakeSessionStartLimit SessionStartLimit { get; init; } = new(1000, 1000, 86_400_000, 1);

    /// <summary>GET /gateway/bot's <c>shards</c> (Discord's recommended shard count).</summary>
    public int RecommendedShards { get; init; } = 1;
}

/// <summary>The <c>session_start_limit</c> object of GET /gateway/bot; <c>Remaining</c> drops by one per IDENTIFY.</summary>
public sealed record FakeSessionStartLimit(int Total, int Remaining, long ResetAfterMs, int MaxConcurrency);
