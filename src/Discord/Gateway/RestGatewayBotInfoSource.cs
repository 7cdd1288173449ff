using DltBot.Discord.Rest;

namespace DltBot.Discord.Gateway;

/// <summary><see cref="IGatewayBotInfoSource"/> over <c>GET /gateway/bot</c> of the REST client.</summary>
public sealed class RestGatewayBotInfoSource(IDiscordRestClient rest) : IGatewayBotInfoSource
{
    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var bot = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        if (!Uri.TryCreate(bot.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            throw new InvalidDataException($"GET /gateway/bot returned url '{bot.Url}', which is not a ws:// or wss:// URL.");
        }

        var limit = bot.SessionStartLimit;
        return new GatewayBotInfo(url, bot.Shards,
            new GatewaySessionStartLimit(limit.Total, limit.Remaining, TimeSpan.FromMilliseconds(limit.ResetAfter), limit.MaxConcurrency));
    }
}
