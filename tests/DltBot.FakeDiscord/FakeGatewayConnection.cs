using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace DltBot.FakeDiscord;

/// <summary>One WebSocket connection to the fake gateway, from accept to close.</summary>
public sealed class FakeGatewayConnection
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<GatewayFrame> _frames = [];

    internal FakeGatewayConnection(int number, WebSocket socket, HttpContext context)
    {
        Number = number;
        Socket = socket;
        Context = context;
        Path = context.Request.Path.Value ?? "";
        Query = context.Request.QueryString.Value ?? "";
    }

    /// <summary>1-based order of connection.</summary>
    public int Number { get; }

    /// <summary>The path the client connected to: <c>/gateway</c> or <c>/gateway-resume</c> (the resume_gateway_url).</summary>
    public string Path { get; }

    /// <summary>The query string, e.g. <c>?v=10&amp;encoding=json</c>.</summary>
    public string Query { get; }

    public bool IsOpen => !_closed.Task.IsCompleted;

    /// <summary>Completes when the connection is over (close handshake, abort or drop).</summary>
    public Task Closed => _closed.Task;

    /// <summary>The close code the client sent, if it sent a close frame.</summary>
    public int? ClientCloseStatus { get; private set; }

    public string? ClientCloseDescription { get; private set; }

    /// <summary>The close code the server sent (scripted or protocol violation), if any.</summary>
    public int? ServerCloseStatus { get; internal set; }

    /// <summary>Session attached by IDENTIFY or RESUME on this connection.</summary>
    public string? SessionId { get; internal set; }

    public IReadOnlyList<GatewayFrame> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _frames];
            }
        }
    }

    internal WebSocket Socket { get; }

    internal HttpContext Context { get; }

    internal bool Authenticated { get; set; }

    internal void Record(GatewayFrame frame)
    {
        lock (_gate)
        {
            _frames.Add(frame);
        }
    }

    internal void MarkClientClose(WebSocketCloseStatus? status, string? description)
    {
        ClientCloseStatus = status is null ? null : (int)status.Value;
        ClientCloseDescription = description;
    }

    internal void MarkClosed() => _closed.TrySetResult();

    public override string ToString() => $"gateway connection {Number} to {Path}{Query}";
}
