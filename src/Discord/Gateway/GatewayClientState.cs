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
}
