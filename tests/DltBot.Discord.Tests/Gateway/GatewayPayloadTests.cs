using System.Text;
using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayPayloadTests
{
    [Fact]
    public async Task First_heartbeat_carries_an_explicit_null_and_identify_omits_the_shard()
    {
        var transport = new ScriptedGatewayTransport();
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(new FakeTimeProvider()));

        await sender.SendHeartbeatAsync(null, TestContext.Current.CancellationToken);
        await sender.SendIdentifyAsync(new IdentifyData("t", 1, new IdentifyProperties("linux", "DltBot", "DltBot")), TestContext.Current.CancellationToken);
        await sender.SendResumeAsync(new ResumeData("t", "abc", 42), TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                """{"op":1,"d":null}""",
                """{"op":2,"d":{"token":"t","intents":1,"properties":{"os":"linux","browser":"DltBot","device":"DltBot"}}}""",
                """{"op":6,"d":{"token":"t","session_id":"abc","seq":42}}""",
            ],
            transport.Sent);
    }

    [Fact]
    public async Task A_frame_over_4096_bytes_is_refused_with_a_clear_error_and_never_sent()
    {
        var transport = new ScriptedGatewayTransport();
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(new FakeTimeProvider()));
        using var big = JsonDocument.Parse($$"""{"status":"online","note":"{{new string('x', 4100)}}"}""");

        var error = await Assert.ThrowsAsync<GatewayPayloadTooLargeException>(
            () => sender.SendAsync(GatewayOpcode.PresenceUpdate, big.RootElement, TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Opcode);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Contains("4002", error.Message, StringComparison.Ordinal);
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task A_frame_of_exactly_4096_bytes_is_sent()
    {
        var transport = new ScriptedGatewayTransport();
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(new FakeTimeProvider()));
        var overhead = """{"op":3,"d":""}""".Length;
        using var exact = JsonDocument.Parse($"\"{new string('x', GatewayFrameSender.MaxFrameBytes - overhead)}\"");

        await sender.SendAsync(GatewayOpcode.PresenceUpdate, exact.RootElement, TestContext.Current.CancellationToken);

        Assert.Equal(GatewayFrameSender.MaxFrameBytes, Encoding.UTF8.GetByteCount(Assert.Single(transport.Sent)));
    }
}
