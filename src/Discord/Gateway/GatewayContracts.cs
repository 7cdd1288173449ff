namespace DltBot.Discord.Gateway;

/// <summary>Where to connect and how many identifies are left; the bot implements it with <c>GET /gateway/bot</c>.</summary>
public interface IGatewayBotInfoSource
{
    Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken);
}

public sealed record GatewayBotInfo(Uri Url, int Shards, GatewaySessionStartLimit SessionStartLimit);

/// <param name="ResetAfter">Time until <paramref name="Remaining"/> goes back to <paramref name="Total"/>.</param>
/// <param name="MaxConcurrency">Identifies allowed per 5 seconds (one per bucket).</param>
public sealed record GatewaySessionStartLimit(int Total, int Remaining, TimeSpan ResetAfter, int MaxConcurrency);

/// <summary>Receives every dispatch (op 0), in sequence order, on a single consumer task.</summary>
public interface IGatewayDispatchHandler
{
    ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken);
}

/// <summary>A gateway event, raw: the bot parses <paramref name="Data"/> with the REST models.</summary>
public sealed record GatewayDispatch(string EventName, int Sequence, System.Text.Json.JsonElement Data);
