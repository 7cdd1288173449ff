using DltBot.Discord.Gateway;

namespace DltBot.Discord.Rest;

/// <summary>Feeds the gateway its URL and identify budget from GET /gateway/bot.</summary>
public sealed class RestGatewayBotInfoSource(IDiscordRestClient rest) : IGatewayBotInfoSource
{
    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var bot = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        if (!Uri.TryCreate(bot.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            throw new DiscordRestException(DiscordRoute.GetGatewayBot().RouteKey, System.Net.HttpStatusCode.OK, null,
                $"GET /gateway/bot returned '{bot.Url}', which is not a ws(s) URL.");
        }

        var limit = bot.SessionStartLimit;
        return new GatewayBotInfo(
            url,
            bot.Shards,
            new Gateway.SessionStartLimit(limit.Total, limit.Remaining, TimeSpan.FromMilliseconds(limit.ResetAfter), Math.Max(1, limit.MaxConcurrency)));
    }
}
