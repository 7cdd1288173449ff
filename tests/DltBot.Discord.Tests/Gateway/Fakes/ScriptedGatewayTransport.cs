using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using DltBot.Discord.Gateway;

namespace DltBot.Discord.Tests.Gateway.Fakes;

/// <summary>
/// An in-memory gateway connection: the test plays the server (queue frames, close, drop) and awaits what the client sent.
/// Records everything.
/// </summary>
internal sealed class ScriptedGatewayTransport : IGatewayTransport
{
    public static readonly TimeSpan SafetyTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<GatewayReceiveResult> _fromServer = Channel.CreateUnbounded<GatewayReceiveResult>();
    private readonly Channel<string> _fromClient = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<Uri> _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Uri> _attempted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _closedByClient = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _sent = [];
    private readonly Exception? _connectFailure;

    public ScriptedGatewayTransport(Exception? connectFailure = null) => _connectFailure = connectFailure;

    public GatewayTransportState State { get; private set; } = GatewayTransportState.None;

    public Uri? Uri { get; private set; }

    public int? ClientCloseCode { get; private set; }

    public bool Disposed { get; private set; }

    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        Uri = uri;
        _attempted.TrySetResult(uri);
        if (_connectFailure is not null)
        {
            State = GatewayTransportState.Closed;
            _connected.TrySetException(_connectFailure);
            throw _connectFailure;
        }

        State = GatewayTransportState.Open;
        _connected.TrySetResult(uri);
        return Task.CompletedTask;
    }

    public Task SendAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        if (State != GatewayTransportState.Open)
        {
            throw new InvalidOperationException($"Sent on a transport in state {State}.");
        }

        var text = Encoding.UTF8.GetString(utf8Json.Span);
        lock (_sent)
        {
            _sent.Add(text);
        }

        _fromClient.Writer.TryWrite(text);
        return Task.CompletedTask;
    }

    public async Task<GatewayReceiveResult> ReceiveAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _fromServer.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return new GatewayReceiveResult.Closed(null, "transport disposed");
        }
    }

    public Task CloseAsync(int closeCode, string reason, CancellationToken cancellationToken)
    {
        ClientCloseCode ??= closeCode;
        State = GatewayTransportState.Closed;
        _closedByClient.TrySetResult(closeCode);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        State = GatewayTransportState.Closed;
        _fromServer.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    // ---- server side ----

    public Task<Uri> Connected => _connected.Task.WithTimeout();

    /// <summary>Completes when the client called ConnectAsync, whether or not that failed; <see cref="Uri"/> is set then.</summary>
    public Task<Uri> Attempted => _attempted.Task.WithTimeout();

    public Task<int> ClosedByClient => _closedByClient.Task.WithTimeout();

    public void ServerSend(string json) =>
        _fromServer.Writer.TryWrite(new GatewayReceiveResult.Message(Encoding.UTF8.GetBytes(json)));

    public void ServerHello(int heartbeatIntervalMs = GatewayScript.HeartbeatIntervalMs) =>
        ServerSend($$$"""{"op":10,"s":null,"t":null,"d":{"heartbeat_interval":{{{heartbeatIntervalMs}}},"_trace":["x"]}}""");

    public void ServerDispatch(string eventName, int sequence, string dataJson = "{}") =>
        ServerSend($$"""{"op":0,"s":{{sequence}},"t":"{{eventName}}","d":{{dataJson}}}""");

    public void ServerReady(int sequence = 1, string sessionId = GatewayScript.SessionId, string resumeUrl = GatewayScript.ResumeUrl) =>
        ServerDispatch("READY", sequence,
            $$$"""{"v":10,"user":{"id":"1085140814004224007","username":"DltBot","bot":true},"guilds":[],"session_id":"{{{sessionId}}}","resume_gateway_url":"{{{resumeUrl}}}","application":{"id":"1085140814004224007","flags":0}}""");

    public void ServerAck() => ServerSend("""{"op":11,"s":null,"t":null,"d":null}""");

    public void ServerOp(int op, string dataJson = "null") => ServerSend($$"""{"op":{{op}},"s":null,"t":null,"d":{{dataJson}}}""");

    /// <summary>The server closes with a code; null = the TCP connection just dropped.</summary>
    public void ServerClose(int? closeCode) =>
        _fromServer.Writer.TryWrite(new GatewayReceiveResult.Closed(closeCode, closeCode is null ? "dropped" : "server close"));

    /// <summary>The next frame the client sends, parsed.</summary>
    public async Task<JsonElement> NextSentAsync()
    {
        var text = await _fromClient.Reader.ReadAsync().AsTask().WithTimeout();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    public async Task<JsonElement> NextSentWithOpAsync(int op)
    {
        var frame = await NextSentAsync();
        Assert.Equal(op, frame.GetProperty("op").GetInt32());
        return frame;
    }

    public bool HasUnreadSentFrames => _fromClient.Reader.Count > 0;
}

internal sealed class ScriptedTransportFactory : IGatewayTransportFactory
{
    private readonly Channel<ScriptedGatewayTransport> _created = Channel.CreateUnbounded<ScriptedGatewayTransport>();
    private readonly Queue<Exception> _connectFailures = new();
    private int _count;

    public int CreatedCount => Volatile.Read(ref _count);

    /// <summary>The next Create() returns a transport whose ConnectAsync throws this.</summary>
    public void FailNextConnect(Exception failure)
    {
        lock (_connectFailures)
        {
            _connectFailures.Enqueue(failure);
        }
    }

    public IGatewayTransport Create()
    {
        Exception? failure;
        lock (_connectFailures)
        {
            _connectFailures.TryDequeue(out failure);
        }

        var transport = new ScriptedGatewayTransport(failure);
        Interlocked.Increment(ref _count);
        _created.Writer.TryWrite(transport);
        return transport;
    }

    /// <summary>The next transport the client created, once it is connected.</summary>
    public async Task<ScriptedGatewayTransport> NextConnectionAsync()
    {
        var transport = await _created.Reader.ReadAsync().AsTask().WithTimeout();
        await transport.Connected;
        return transport;
    }

    /// <summary>
    /// The next transport the client created, once it has tried to connect: Create() comes before ConnectAsync, and a
    /// test reading <see cref="ScriptedGatewayTransport.Uri"/> in between would see null.
    /// </summary>
    public async Task<ScriptedGatewayTransport> NextCreatedAsync()
    {
        var transport = await _created.Reader.ReadAsync().AsTask().WithTimeout();
        await transport.Attempted;
        return transport;
    }
}
