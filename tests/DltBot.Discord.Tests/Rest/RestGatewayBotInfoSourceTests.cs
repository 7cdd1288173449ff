using System.Net;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

public sealed class RestGatewayBotInfoSourceTests
{
    [Fact]
    public async Task Gateway_info_is_mapped_from_get_gateway_bot()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":997,"reset_after":73152341,"max_concurrency":1}}""");

        var info = await new RestGatewayBotInfoSource(kit.Client).GetGatewayBotAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("wss://gateway.discord.gg"), info.Url);
        Assert.Equal(997, info.SessionStartLimit.Remaining);
        Assert.Equal(TimeSpan.FromMilliseconds(73152341), info.SessionStartLimit.ResetAfter);
        Assert.Equal(1, info.SessionStartLimit.MaxConcurrency);
    }

    [Fact]
    public async Task A_url_that_is_not_a_websocket_is_a_clear_error()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """{"url":"https://example.invalid","shards":1,"session_start_limit":{"total":1,"remaining":1,"reset_after":1,"max_concurrency":1}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => new RestGatewayBotInfoSource(kit.Client).GetGatewayBotAsync(TestContext.Current.CancellationToken));

        Assert.Contains("not a ws(s) URL", error.Message);
    }
}
