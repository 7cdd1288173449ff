namespace DltBot.Discord.Gateway;

public enum GatewayClientState
{
    Created,
    Connecting,
    Identifying,
    Resuming,
    Ready,
    Reconnecting,
    Stopping,
    Stopped,
    Faulted,

    /// <summary>Waiting for its turn in the identify budget (concurrency bucket or session start limit).</summary>
    WaitingToIdentify,
}
