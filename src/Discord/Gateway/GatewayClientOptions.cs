namespace DltBot.Discord.Gateway;

public sealed record GatewayClientOptions
{
    public required string Token { get; init; }

    /// <summary>GUILDS only: INTERACTION_CREATE needs no intent, and privileged intents would close the connection with 4014.</summary>
    public GatewayIntents Intents { get; init; } = GatewayIntents.Guilds;

    public IdentifyProperties Properties { get; init; } = new(CurrentOs(), "DltBot", "DltBot");

    /// <summary>Set both for a sharded bot; leave null for the single shard a small bot uses.</summary>
    public int? ShardId { get; init; }

    public int? ShardCount { get; init; }

    /// <summary>Dispatches read but not yet handled. When full, reading pauses until the handler catches up.</summary>
    public int DispatchQueueCapacity { get; init; } = 1024;

    /// <summary>How long <see cref="GatewayClient.StopAsync(CancellationToken)"/> lets queued and running handlers finish.</summary>
    public TimeSpan HandlerDrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound for sending our close frame; a dead peer must not hold up a reconnect or shutdown.</summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Discord sends Hello right after the socket opens; a connection silent for this long is treated as dead.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed connects to the resume URL in a row before the session is given up and a new one identified.</summary>
    public int MaxResumeConnectFailures { get; init; } = 3;

    public override string ToString() =>
        $"GatewayClientOptions {{ Token = ***, Intents = {Intents}, ShardId = {ShardId}, ShardCount = {ShardCount} }}";

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Token))
        {
            throw new ArgumentException("Discord:Token is empty: set the bot token from the Developer Portal (Bot page).", nameof(Token));
        }

        if (ShardId.HasValue != ShardCount.HasValue || ShardId < 0 || ShardId >= ShardCount)
        {
            throw new ArgumentException($"Shard settings are inconsistent (id {ShardId}, count {ShardCount}): set neither, or an id below the count.", nameof(ShardId));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(DispatchQueueCapacity, 1, nameof(DispatchQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxResumeConnectFailures, 1, nameof(MaxResumeConnectFailures));
    }

    private static string CurrentOs() =>
        OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux";
}
