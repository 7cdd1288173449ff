using DltBot.Discord.Rest;

namespace DltBot.Discord.Gateway;

/// <summary><see cref="IGatewayBotInfoSource"/> over <c>GET /gateway/bot</c> of the REST client.</summary>
public sealed class RestGatewayBotInfoSource(IDiscordRestClient rest) : IGatewayBotInfoSource
{
    public async Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        Models.GatewayBot bot;
        try
        {
            bot = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordRestException ex) when (ex.IsUnauthorized)
        {
            // Retrying with a rejected token only burns the invalid-request budget; same remedy as close code 4004.
            throw new GatewayFatalException(
                new GatewayCloseDecision(null, GatewayReconnectAction.Stop, "GET /gateway/bot answered 401 Unauthorized",
                    GatewayCloseCodePolicy.Decide(4004).Fix),
                ex);
        }

        if (!Uri.TryCreate(bot.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            throw new InvalidDataException($"GET /gateway/bot returned url '{bot.Url}', which is not a ws:// or wss:// URL.");
        }

        var limit = bot.SessionStartLimit;
        return new GatewayBotInfo(url, bot.Shards,
            new GatewaySessionStartLimit(limit.Total, limit.Remaining, TimeSpan.FromMilliseconds(limit.ResetAfter), limit.MaxConcurrency));
    }
}
