using System.Buffers;
using System.Net.WebSockets;

namespace DltBot.Discord.Gateway;

/// <summary><see cref="IGatewayTransport"/> over <see cref="ClientWebSocket"/>, plain JSON text frames (no compression).</summary>
public sealed class WebSocketGatewayTransport : IGatewayTransport
{
    /// <summary>A READY or GUILD_CREATE for a small bot is kilobytes; this only stops a broken peer from exhausting memory.</summary>
    public const int DefaultMaxMessageBytes = 32 * 1024 * 1024;

    private const int ReceiveChunkBytes = 16 * 1024;

    private readonly Func<Uri, CancellationToken, Task<WebSocket>> _connect;
    private readonly int _maxMessageBytes;
    private WebSocket? _socket;
    private bool _connecting;
    private bool _disposed;

    public WebSocketGatewayTransport(int maxMessageBytes = DefaultMaxMessageBytes)
        : this(ConnectClientWebSocketAsync, maxMessageBytes)
    {
    }

    /// <summary>Seam for tests: any connected <see cref="WebSocket"/> (a fake that yields fragments, for instance).</summary>
    internal WebSocketGatewayTransport(Func<Uri, CancellationToken, Task<WebSocket>> connect, int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 1);
        _connect = connect;
        _maxMessageBytes = maxMessageBytes;
    }

    public GatewayTransportState State => _disposed
        ? GatewayTransportState.Closed
        : _socket?.State switch
        {
            null => _connecting ? GatewayTransportState.Connecting : GatewayTransportState.None,
            WebSocketState.Connecting => GatewayTransportState.Connecting,
            WebSocketState.Open => GatewayTransportState.Open,
            WebSocketState.CloseSent or WebSocketState.CloseReceived => GatewayTransportState.Closing,
            _ => GatewayTransportState.Closed,
        };

    public async Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_socket is not null || _connecting)
        {
            throw new InvalidOperationException("This transport is already connected; ask the factory for a new one to reconnect.");
        }

        _connecting = true;
        try
        {
            _socket = await _connect(uri, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _connecting = false;
        }
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken) =>
        RequireSocket().SendAsync(utf8Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        var socket = RequireSocket();
        var message = new ArrayBufferWriter<byte>(ReceiveChunkBytes);
        try
        {
            while (true)
            {
                var chunk = message.GetMemory(ReceiveChunkBytes);
                var result = await socket.ReceiveAsync(chunk, cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    var code = (int?)socket.CloseStatus;
                    await EchoCloseAsync(socket, cancellationToken).ConfigureAwait(false);
                    return new GatewayReceiveResult.Closed(code, socket.CloseStatusDescription);
                }

                message.Advance(result.Count);
                if (message.WrittenCount > _maxMessageBytes)
                {
                    await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, "message too big", cancellationToken).ConfigureAwait(false);
                    return new GatewayReceiveResult.Closed((int)WebSocketCloseStatus.MessageTooBig,
                        $"The gateway sent a message larger than {_maxMessageBytes} bytes.");
                }

                if (result.EndOfMessage)
                {
                    return new GatewayReceiveResult.Message(message.WrittenMemory);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            // A TCP drop or a reset surfaces here; to the gateway protocol it is "closed without a code" (resumable).
            return new GatewayReceiveResult.Closed(null, ex.Message);
        }
    }

    public async Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        if (_socket is not { State: WebSocketState.Open or WebSocketState.CloseReceived } socket)
        {
            return;
        }

        try
        {
            // Only the close frame is sent: waiting for the peer's reply would hang on exactly the zombie connections we close.
            await socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // The peer is gone already; there is nothing left to tell it.
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _socket?.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static async Task EchoCloseAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        try
        {
            await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            // Closing handshake is a courtesy; the connection is over either way.
        }
    }

    private static async Task<WebSocket> ConnectClientWebSocketAsync(Uri uri, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        // Discord's own heartbeat detects dead connections; WebSocket pings would only add traffic.
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private WebSocket RequireSocket()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _socket ?? throw new InvalidOperationException("The transport is not connected; call ConnectAsync first.");
    }
}

public sealed class WebSocketGatewayTransportFactory : IGatewayTransportFactory
{
    public IGatewayTransport Create() => new WebSocketGatewayTransport();
}
