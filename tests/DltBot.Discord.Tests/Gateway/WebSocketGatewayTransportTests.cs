using System.Net.WebSockets;
using System.Text;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

public sealed class WebSocketGatewayTransportTests
{
    [Fact]
    public async Task A_message_split_over_fragments_is_returned_whole_even_inside_a_utf8_character()
    {
        var json = """{"op":0,"s":7,"t":"INTERACTION_CREATE","d":{"locale":"zh-CN","value":"深度学习理论"}}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var splitInsideCharacter = Array.IndexOf(bytes, (byte)0xE6) + 1; // between the bytes of 深
        var socket = new ScriptedWebSocket();
        socket.Fragment(bytes[..10], endOfMessage: false);
        socket.Fragment(bytes[10..splitInsideCharacter], endOfMessage: false);
        socket.Fragment(bytes[splitInsideCharacter..], endOfMessage: true);
        socket.Fragment(Encoding.UTF8.GetBytes("""{"op":11}"""), endOfMessage: true);
        var transport = await ConnectedTransportAsync(socket);

        var first = await transport.ReceiveAsync(TestContext.Current.CancellationToken);
        var second = await transport.ReceiveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(json, Encoding.UTF8.GetString(Assert.IsType<GatewayReceiveResult.Message>(first).Utf8Json.Span));
        Assert.Equal("""{"op":11}""", Encoding.UTF8.GetString(Assert.IsType<GatewayReceiveResult.Message>(second).Utf8Json.Span));
    }

    [Fact]
    public async Task A_message_larger_than_one_receive_buffer_is_reassembled()
    {
        var big = "{\"op\":0,\"d\":\"" + new string('a', 100_000) + "\"}";
        var socket = new ScriptedWebSocket();
        var bytes = Encoding.UTF8.GetBytes(big);
        socket.Fragment(bytes, endOfMessage: true);
        var transport = await ConnectedTransportAsync(socket);

        var result = await transport.ReceiveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(bytes, Assert.IsType<GatewayReceiveResult.Message>(result).Utf8Json.ToArray());
    }

    [Fact]
    public async Task A_close_frame_reports_its_code_and_is_answered()
    {
        var socket = new ScriptedWebSocket();
        socket.ServerClose((WebSocketCloseStatus)4014, "Disallowed intent(s).");
        var transport = await ConnectedTransportAsync(socket);

        var result = await transport.ReceiveAsync(TestContext.Current.CancellationToken);

        var closed = Assert.IsType<GatewayReceiveResult.Closed>(result);
        Assert.Equal(4014, closed.CloseCode);
        Assert.Equal("Disallowed intent(s).", closed.Reason);
        Assert.Equal((WebSocketCloseStatus)4014, socket.ClientCloseStatus);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_close_without_a_code()
    {
        var socket = new ScriptedWebSocket();
        socket.Fail(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
        var transport = await ConnectedTransportAsync(socket);

        var result = await transport.ReceiveAsync(TestContext.Current.CancellationToken);

        Assert.Null(Assert.IsType<GatewayReceiveResult.Closed>(result).CloseCode);
    }

    [Fact]
    public async Task An_oversized_message_closes_with_1009_instead_of_growing_forever()
    {
        var socket = new ScriptedWebSocket();
        socket.Fragment(new byte[600], endOfMessage: false);
        socket.Fragment(new byte[600], endOfMessage: true);
        await using var transport = new WebSocketGatewayTransport((_, _) => Task.FromResult<WebSocket>(socket), maxMessageBytes: 1000);
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);

        var result = await transport.ReceiveAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1009, Assert.IsType<GatewayReceiveResult.Closed>(result).CloseCode);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.ClientCloseStatus);
    }

    [Fact]
    public async Task Sends_one_text_message_and_closes_with_the_given_code()
    {
        var socket = new ScriptedWebSocket();
        var transport = await ConnectedTransportAsync(socket);

        await transport.SendAsync(Encoding.UTF8.GetBytes("""{"op":1,"d":null}"""), TestContext.Current.CancellationToken);
        await transport.CloseAsync(4000, "zombie", TestContext.Current.CancellationToken);

        var (type, endOfMessage, payload) = Assert.Single(socket.SentMessages);
        Assert.Equal(WebSocketMessageType.Text, type);
        Assert.True(endOfMessage);
        Assert.Equal("""{"op":1,"d":null}""", payload);
        Assert.Equal((WebSocketCloseStatus)4000, socket.ClientCloseStatus);
        Assert.Equal(GatewayTransportState.Closing, transport.State);
    }

    [Fact]
    public async Task A_transport_connects_once_and_refuses_use_before_connect()
    {
        await using var transport = new WebSocketGatewayTransport((_, _) => Task.FromResult<WebSocket>(new ScriptedWebSocket()));
        await Assert.ThrowsAsync<InvalidOperationException>(() => transport.ReceiveAsync(TestContext.Current.CancellationToken));
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidOperationException>(() => transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken));
        Assert.Equal(GatewayTransportState.Open, transport.State);
    }

    private static async Task<WebSocketGatewayTransport> ConnectedTransportAsync(ScriptedWebSocket socket)
    {
        var transport = new WebSocketGatewayTransport((_, _) => Task.FromResult<WebSocket>(socket));
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        return transport;
    }
}

/// <summary>A WebSocket whose incoming side is a script of fragments, closes and failures; records what is sent.</summary>
internal sealed class ScriptedWebSocket : WebSocket
{
    private readonly Queue<Func<ArraySegment<byte>, WebSocketReceiveResult>> _script = new();
    private readonly List<(WebSocketMessageType, bool, string)> _sent = [];
    private byte[] _pending = [];
    private bool _pendingEnd;
    private WebSocketState _state = WebSocketState.Open;
    private WebSocketCloseStatus? _closeStatus;
    private string? _closeDescription;

    public IReadOnlyList<(WebSocketMessageType Type, bool EndOfMessage, string Payload)> SentMessages => _sent;

    public WebSocketCloseStatus? ClientCloseStatus { get; private set; }

    public override WebSocketCloseStatus? CloseStatus => _closeStatus;

    public override string? CloseStatusDescription => _closeDescription;

    public override WebSocketState State => _state;

    public override string? SubProtocol => null;

    public void Fragment(byte[] bytes, bool endOfMessage) => _script.Enqueue(buffer =>
    {
        _pending = bytes;
        _pendingEnd = endOfMessage;
        return DeliverPending(buffer);
    });

    public void ServerClose(WebSocketCloseStatus status, string description) => _script.Enqueue(_ =>
    {
        _closeStatus = status;
        _closeDescription = description;
        _state = WebSocketState.CloseReceived;
        return new WebSocketReceiveResult(0, WebSocketMessageType.Close, true, status, description);
    });

    public void Fail(Exception exception) => _script.Enqueue(_ => throw exception);

    public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            return Task.FromResult(DeliverPending(buffer));
        }

        return _script.TryDequeue(out var next)
            ? Task.FromResult(next(buffer))
            : Task.FromException<WebSocketReceiveResult>(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
    {
        _sent.Add((messageType, endOfMessage, Encoding.UTF8.GetString(buffer)));
        return Task.CompletedTask;
    }

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
    {
        ClientCloseStatus ??= closeStatus;
        _state = _state == WebSocketState.CloseReceived ? WebSocketState.Closed : WebSocketState.CloseSent;
        return Task.CompletedTask;
    }

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Abort() => _state = WebSocketState.Aborted;

    public override void Dispose() => _state = WebSocketState.Closed;

    private WebSocketReceiveResult DeliverPending(ArraySegment<byte> buffer)
    {
        var count = Math.Min(buffer.Count, _pending.Length);
        _pending.AsSpan(0, count).CopyTo(buffer);
        _pending = _pending[count..];
        return new WebSocketReceiveResult(count, WebSocketMessageType.Text, _pending.Length == 0 && _pendingEnd);
    }
}
