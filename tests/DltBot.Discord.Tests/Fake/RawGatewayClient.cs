using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace DltBot.Discord.Tests.Fake;

/// <summary>A bare ClientWebSocket wrapper so the fake gateway can be tested without our gateway client.</summary>
internal sealed class RawGatewayClient : IAsyncDisposable
{
    public static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket = new();

    public WebSocket Socket => _socket;

    /// <summary>Number of WebSocket frames the last received message arrived in.</summary>
    public int LastFragmentCount { get; private set; }

    public static async Task<RawGatewayClient> ConnectAsync(string url)
    {
        var client = new RawGatewayClient();
        await client._socket.ConnectAsync(new Uri(url + "?v=10&encoding=json"), CancellationToken.None).WaitAsync(SafetyNet);
        return client;
    }

    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None).WaitAsync(SafetyNet);

    /// <summary>Reads one whole message; null when the server closed the socket (see <see cref="WebSocket.CloseStatus"/>).</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        var fragments = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).AsTask().WaitAsync(SafetyNet);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            fragments++;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                LastFragmentCount = fragments;
                using var document = JsonDocument.Parse(message.ToArray());
                return document.RootElement.Clone();
            }
        }
    }

    public async Task<JsonElement> ReceiveFrameAsync() =>
        await ReceiveAsync() ?? throw new InvalidOperationException($"Socket closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");

    /// <summary>Connects, reads HELLO, identifies and returns READY's data.</summary>
    public static async Task<(RawGatewayClient Client, JsonElement Ready)> IdentifiedAsync(string url, string token = "t0ken")
    {
        var client = await ConnectAsync(url);
        var hello = await client.ReceiveFrameAsync();
        Assert.Equal(10, hello.GetProperty("op").GetInt32());
        await client.SendAsync("{\"op\":2,\"d\":{\"token\":\"" + token + "\",\"intents\":1,\"properties\":{\"os\":\"linux\",\"browser\":\"t\",\"device\":\"t\"}}}");
        var ready = await client.ReceiveFrameAsync();
        Assert.Equal("READY", ready.GetProperty("t").GetString());
        return (client, ready.GetProperty("d"));
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await Task.CompletedTask;
    }
}
