using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Discord.Tests.Gateway.Fakes;

/// <summary>A minimal real WebSocket gateway on 127.0.0.1 (Kestrel, random port) so the ClientWebSocket path runs for real.</summary>
internal sealed class LoopbackGatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<LoopbackGatewayConnection> _connections = Channel.CreateUnbounded<LoopbackGatewayConnection>();

    private LoopbackGatewayServer(WebApplication app) => _app = app;

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<LoopbackGatewayServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new LoopbackGatewayServer(app);
        app.UseWebSockets();
        app.Run(server.AcceptAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseUri = new Uri(address.Replace("http://", "ws://", StringComparison.Ordinal));
        return server;
    }

    public async Task<LoopbackGatewayConnection> NextConnectionAsync() =>
        await _connections.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WithTimeout();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new LoopbackGatewayConnection(socket, context.Request.Path + context.Request.QueryString);
        _connections.Writer.TryWrite(connection);
        // Not context.RequestAborted: Kestrel fires it as soon as the client's FIN arrives, which can be before the close
        // frame that preceded the FIN has been read, so the client's close code was sometimes lost (seen as null).
        // The read ends on its own when the connection ends or the server stops.
        await connection.ReadUntilClosedAsync(CancellationToken.None);
    }
}

[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim only holds an OS handle once AvailableWaitHandle is read, which never happens here; a connection lives for one test.")]
internal sealed class LoopbackGatewayConnection(WebSocket socket, string pathAndQuery)
{
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<int?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    public string PathAndQuery { get; } = pathAndQuery;

    /// <summary>The close code the client sent (null if it vanished without one).</summary>
    public Task<int?> ClientClosed => _closed.Task.WithTimeout();

    public async Task<JsonElement> NextReceivedAsync(int expectedOp)
    {
        var frame = await _received.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WithTimeout();
        Assert.Equal(expectedOp, frame.GetProperty("op").GetInt32());
        return frame;
    }

    /// <summary>Sends one message, split into <paramref name="fragments"/> WebSocket frames.</summary>
    public async Task SendAsync(string json, int fragments = 1)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var size = (bytes.Length + fragments - 1) / fragments;
        await _sendLock.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task CloseAsync(int code) =>
        socket.CloseOutputAsync((WebSocketCloseStatus)code, "test server close", TestContext.Current.CancellationToken);

    public async Task ReadUntilClosedAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    _closed.TrySetResult((int?)socket.CloseStatus);
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    return;
                }

                buffer.Advance(result.Count);
                if (result.EndOfMessage)
                {
                    using var document = JsonDocument.Parse(buffer.WrittenMemory);
                    _received.Writer.TryWrite(document.RootElement.Clone());
                    buffer.Clear();
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _closed.TrySetResult(null);
        }
    }
}
