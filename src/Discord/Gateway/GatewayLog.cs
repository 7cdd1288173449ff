using Microsoft.Extensions.Logging;

namespace DltBot.Discord.Gateway;

internal static partial class GatewayLog
{
    private static readonly Func<ILogger, int, int, IDisposable?> ShardScopeFormat = LoggerMessage.DefineScope<int, int>("shard {ShardId}/{ShardCount}");

    /// <summary>Every line a shard's session logs says which shard it is about.</summary>
    public static IDisposable? ShardScope(ILogger logger, int shardId, int shardCount) => ShardScopeFormat(logger, shardId, shardCount);

    [LoggerMessage(EventId = 5000, EventName = "GatewayConnecting", Level = LogLevel.Information, Message = "Connecting to the gateway at {Url} to {Mode}")]
    public static partial void Connecting(ILogger logger, Uri url, string mode);

    [LoggerMessage(EventId = 5001, EventName = "GatewayReady", Level = LogLevel.Information, Message = "Gateway session {SessionId} is ready")]
    public static partial void Ready(ILogger logger, string sessionId);

    [LoggerMessage(EventId = 5002, EventName = "GatewayResumed", Level = LogLevel.Information, Message = "Gateway session {SessionId} resumed at sequence {Sequence}")]
    public static partial void Resumed(ILogger logger, string? sessionId, int? sequence);

    [LoggerMessage(EventId = 5003, EventName = "GatewayClosed", Level = LogLevel.Warning, Message = "Gateway connection closed ({Description}); next: {Action}")]
    public static partial void Closed(ILogger logger, string description, GatewayReconnectAction action);

    [LoggerMessage(EventId = 5004, EventName = "GatewayFatalClose", Level = LogLevel.Critical, Message = "Gateway stopped for good: {Message}")]
    public static partial void Fatal(ILogger logger, string message);

    [LoggerMessage(EventId = 5005, EventName = "GatewayReconnectWait", Level = LogLevel.Information, Message = "Reconnecting to {Action} in {Delay}")]
    public static partial void ReconnectWait(ILogger logger, GatewayReconnectAction action, TimeSpan delay);

    [LoggerMessage(EventId = 5006, EventName = "GatewayZombie", Level = LogLevel.Warning, Message = "Zombie connection ({Reason}): closing it and resuming")]
    public static partial void Zombie(ILogger logger, string reason);

    [LoggerMessage(EventId = 5007, EventName = "GatewayReconnectRequested", Level = LogLevel.Information, Message = "Discord asked for a reconnect (op 7): resuming")]
    public static partial void ReconnectRequested(ILogger logger);

    [LoggerMessage(EventId = 5008, EventName = "GatewayInvalidSession", Level = LogLevel.Warning, Message = "Discord invalidated the session (op 9, resumable: {Resumable})")]
    public static partial void InvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(EventId = 5009, EventName = "GatewayIdentifyBudgetExhausted", Level = LogLevel.Warning,
        Message = "All {Total} identifies of the daily session_start_limit are used; waiting {Wait} until {ResetAt:O} before identifying (re-identifying now could get the token reset)")]
    public static partial void IdentifyBudgetExhausted(ILogger logger, int total, TimeSpan wait, DateTimeOffset resetAt);

    [LoggerMessage(EventId = 5010, EventName = "GatewayHandlerFailed", Level = LogLevel.Error, Message = "The dispatch handler failed on {EventName} (sequence {Sequence}); continuing with the next event")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string eventName, int sequence);

    [LoggerMessage(EventId = 5011, EventName = "GatewayHandlerDrainTimeout", Level = LogLevel.Warning, Message = "Dispatch handlers did not finish within {Timeout}; cancelling them")]
    public static partial void HandlerDrainTimeout(ILogger logger, TimeSpan timeout);

    [LoggerMessage(EventId = 5012, EventName = "GatewayConnectionFailed", Level = LogLevel.Warning, Message = "Gateway connection attempt failed")]
    public static partial void ConnectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5013, EventName = "GatewayBotInfoFailed", Level = LogLevel.Warning, Message = "Could not fetch /gateway/bot; using the cached gateway URL {Url}")]
    public static partial void BotInfoFailed(ILogger logger, Exception exception, Uri url);

    [LoggerMessage(EventId = 5014, EventName = "GatewayMalformedFrame", Level = LogLevel.Warning, Message = "Ignoring a gateway frame that is not valid JSON of the expected shape")]
    public static partial void MalformedFrame(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5015, EventName = "GatewayDuplicateDispatch", Level = LogLevel.Debug, Message = "Skipping dispatch {EventName} with sequence {Sequence}: already received up to {LastSequence}")]
    public static partial void DuplicateDispatch(ILogger logger, string eventName, int sequence, int lastSequence);

    [LoggerMessage(EventId = 5016, EventName = "GatewayStopped", Level = LogLevel.Information, Message = "Gateway client stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 5017, EventName = "GatewayResumeAbandoned", Level = LogLevel.Warning, Message = "Could not reach the resume URL {Attempts} times in a row; starting a new session")]
    public static partial void ResumeAbandoned(ILogger logger, int attempts);

    [LoggerMessage(EventId = 5018, EventName = "GatewayShardsStarting", Level = LogLevel.Information, Message = "Starting gateway shards {ShardIds} of {ShardCount} ({Source})")]
    public static partial void ShardsStarting(ILogger logger, string shardIds, int shardCount, string source);

    [LoggerMessage(EventId = 5019, EventName = "GatewayShardCountFailed", Level = LogLevel.Warning, Message = "GET /gateway/bot failed while asking for the recommended shard count; retrying in {Delay}")]
    public static partial void ShardCountFailed(ILogger logger, Exception exception, TimeSpan delay);
}
