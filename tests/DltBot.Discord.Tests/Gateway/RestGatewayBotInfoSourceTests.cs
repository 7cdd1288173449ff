using DltBot.Discord.Gateway;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using DltBot.Discord.Tests.Gateway.Fakes;
using Moq;

namespace DltBot.Discord.Tests.Gateway;

public sealed class RestGatewayBotInfoSourceTests
{
    [Fact]
    public async Task Maps_url_shards_and_session_start_limit_with_reset_after_in_milliseconds()
    {
        var rest = RestReturning("wss://gateway.discord.gg", new SessionStartLimit { Total = 1000, Remaining = 997, ResetAfter = 73_152_341, MaxConcurrency = 1 });

        var info = await new RestGatewayBotInfoSource(rest).GetGatewayBotAsync(TestContext.Current.CancellationToken);

        Assert.Equal(new Uri("wss://gateway.discord.gg"), info.Url);
        Assert.Equal(new GatewaySessionStartLimit(1000, 997, TimeSpan.FromMilliseconds(73_152_341), 1), info.SessionStartLimit);
    }

    [Theory]
    [InlineData("https://discord.com")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_a_websocket_is_a_clear_error(string url)
    {
        var rest = RestReturning(url, new SessionStartLimit { Total = 1, Remaining = 1, MaxConcurrency = 1 });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => new RestGatewayBotInfoSource(rest).GetGatewayBotAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"'{url}'", error.Message, StringComparison.Ordinal);
    }

    private static IDiscordRestClient RestReturning(string url, SessionStartLimit limit)
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GatewayBot { Url = url, Shards = 1, SessionStartLimit = limit });
        return rest.Object;
    }
}

public sealed class GatewayStartupFailureTests
{
    [Fact]
    public async Task A_rejected_token_on_gateway_bot_stops_the_client_instead_of_retrying()
    {
        var rest = new Mock<IDiscordRestClient>(MockBehavior.Strict);
        rest.Setup(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DiscordRestException("GET /gateway/bot", System.Net.HttpStatusCode.Unauthorized, 0, "401: Unauthorized"));
        var transports = new Fakes.ScriptedTransportFactory();
        var client = new GatewayClient(new GatewayClientOptions { Token = "stale" }, transports, new RestGatewayBotInfoSource(rest.Object),
            new Fakes.RecordingDispatchHandler(), new Fakes.ObservableFakeTimeProvider(), new Fakes.FixedRandom(0.5));

        await client.StartAsync(TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => client.Completion.WithTimeout());
        Assert.StartsWith("The gateway cannot start: GET /gateway/bot answered 401 Unauthorized; the bot token is wrong", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, transports.CreatedCount);
        rest.Verify(r => r.GetGatewayBotAsync(It.IsAny<CancellationToken>()), Times.Once);
    }
}
