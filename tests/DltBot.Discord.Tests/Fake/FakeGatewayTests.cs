using System.Net.WebSockets;
using System.Text.Json;
using DltBot.FakeDiscord;

namespace DltBot.Discord.Tests.Fake;

public sealed class FakeGatewayTests : IAsyncLifetime
{
    private static readonly TimeSpan SafetyNet = RawGatewayClient.SafetyNet;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private FakeDiscordServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { HeartbeatIntervalMs = 1234, ExpectedToken = "t0ken" });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Connect_sends_hello_with_the_configured_interval()
    {
        await using var client = await RawGatewayClient.ConnectAsync(_server.GatewayUrl);

        var hello = await client.ReceiveFrameAsync();

        Assert.Equal(10, hello.GetProperty("op").GetInt32());
        Assert.Equal(1234, hello.GetProperty("d").GetProperty("heartbeat_interval").GetInt32());
        var connection = await _server.Gateway.WaitForConnectionAsync(1, Ct).WaitAsync(SafetyNet, Ct);
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
    }

    [Fact]
    public async Task Identify_gets_ready_with_session_and_resume_url_and_is_recorded()
    {
        var (client, ready) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        Assert.Equal(_server.ResumeGatewayUrl, ready.GetProperty("resume_gateway_url").GetString());
        Assert.Equal(_server.Gateway.CurrentSessionId, ready.GetProperty("session_id").GetString());
        Assert.Equal(_server.Options.ApplicationId, ready.GetProperty("application").GetProperty("id").GetString());
        var identify = await _server.Gateway.WaitForIdentifyAsync(cancellationToken: Ct).WaitAsync(SafetyNet, Ct);
        Assert.Equal(1, identify.Data.GetProperty("intents").GetInt32());
        Assert.Equal(999, _server.Rest.SessionStartLimit.Remaining);
    }

    [Fact]
    public async Task Heartbeat_is_acked_unless_acks_are_withheld()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        await client.SendAsync("""{"op":1,"d":1}""");
        Assert.Equal(11, (await client.ReceiveFrameAsync()).GetProperty("op").GetInt32());

        _server.Gateway.WithholdHeartbeatAcks = true;
        await client.SendAsync("""{"op":1,"d":1}""");
        await _server.Gateway.WaitForHeartbeatAsync(2, Ct).WaitAsync(SafetyNet, Ct);
        await _server.Gateway.SendDispatchAsync("MARKER", "{}", Ct);

        // The next frame is the marker, not an ACK: the withheld heartbeat got no answer.
        var next = await client.ReceiveFrameAsync();
        Assert.Equal(0, next.GetProperty("op").GetInt32());
        Assert.Equal("MARKER", next.GetProperty("t").GetString());
    }

    [Fact]
    public async Task Dispatches_carry_increasing_sequence_numbers()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        var first = await _server.Gateway.SendInteractionAsync("""{"id":"1","type":2}""", Ct);
        var second = await _server.Gateway.SendDispatchAsync("GUILD_CREATE", """{"id":"5"}""", Ct);

        var a = await client.ReceiveFrameAsync();
        var b = await client.ReceiveFrameAsync();
        Assert.Equal((2, 3), (first, second)); // READY took 1
        Assert.Equal(("INTERACTION_CREATE", 2), (a.GetProperty("t").GetString(), a.GetProperty("s").GetInt32()));
        Assert.Equal("1", a.GetProperty("d").GetProperty("id").GetString());
        Assert.Equal(("GUILD_CREATE", 3), (b.GetProperty("t").GetString(), b.GetProperty("s").GetInt32()));
    }

    [Fact]
    public async Task Resume_after_a_drop_replays_missed_dispatches_in_order_then_resumed()
    {
        var (client, ready) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await _server.Gateway.SendDispatchAsync("SEEN", "{}", Ct);
        Assert.Equal(2, (await client.ReceiveFrameAsync()).GetProperty("s").GetInt32());

        await _server.Gateway.DropConnectionAsync();
        await Assert.ThrowsAnyAsync<WebSocketException>(() => client.ReceiveAsync());
        await client.DisposeAsync();
        await _server.Gateway.SendDispatchAsync("MISSED_A", """{"n":1}""", Ct);
        await _server.Gateway.SendDispatchAsync("MISSED_B", """{"n":2}""", Ct);

        await using var resumed = await RawGatewayClient.ConnectAsync(ready.GetProperty("resume_gateway_url").GetString()!);
        await resumed.ReceiveFrameAsync(); // HELLO
        await resumed.SendAsync($$$"""{"op":6,"d":{"token":"t0ken","session_id":"{{{ready.GetProperty("session_id").GetString()}}}","seq":2}}""");

        var names = new List<(string?, int)>();
        for (var i = 0; i < 3; i++)
        {
            var frame = await resumed.ReceiveFrameAsync();
            names.Add((frame.GetProperty("t").GetString(), frame.GetProperty("s").GetInt32()));
        }

        Assert.Equal([("MISSED_A", 3), ("MISSED_B", 4), ("RESUMED", 5)], names);
        var connection = await _server.Gateway.WaitForConnectionAsync(2, Ct).WaitAsync(SafetyNet, Ct);
        Assert.Equal("/gateway-resume", connection.Path);
        var resume = await _server.Gateway.WaitForResumeAsync(cancellationToken: Ct).WaitAsync(SafetyNet, Ct);
        Assert.Equal(2, resume.Data.GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task Resume_of_an_unknown_session_gets_invalid_session_false()
    {
        await using var client = await RawGatewayClient.ConnectAsync(_server.GatewayUrl);
        await client.ReceiveFrameAsync();

        await client.SendAsync("""{"op":6,"d":{"token":"t0ken","session_id":"nope","seq":3}}""");

        var frame = await client.ReceiveFrameAsync();
        Assert.Equal(9, frame.GetProperty("op").GetInt32());
        Assert.False(frame.GetProperty("d").GetBoolean());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Invalid_session_is_sent_and_only_a_non_resumable_one_kills_the_session(bool resumable)
    {
        var (client, ready) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        await _server.Gateway.SendInvalidSessionAsync(resumable, Ct);
        var frame = await client.ReceiveFrameAsync();
        Assert.Equal(9, frame.GetProperty("op").GetInt32());
        Assert.Equal(resumable, frame.GetProperty("d").GetBoolean());

        await using var second = await RawGatewayClient.ConnectAsync(_server.ResumeGatewayUrl);
        await second.ReceiveFrameAsync();
        await second.SendAsync($$$"""{"op":6,"d":{"token":"t0ken","session_id":"{{{ready.GetProperty("session_id").GetString()}}}","seq":1}}""");
        var answer = await second.ReceiveFrameAsync();
        Assert.Equal(resumable ? 0 : 9, answer.GetProperty("op").GetInt32());
    }

    [Fact]
    public async Task Reconnect_and_heartbeat_request_are_sent_as_op_7_and_op_1()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        await _server.Gateway.SendReconnectAsync(Ct);
        await _server.Gateway.SendHeartbeatRequestAsync(Ct);

        Assert.Equal(7, (await client.ReceiveFrameAsync()).GetProperty("op").GetInt32());
        Assert.Equal(1, (await client.ReceiveFrameAsync()).GetProperty("op").GetInt32());
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4004)]
    [InlineData(4009)]
    [InlineData(4014)]
    public async Task Close_sends_the_scripted_code(int code)
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        await _server.Gateway.CloseAsync(code, "scripted", cancellationToken: Ct);

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(code, (int)client.Socket.CloseStatus!.Value);
        Assert.Equal("scripted", client.Socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Client_close_code_is_recorded_on_the_connection()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;
        var connection = await _server.Gateway.WaitForConnectionAsync(1, Ct).WaitAsync(SafetyNet, Ct);

        await client.Socket.CloseAsync((WebSocketCloseStatus)4900, "zombie", Ct).WaitAsync(SafetyNet, Ct);
        await connection.Closed.WaitAsync(SafetyNet, Ct);

        Assert.Equal(4900, connection.ClientCloseStatus);
        Assert.False(connection.IsOpen);
    }

    [Fact]
    public async Task Fragmented_message_arrives_in_several_frames_and_reassembles()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;
        const string json = """{"op":0,"s":9,"t":"BIG","d":{"text":"深度学习理论 deep learning theory"}}""";

        await _server.Gateway.SendFragmentedAsync(json, 4, Ct);

        var frame = await client.ReceiveFrameAsync();
        Assert.Equal(4, client.LastFragmentCount);
        Assert.Equal("深度学习理论 deep learning theory", frame.GetProperty("d").GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("""{"op":2,"d":{"token":"wrong","intents":1,"properties":{}}}""", 4004)]
    [InlineData("""{"op":2,"d":{"token":"t0ken","intents":32769,"properties":{}}}""", 4014)]
    [InlineData("""{"op":42,"d":null}""", 4001)]
    [InlineData("""not json""", 4002)]
    [InlineData("""{"op":3,"d":{}}""", 4003)]
    public async Task Protocol_violations_close_with_discords_code(string frame, int expectedCode)
    {
        await using var client = await RawGatewayClient.ConnectAsync(_server.GatewayUrl);
        await client.ReceiveFrameAsync();

        await client.SendAsync(frame);

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(expectedCode, (int)client.Socket.CloseStatus!.Value);
    }

    [Fact]
    public async Task Second_identify_on_one_connection_closes_with_4005()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;

        await client.SendAsync("""{"op":2,"d":{"token":"t0ken","intents":1,"properties":{}}}""");

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4005, (int)client.Socket.CloseStatus!.Value);
    }

    [Fact]
    public async Task Oversized_frame_closes_with_4002_and_is_still_recorded()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;
        var big = $$$"""{"op":3,"d":{"pad":"{{{new string('x', 4100)}}}"}}""";

        await client.SendAsync(big);

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4002, (int)client.Socket.CloseStatus!.Value);
        var recorded = await _server.Gateway.WaitForFrameAsync(f => f.Op == 3, cancellationToken: Ct).WaitAsync(SafetyNet, Ct);
        Assert.True(recorded.ByteLength > 4096);
    }

    [Fact]
    public async Task Scripting_without_a_connection_or_session_fails_clearly()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _server.Gateway.SendReconnectAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _server.Gateway.SendDispatchAsync("X", "{}", Ct));
    }

    [Fact]
    public async Task Enforced_send_rate_closes_with_4008_on_the_121st_frame_in_a_minute()
    {
        _server.Gateway.EnforceSendRateLimit = true;
        _server.Gateway.WithholdHeartbeatAcks = true;
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl); // IDENTIFY is frame 1
        await using var _ = client;

        for (var i = 0; i < 120; i++)
        {
            await client.SendAsync("""{"op":1,"d":1}""");
        }

        Assert.Null(await client.ReceiveAsync());
        Assert.Equal(4008, (int)client.Socket.CloseStatus!.Value);
        Assert.Equal(121, _server.Gateway.ReceivedFrames.Count);
    }

    [Fact]
    public async Task Enforced_identify_concurrency_answers_a_too_early_identify_with_op_9()
    {
        _server.Gateway.EnforceIdentifyConcurrency = true;
        var (first, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = first;
        await using var second = await RawGatewayClient.ConnectAsync(_server.GatewayUrl);
        await second.ReceiveFrameAsync();

        await second.SendAsync("""{"op":2,"d":{"token":"t0ken","intents":1,"properties":{}}}""");

        var frame = await second.ReceiveFrameAsync();
        Assert.Equal(9, frame.GetProperty("op").GetInt32());
        Assert.Equal(999, _server.Rest.SessionStartLimit.Remaining);
    }

    [Fact]
    public async Task Sent_frames_are_recorded_per_connection()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;
        await _server.Gateway.SendReconnectAsync(Ct);
        await client.ReceiveFrameAsync(); // op 7

        var sent = (await _server.Gateway.WaitForConnectionAsync(1, Ct).WaitAsync(SafetyNet, Ct)).SentFrames;

        Assert.Equal(3, sent.Count);
        Assert.Contains("\"op\":10", sent[0], StringComparison.Ordinal);
        Assert.Contains("READY", sent[1], StringComparison.Ordinal);
        Assert.Contains("\"op\":7", sent[2], StringComparison.Ordinal);
    }
}
