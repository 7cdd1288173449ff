using DltBot.Discord.Gateway;
using DltBot.Discord.Rest;
using DltBot.Discord.Tests.Gateway.Fakes;
using DltBot.FakeDiscord;

namespace DltBot.Discord.Tests.Gateway;

/// <summary>The real stack (REST for /gateway/bot, WebSocketGatewayTransport, GatewayClient) against the shared fake Discord on 127.0.0.1.</summary>
public sealed class GatewayAgainstFakeDiscordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Identify_then_survive_a_drop_and_a_zombie_by_resuming_and_stop_cleanly()
    {
        await using var server = await FakeDiscordServer.StartAsync(
            new FakeDiscordOptions { ExpectedToken = GatewayScript.Token, HeartbeatIntervalMs = GatewayScript.HeartbeatIntervalMs }, Ct);
        var time = new ObservableFakeTimeProvider();
        using var http = new HttpClient();
        var rest = new DiscordRestClient(http, new DiscordRestOptions { Token = GatewayScript.Token, ApiBaseUrl = server.RestBaseUrl });
        var handler = new RecordingDispatchHandler();
        var client = new GatewayClient(
            new GatewayClientOptions { Token = GatewayScript.Token },
            new WebSocketGatewayTransportFactory(), new RestGatewayBotInfoSource(rest), handler, time, new FixedRandom(0.5),
            reconnectDelay: new ImmediateGatewayReconnectDelay());
        var interval = TimeSpan.FromMilliseconds(GatewayScript.HeartbeatIntervalMs);

        await client.StartAsync(Ct);

        Assert.Equal("READY", (await handler.NextAsync()).EventName);
        var identify = await server.Gateway.WaitForIdentifyAsync(1, Ct).WithTimeout();
        Assert.Equal(1, identify.Data.GetProperty("intents").GetInt32());
        Assert.Equal(server.Gateway.CurrentSessionId, client.SessionId);
        await server.Gateway.SendInteractionAsync("""{"id":"1528695483772572338","type":2,"data":{"name":"dlt"}}""", Ct);
        Assert.Equal("INTERACTION_CREATE", (await handler.NextAsync()).EventName);

        // 1. TCP drop without a close frame: resume on resume_gateway_url; an event sent meanwhile arrives once.
        await server.Gateway.DropConnectionAsync().WithTimeout();
        await server.Gateway.SendDispatchAsync("GUILD_CREATE", """{"id":"838486034743296000"}""", Ct);
        var resume = await server.Gateway.WaitForResumeAsync(1, Ct).WithTimeout();
        Assert.Equal(client.SessionId, resume.Data.GetProperty("session_id").GetString());
        var afterDrop = new[] { await handler.NextAsync(), await handler.NextAsync() }.Select(d => d.EventName).Order();
        Assert.Equal(["GUILD_CREATE", "RESUMED"], afterDrop);
        var resumed = await server.Gateway.WaitForConnectionAsync(2, Ct).WithTimeout();
        Assert.Equal("/gateway-resume", resumed.Path);
        Assert.Equal("?v=10&encoding=json", resumed.Query);

        // 2. Zombie: the server stops ACKing; one unanswered beat later the client closes (not 1000) and resumes.
        server.Gateway.WithholdHeartbeatAcks = true;
        time.Advance(interval * 0.5);
        await server.Gateway.WaitForHeartbeatAsync(1, Ct).WithTimeout();
        time.Advance(interval);
        await resumed.Closed.WithTimeout();
        Assert.Equal(GatewayClient.ResumableCloseCode, resumed.ClientCloseStatus);
        await server.Gateway.WaitForResumeAsync(2, Ct).WithTimeout();
        Assert.Equal("RESUMED", (await handler.NextAsync()).EventName);
        Assert.True(client.IsReady);

        // 3. Clean stop ends the session with 1000.
        var last = await server.Gateway.WaitForConnectionAsync(3, Ct).WithTimeout();
        await client.StopAsync(Ct).WithTimeout();
        await last.Closed.WithTimeout();
        Assert.Equal(1000, last.ClientCloseStatus);

        var sequences = handler.Handled.Select(d => d.Sequence).ToArray();
        Assert.Equal(sequences.Order().Distinct(), sequences);
        Assert.Single(server.Gateway.ReceivedFrames, frame => frame.Op == 2);
    }

    [Fact]
    public async Task A_wrong_token_stops_with_the_4004_explanation()
    {
        await using var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = "the-right-token" }, Ct);
        var botInfo = new StaticBotInfoSource();
        botInfo.Info = botInfo.Info with { Url = new Uri(server.GatewayUrl) };
        var client = new GatewayClient(
            new GatewayClientOptions { Token = "a-stale-token" },
            new WebSocketGatewayTransportFactory(), botInfo, new RecordingDispatchHandler(), new ObservableFakeTimeProvider(), new FixedRandom(0.5),
            reconnectDelay: new ImmediateGatewayReconnectDelay());

        await client.StartAsync(Ct);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => client.Completion.WithTimeout());
        Assert.Contains("4004: authentication failed; the bot token is wrong or was reset", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Gateway.Connections);
    }
}
