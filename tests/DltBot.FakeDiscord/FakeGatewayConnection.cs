using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace DltBot.FakeDiscord;

/// <summary>One WebSocket connection to the fake gateway, from accept to close.</summary>
public sealed class FakeGatewayConnection
{
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<GatewayFrame> _frames = [];
    private readonly List<string> _sent = [];
    private readonly Queue<DateTimeOffset> _recentReceives = new();

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

    /// <summary>The shard of that session (from IDENTIFY's <c>shard</c>; 0 when it sent none); null before IDENTIFY or RESUME.</summary>
    public int? ShardId { get; internal set; }

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

    /// <summary>Every text frame the server sent on this connection (fragmented sends appear once, whole).</summary>
    public IReadOnlyList<string> SentFrames
    {
        get
        {
            lock (_gate)
            {
                return [.. _sent];
            }
        }
    }

    internal WebSocket Socket { get; }

    private HttpContext Context { get; }

    internal bool Authenticated { get; set; }

    internal void Record(GatewayFrame frame)
    {
        lock (_gate)
        {
            _frames.Add(frame);
        }
    }

    internal void RecordSent(string frame)
    {
        lock (_gate)
        {
            _sent.Add(frame);
        }
    }

    /// <summary>Counts a received frame in the sliding window; false when it is one too many.</summary>
    internal bool WithinSendRate(DateTimeOffset now, int limit, TimeSpan window)
    {
        lock (_gate)
        {
            while (_recentReceives.Count > 0 && now - _recentReceives.Peek() >= window)
            {
                _recentReceives.Dequeue();
            }

            _recentReceives.Enqueue(now);
            return _recentReceives.Count <= limit;
        }
    }

    internal void MarkClientClose(WebSocketCloseStatus? status, string? description)
    {
        ClientCloseStatus = status is null ? null : (int)status.Value;
        ClientCloseDescription = description;
    }

    /// <summary>
    /// Aborts the TCP connection unless the connection is already over. Kestrel recycles the HttpContext as soon as the
    /// request handler returns, so Abort must never run after <see cref="MarkClosed"/> (which the handler calls last):
    /// both take the same lock.
    /// </summary>
    internal void Abort()
    {
        lock (_gate)
        {
            if (!_closed.Task.IsCompleted)
            {
                Context.Abort();
            }
        }
    }

    internal void MarkClosed()
    {
        lock (_gate)
        {
            _closed.TrySetResult();
        }
    }

    public override string ToString() => $"gateway connection {Number} to {Path}{Query}";
}
