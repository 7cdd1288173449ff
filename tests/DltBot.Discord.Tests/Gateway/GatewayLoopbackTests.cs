using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

/// <summary>WebSocketGatewayTransport + GatewayClient over a real socket on 127.0.0.1.</summary>
public sealed class GatewayLoopbackTests
{
    [Fact]
    public async Task Identify_ready_op7_resume_and_stop_over_a_real_websocket()
    {
        await using var server = await LoopbackGatewayServer.StartAsync();
        var time = new ObservableFakeTimeProvider();
        var handler = new RecordingDispatchHandler();
        var botInfo = new StaticBotInfoSource();
        botInfo.Info = botInfo.Info with { Url = server.BaseUri };
        var client = new GatewayClient(
            new GatewayClientOptions { Token = GatewayScript.Token },
            new WebSocketGatewayTransportFactory(), botInfo, handler, time, new FixedRandom(0.5),
            reconnectDelay: new ImmediateGatewayReconnectDelay());
        await client.StartAsync(TestContext.Current.CancellationToken);

        var first = await server.NextConnectionAsync();
        Assert.Equal("/?v=10&encoding=json", first.PathAndQuery);
        await first.SendAsync("""{"op":10,"s":null,"t":null,"d":{"heartbeat_interval":41250}}""", fragments: 3);
        var identify = await first.NextReceivedAsync(2);
        Assert.Equal(1, identify.GetProperty("d").GetProperty("intents").GetInt32());
        var resumeUrl = new Uri(server.BaseUri, "resume-here");
        var ready = "{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":{\"session_id\":\"loop-1\",\"resume_gateway_url\":\"" + resumeUrl + "\",\"guilds\":[],\"user\":{\"id\":\"1\"}}}";
        await first.SendAsync(ready, fragments: 4);
        Assert.Equal("READY", (await handler.NextAsync()).EventName);
        await first.SendAsync("""{"op":0,"s":2,"t":"INTERACTION_CREATE","d":{"id":"1528695483772572338","type":2,"locale":"zh-CN","data":{"name":"dlt"}}}""", fragments: 2);
        Assert.Equal("zh-CN", (await handler.NextAsync()).Data.GetProperty("locale").GetString());

        await first.SendAsync("""{"op":7,"s":null,"t":null,"d":null}""");

        Assert.Equal(GatewayClient.ResumableCloseCode, await first.ClientClosed);
        var second = await server.NextConnectionAsync();
        Assert.Equal("/resume-here?v=10&encoding=json", second.PathAndQuery);
        await second.SendAsync("""{"op":10,"s":null,"t":null,"d":{"heartbeat_interval":41250}}""");
        var resume = (await second.NextReceivedAsync(6)).GetProperty("d");
        Assert.Equal("loop-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        await second.SendAsync("""{"op":0,"s":3,"t":"RESUMED","d":{}}""");
        Assert.Equal("RESUMED", (await handler.NextAsync()).EventName);
        Assert.True(client.IsReady);

        time.Advance(TimeSpan.FromMilliseconds(41250 * 0.5));
        Assert.Equal(3, (await second.NextReceivedAsync(1)).GetProperty("d").GetInt32());

        await client.StopAsync(TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(1000, await second.ClientClosed);
        await client.Completion.WithTimeout();
        Assert.Equal([1, 2, 3], handler.Handled.Select(d => d.Sequence));
    }

    [Fact]
    public async Task A_fatal_close_from_a_real_server_stops_the_client()
    {
        await using var server = await LoopbackGatewayServer.StartAsync();
        var botInfo = new StaticBotInfoSource();
        botInfo.Info = botInfo.Info with { Url = server.BaseUri };
        var client = new GatewayClient(
            new GatewayClientOptions { Token = GatewayScript.Token },
            new WebSocketGatewayTransportFactory(), botInfo, new RecordingDispatchHandler(), new ObservableFakeTimeProvider(), new FixedRandom(0.5),
            reconnectDelay: new ImmediateGatewayReconnectDelay());
        await client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await server.NextConnectionAsync();
        await connection.SendAsync("""{"op":10,"s":null,"t":null,"d":{"heartbeat_interval":41250}}""");
        await connection.NextReceivedAsync(2);

        await connection.CloseAsync(4004);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => client.Completion.WithTimeout());
        Assert.StartsWith("Discord closed the gateway with 4004: authentication failed;", error.Message, StringComparison.Ordinal);
    }
}
