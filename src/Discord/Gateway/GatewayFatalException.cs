namespace DltBot.Discord.Gateway;

/// <summary>The client stopped because of a problem retrying cannot fix; <see cref="Exception.Message"/> says what to change.</summary>
public sealed class GatewayFatalException(GatewayCloseDecision decision, Exception? innerException = null)
    : Exception(decision.CloseCode is null
        ? $"The gateway cannot start: {decision.Meaning}; {decision.Fix}"
        : $"Discord closed the gateway with {decision.Describe()}", innerException)
{
    public GatewayCloseDecision Decision { get; } = decision;
}
