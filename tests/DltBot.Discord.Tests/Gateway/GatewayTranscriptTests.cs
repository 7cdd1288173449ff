using System.Text.Json;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

/// <summary>One whole session in the order Discord's own transcript shows it, with every client frame checked.</summary>
public sealed class GatewayTranscriptTests
{
    [Fact]
    public async Task A_full_session_from_hello_to_invalid_session()
    {
        await using var harness = new GatewayHarness(random: 0); // jitter 0: the first beat goes out before Identify
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var first = await harness.Transports.NextConnectionAsync();

        first.ServerHello();
        Assert.Equal(JsonValueKind.Null, (await first.NextSentWithOpAsync(1)).GetProperty("d").ValueKind);
        await first.NextSentWithOpAsync(2);
        first.ServerAck();
        first.ServerReady();
        first.ServerDispatch("GUILD_CREATE", 2, """{"id":"838486034743296000","unavailable":false,"channels":[]}""");
        await harness.Handler.NextAsync();
        await harness.Handler.NextAsync();

        harness.Time.Advance(harness.HeartbeatInterval);
        Assert.Equal(2, (await first.NextSentWithOpAsync(1)).GetProperty("d").GetInt32());
        first.ServerAck();
        first.ServerDispatch("INTERACTION_CREATE", 3, """{"id":"1528695483772572338","type":2,"locale":"zh-CN","data":{"name":"post","options":[]}}""");
        Assert.Equal("zh-CN", (await harness.Handler.NextAsync()).Data.GetProperty("locale").GetString());

        first.ServerOp(7);
        Assert.NotEqual(1000, await first.ClosedByClient);

        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.ResumeUri, second.Uri);
        second.ServerHello();
        Assert.Equal(JsonValueKind.Number, (await second.NextSentWithOpAsync(1)).GetProperty("d").ValueKind);
        var resume = (await second.NextSentWithOpAsync(6)).GetProperty("d");
        Assert.Equal(3, resume.GetProperty("seq").GetInt32());
        second.ServerAck();
        second.ServerDispatch("RESUMED", 4);
        await harness.Handler.NextAsync();
        second.ServerOp(1);
        Assert.Equal(4, (await second.NextSentWithOpAsync(1)).GetProperty("d").GetInt32());

        harness.Time.Advance(TimeSpan.FromSeconds(10));
        second.ServerOp(9, "false");
        await second.ClosedByClient;
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1)); // 1 s + 4 s x jitter 0
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        var third = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.GatewayUri, third.Uri);
        third.ServerHello();
        Assert.Equal(JsonValueKind.Null, (await third.NextSentWithOpAsync(1)).GetProperty("d").ValueKind); // new session: no sequence yet
        await third.NextSentWithOpAsync(2);

        Assert.Equal(["READY", "GUILD_CREATE", "INTERACTION_CREATE", "RESUMED"], harness.Handler.Handled.Select(d => d.EventName));
    }
}
