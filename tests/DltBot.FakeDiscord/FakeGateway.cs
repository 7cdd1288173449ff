using System.Diagnostics.CodeAnalysis;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DltBot.FakeDiscord;

/// <summary>
/// The gateway half of the fake: plays Discord's side of a session (HELLO, heartbeat ACKs, IDENTIFY -> READY,
/// RESUME -> replay + RESUMED), records every received frame, and lets tests script the rest.
/// Scripted sends go to the newest open connection; dispatches go to the session of the shard the guild belongs to
/// (<c>(guild_id &gt;&gt; 22) % shard_count</c>, DMs to shard 0) once clients identify with more than one shard.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "SemaphoreSlim only holds an OS handle once AvailableWaitHandle is read, which never happens here; the fake gateway lives as long as its FakeDiscordServer.")]
public sealed class FakeGateway
{
    internal const string GatewayPath = "/gateway";
    internal const string ResumePath = "/gateway-resume";
    private const int MaxFrameBytes = 4096;
    private const int PrivilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);
    private static readonly HashSet<int> KnownClientOps = [1, 2, 3, 4, 6, 8];

    private readonly FakeDiscordServer _server;
    private readonly FakeDiscordOptions _options;
    private readonly Lock _gate = new();

    // One lock for every server-side send: keeps dispatch order (and replay before live events) across connections.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly AwaitableLog<FakeGatewayConnection> _connections = new();
    private readonly AwaitableLog<GatewayFrame> _frames = new();
    private readonly Dictionary<string, Session> _sessions = [];
    private readonly HashSet<FakeGatewayConnection> _live = [];
    private bool _shuttingDown;
    private readonly Queue<(DateTimeOffset At, int Bucket)> _recentIdentifies = new();
    private readonly Dictionary<int, Session> _currentByShard = [];
    private Session? _currentSession;
    private int _shardCount = 1;
    private int _connectionCount;

    internal FakeGateway(FakeDiscordServer server, FakeDiscordOptions options)
    {
        _server = server;
        _options = options;
        HeartbeatIntervalMs = options.HeartbeatIntervalMs;
    }

    /// <summary>heartbeat_interval sent in HELLO to new connections.</summary>
    public int HeartbeatIntervalMs { get; set; }

    /// <summary>While true, heartbeats are recorded but not ACKed (to make the client see a zombie connection).</summary>
    public bool WithholdHeartbeatAcks { get; set; }

    /// <summary>While false (default), IDENTIFY asking for privileged intents is closed with 4014 like Discord does.</summary>
    public bool AllowPrivilegedIntents { get; set; }

    /// <summary>
    /// While true, a connection that sends more than 120 frames within 60 s (server clock) is closed with 4008, as
    /// Discord does. Off by default because a frozen server clock would count a whole test run as one window.
    /// </summary>
    public bool EnforceSendRateLimit { get; set; }

    /// <summary>
    /// While true, an IDENTIFY beyond session_start_limit.max_concurrency within 5 s (server clock) gets op 9 (false)
    /// instead of READY, as Discord does. Off by default for the same reason as <see cref="EnforceSendRateLimit"/>.
    /// </summary>
    public bool EnforceIdentifyConcurrency { get; set; }

    /// <summary>While false, new connections get no HELLO until <see cref="SendHelloAsync"/> is called.</summary>
    public bool SendHelloOnConnect { get; set; } = true;

    public IReadOnlyList<FakeGatewayConnection> Connections => _connections.Snapshot();

    /// <summary>Every frame received, on all connections, in arrival order.</summary>
    public IReadOnlyList<GatewayFrame> ReceivedFrames => _frames.Snapshot();

    public FakeGatewayConnection? CurrentConnection => _connections.Snapshot().LastOrDefault(c => c.IsOpen);

    /// <summary>The newest session made by IDENTIFY (null before the first one).</summary>
    public string? CurrentSessionId
    {
        get
        {
            lock (_gate)
            {
                return _currentSession?.Id;
            }
        }
    }

    /// <summary>Sequence of the last dispatch of the current session (0 when none).</summary>
    public int CurrentSequence
    {
        get
        {
            lock (_gate)
            {
                return _currentSession?.Sequence ?? 0;
            }
        }
    }

    /// <summary>The open connection of the shard's newest session (null when that shard is not connected).</summary>
    public FakeGatewayConnection? ConnectionOfShard(int shardId)
    {
        lock (_gate)
        {
            return _currentByShard.TryGetValue(shardId, out var session) && session.Connection is { IsOpen: true } open ? open : null;
        }
    }

    /// <summary>The newest session IDENTIFY made for the shard (null before one).</summary>
    public string? SessionIdOfShard(int shardId)
    {
        lock (_gate)
        {
            return _currentByShard.TryGetValue(shardId, out var session) ? session.Id : null;
        }
    }

    /// <summary>The shard a guild's events go to, as Discord computes it, for the shard count clients identified with.</summary>
    public int ShardOfGuild(ulong guildId)
    {
        lock (_gate)
        {
            return (int)((guildId >> 22) % (ulong)_shardCount);
        }
    }

    public Task<FakeGatewayConnection> WaitForConnectionAsync(int number, CancellationToken cancellationToken = default) =>
        _connections.WaitAsync(c => c.Number == number, 1, cancellationToken);

    /// <summary>
    /// The <paramref name="occurrence"/>-th received frame that matches, 1-based. It completes once the fake has
    /// reacted to the frame (e.g. after IDENTIFY, the session exists and READY was sent), never in between.
    /// </summary>
    public Task<GatewayFrame> WaitForFrameAsync(Func<GatewayFrame, bool> match, int occurrence = 1, CancellationToken cancellationToken = default) =>
        _frames.WaitAsync(match, occurrence, cancellationToken);

    /// <summary>The <paramref name="occurrence"/>-th IDENTIFY (op 2) over the server's life, 1-based.</summary>
    public Task<GatewayFrame> WaitForIdentifyAsync(int occurrence = 1, CancellationToken cancellationToken = default) =>
        WaitForFrameAsync(f => f.Op == 2, occurrence, cancellationToken);

    /// <summary>The <paramref name="occurrence"/>-th RESUME (op 6) over the server's life, 1-based.</summary>
    public Task<GatewayFrame> WaitForResumeAsync(int occurrence = 1, CancellationToken cancellationToken = default) =>
        WaitForFrameAsync(f => f.Op == 6, occurrence, cancellationToken);

    public Task<GatewayFrame> WaitForHeartbeatAsync(int occurrence = 1, CancellationToken cancellationToken = default) =>
        WaitForFrameAsync(f => f.Op == 1, occurrence, cancellationToken);

    /// <summary>
    /// Sends a dispatch (op 0) in the current session with the next sequence number and returns that number. The event
    /// is buffered for RESUME replay; if the session has no open connection it is only buffered (a resume replays it).
    /// </summary>
    public Task<int> SendDispatchAsync(string eventName, string jsonData, CancellationToken cancellationToken = default) =>
        SendDispatchCoreAsync(null, eventName, jsonData, cancellationToken);

    /// <summary>Like <see cref="SendDispatchAsync"/>, on the newest session of one shard.</summary>
    public Task<int> SendDispatchToShardAsync(int shardId, string eventName, string jsonData, CancellationToken cancellationToken = default) =>
        SendDispatchCoreAsync(shardId, eventName, jsonData, cancellationToken);

    private async Task<int> SendDispatchCoreAsync(int? shardId, string eventName, string jsonData, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var data = JsonNode.Parse(jsonData);
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Session session;
            lock (_gate)
            {
                session = SessionFor(shardId, data);
            }

            var (sequence, frame) = session.Append(eventName, data);
            if (session.Connection is { IsOpen: true } connection)
            {
                await SendTextAsync(connection, frame, cancellationToken).ConfigureAwait(false);
            }

            return sequence;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Under <see cref="_gate"/>: the shard asked for, else the guild's shard when sharded, else the newest session.</summary>
    private Session SessionFor(int? shardId, JsonNode? data)
    {
        if (shardId is null && _shardCount > 1)
        {
            var guild = data is JsonObject o && o["guild_id"] is JsonValue v && ulong.TryParse(v.ToString(), out var id) ? id : (ulong?)null;
            shardId = guild is { } g ? (int)((g >> 22) % (ulong)_shardCount) : 0;
        }

        if (shardId is { } shard)
        {
            return _currentByShard.TryGetValue(shard, out var found)
                ? found
                : throw new InvalidOperationException($"No gateway session for shard {shard} yet: that shard has not identified.");
        }

        return _currentSession ?? throw new InvalidOperationException("No gateway session yet: the client has not identified.");
    }

    /// <summary>INTERACTION_CREATE with the given interaction object as <c>d</c>.</summary>
    public Task<int> SendInteractionAsync(string interactionJson, CancellationToken cancellationToken = default) =>
        SendDispatchAsync("INTERACTION_CREATE", interactionJson, cancellationToken);

    public Task SendHelloAsync(CancellationToken cancellationToken = default) =>
        SendToCurrentAsync(HelloFrame(), cancellationToken);

    /// <summary>HELLO on one given connection (with <see cref="SendHelloOnConnect"/> false, to let shards in one by one).</summary>
    public Task SendHelloAsync(FakeGatewayConnection connection, CancellationToken cancellationToken = default) =>
        SendLockedAsync(connection, HelloFrame(), cancellationToken);

    /// <summary>op 7: the client should reconnect and resume.</summary>
    public Task SendReconnectAsync(CancellationToken cancellationToken = default) =>
        SendToCurrentAsync("""{"op":7,"d":null,"s":null,"t":null}""", cancellationToken);

    /// <summary>op 9. With <paramref name="resumable"/> false the session is discarded, so a later RESUME fails again.</summary>
    public Task SendInvalidSessionAsync(bool resumable, CancellationToken cancellationToken = default)
    {
        if (!resumable)
        {
            InvalidateSessionOf(CurrentConnection);
        }

        return SendToCurrentAsync($$"""{"op":9,"d":{{(resumable ? "true" : "false")}},"s":null,"t":null}""", cancellationToken);
    }

    /// <summary>op 1 from the server: the client must heartbeat at once.</summary>
    public Task SendHeartbeatRequestAsync(CancellationToken cancellationToken = default) =>
        SendToCurrentAsync("""{"op":1,"d":null,"s":null,"t":null}""", cancellationToken);

    /// <summary>Sends any text frame as is.</summary>
    public Task SendRawAsync(string json, CancellationToken cancellationToken = default) => SendToCurrentAsync(json, cancellationToken);

    /// <summary>Sends one message split across <paramref name="pieces"/> WebSocket frames (EndOfMessage only on the last).</summary>
    public async Task SendFragmentedAsync(string json, int pieces, CancellationToken cancellationToken = default)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        ArgumentOutOfRangeException.ThrowIfLessThan(pieces, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pieces, bytes.Length);
        var connection = RequireCurrent();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var size = bytes.Length / pieces;
            for (var i = 0; i < pieces; i++)
            {
                var start = i * size;
                var length = i == pieces - 1 ? bytes.Length - start : size;
                await connection.Socket.SendAsync(bytes.AsMemory(start, length), WebSocketMessageType.Text, i == pieces - 1, cancellationToken)
                    .ConfigureAwait(false);
            }

            connection.RecordSent(json);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Aborts the current connection's TCP connection without a close frame; the session stays resumable.</summary>
    public Task DropConnectionAsync() => DropAsync(RequireCurrent());

    /// <summary>Aborts the connection of one shard's session without a close frame; other shards are untouched.</summary>
    public Task DropConnectionAsync(int shardId) =>
        DropAsync(ConnectionOfShard(shardId) ?? throw new InvalidOperationException($"Shard {shardId} has no open gateway connection."));

    private static async Task DropAsync(FakeGatewayConnection connection)
    {
        connection.Abort();
        await connection.Closed.ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a close frame with <paramref name="code"/> on the current connection. The session is discarded when
    /// <paramref name="invalidateSession"/> says so, or (null) for codes after which Discord requires a new session
    /// (4004, 4007, 4009, 4010-4014).
    /// </summary>
    public async Task CloseAsync(int code, string reason = "", bool? invalidateSession = null, CancellationToken cancellationToken = default)
    {
        var connection = RequireCurrent();
        if (invalidateSession ?? code is 4004 or 4007 or 4009 or (>= 4010 and <= 4014))
        {
            InvalidateSessionOf(connection);
        }

        await CloseConnectionAsync(connection, code, reason, cancellationToken).ConfigureAwait(false);
    }

    internal static bool IsGatewayPath(PathString path) =>
        path.Value is GatewayPath or GatewayPath + "/" or ResumePath or ResumePath + "/";

    /// <summary>Ends every connection still being served, including ones accepted but not yet listed (HELLO in flight).</summary>
    internal void AbortAll()
    {
        FakeGatewayConnection[] live;
        lock (_gate)
        {
            _shuttingDown = true; // a client reconnecting right now must not keep the server's stop waiting
            live = [.. _live];
        }

        foreach (var connection in live)
        {
            connection.Abort();
        }
    }

    internal async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new FakeGatewayConnection(Interlocked.Increment(ref _connectionCount), socket, context);
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _live.Add(connection);
        }

        try
        {
            if (SendHelloOnConnect)
            {
                await SendLockedAsync(connection, HelloFrame(), context.RequestAborted).ConfigureAwait(false);
            }

            _connections.Add(connection);
            await ReceiveLoopAsync(connection, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException
                                      or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // A dropped or aborted connection ends here; the session stays resumable.
        }
        finally
        {
            lock (_gate)
            {
                _live.Remove(connection);
                foreach (var session in _sessions.Values.Where(s => s.Connection == connection))
                {
                    session.Connection = null;
                }
            }

            connection.MarkClosed();
        }
    }

    private async Task ReceiveLoopAsync(FakeGatewayConnection connection, CancellationToken cancellationToken)
    {
        var socket = connection.Socket;
        var buffer = new byte[8192];
        using var message = new MemoryStream();
        while (true)
        {
            // Never cancelled by RequestAborted: Kestrel fires it when the client's FIN arrives, possibly before the close
            // frame ahead of that FIN was read, and the client's close code would be lost. An abort or a drop ends the
            // read anyway.
            var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                connection.MarkClientClose(socket.CloseStatus, socket.CloseStatusDescription);
                if (socket.CloseStatus is WebSocketCloseStatus.NormalClosure or WebSocketCloseStatus.EndpointUnavailable)
                {
                    InvalidateSessionOf(connection); // 1000/1001 end the session on Discord
                }

                if (socket.State == WebSocketState.CloseReceived)
                {
                    await SendLockedCloseAsync(connection, socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cancellationToken)
                        .ConfigureAwait(false);
                }

                return;
            }

            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var bytes = message.ToArray();
            message.SetLength(0);
            await OnFrameAsync(connection, bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnFrameAsync(FakeGatewayConnection connection, byte[] bytes, CancellationToken cancellationToken)
    {
        var raw = Encoding.UTF8.GetString(bytes);
        var (op, data) = Parse(raw);
        var frame = new GatewayFrame(connection.Number, op, data, raw, bytes.Length, _options.TimeProvider.GetUtcNow());
        connection.Record(frame);
        try
        {
            await ReactAsync(connection, frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Published only after the fake has reacted, so a test that saw IDENTIFY (or RESUME) can rely on the
            // session it made: publishing first let a test dispatch before the session existed.
            _frames.Add(frame);
        }
    }

    private async Task ReactAsync(FakeGatewayConnection connection, GatewayFrame frame, CancellationToken cancellationToken)
    {
        var (op, data) = (frame.Op, frame.Data);
        if (connection.ServerCloseStatus is not null)
        {
            return; // we already closed; Discord ignores anything after that
        }

        if (op < 0 || frame.ByteLength > MaxFrameBytes)
        {
            await CloseConnectionAsync(connection, 4002, "Error while decoding payload.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (EnforceSendRateLimit && !connection.WithinSendRate(frame.ReceivedAt, 120, TimeSpan.FromSeconds(60)))
        {
            await CloseConnectionAsync(connection, 4008, "Rate limited.", cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (op)
        {
            case 1:
                if (!WithholdHeartbeatAcks)
                {
                    await SendLockedAsync(connection, """{"op":11,"d":null,"s":null,"t":null}""", cancellationToken).ConfigureAwait(false);
                }

                break;
            case 2:
                await OnIdentifyAsync(connection, data, cancellationToken).ConfigureAwait(false);
                break;
            case 6:
                await OnResumeAsync(connection, data, cancellationToken).ConfigureAwait(false);
                break;
            default:
                if (!KnownClientOps.Contains(op))
                {
                    await CloseConnectionAsync(connection, 4001, "Unknown opcode.", cancellationToken).ConfigureAwait(false);
                }
                else if (!connection.Authenticated)
                {
                    await CloseConnectionAsync(connection, 4003, "Not authenticated.", cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task OnIdentifyAsync(FakeGatewayConnection connection, JsonElement data, CancellationToken cancellationToken)
    {
        if (connection.Authenticated)
        {
            await CloseConnectionAsync(connection, 4005, "Already authenticated.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TokenAccepted(data))
        {
            await CloseConnectionAsync(connection, 4004, "Authentication failed.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var intents = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("intents", out var i) && i.TryGetInt32(out var value) ? value : -1;
        if (intents < 0)
        {
            await CloseConnectionAsync(connection, 4013, "Invalid intent(s).", cancellationToken).ConfigureAwait(false);
            return;
        }

        if ((intents & PrivilegedIntents) != 0 && !AllowPrivilegedIntents)
        {
            await CloseConnectionAsync(connection, 4014, "Disallowed intent(s).", cancellationToken).ConfigureAwait(false);
            return;
        }

        var (shardId, shardCount) = ShardOf(data);
        if (shardId < 0 || shardCount < 1 || shardId >= shardCount)
        {
            await CloseConnectionAsync(connection, 4010, "Invalid shard.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (EnforceIdentifyConcurrency && !IdentifyAllowed(shardId))
        {
            await SendLockedAsync(connection, """{"op":9,"d":false,"s":null,"t":null}""", cancellationToken).ConfigureAwait(false);
            return;
        }

        _server.Rest.CountIdentify();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var session = new Session(Guid.NewGuid().ToString("N")) { Connection = connection, ShardId = shardId };
            lock (_gate)
            {
                _sessions[session.Id] = session;
                _currentSession = session;
                _currentByShard[shardId] = session;
                _shardCount = shardCount;
            }

            connection.Authenticated = true;
            connection.SessionId = session.Id;
            connection.ShardId = shardId;
            var shard = data.TryGetProperty("shard", out var s) ? JsonNode.Parse(s.GetRawText()) : new JsonArray(0, 1);
            var ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject
                {
                    ["id"] = _options.BotUserId,
                    ["username"] = _options.BotUsername,
                    ["global_name"] = null,
                    ["discriminator"] = "0",
                    ["avatar"] = null,
                    ["bot"] = true,
                },
                ["guilds"] = new JsonArray(),
                ["session_id"] = session.Id,
                ["session_type"] = "normal",
                ["resume_gateway_url"] = _server.ResumeGatewayUrl,
                ["shard"] = shard,
                ["application"] = new JsonObject { ["id"] = _options.ApplicationId, ["flags"] = 0 },
            };
            var (_, frame) = session.Append("READY", ready);
            await SendTextAsync(connection, frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task OnResumeAsync(FakeGatewayConnection connection, JsonElement data, CancellationToken cancellationToken)
    {
        if (connection.Authenticated)
        {
            await CloseConnectionAsync(connection, 4005, "Already authenticated.", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!TokenAccepted(data))
        {
            await CloseConnectionAsync(connection, 4004, "Authentication failed.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var sessionId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("session_id", out var sid) && sid.ValueKind == JsonValueKind.String
            ? sid.GetString()
            : null;
        var seq = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("seq", out var sq) && sq.TryGetInt32(out var n) ? n : 0;
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Session? session;
            lock (_gate)
            {
                session = sessionId is not null && _sessions.TryGetValue(sessionId, out var found) && !found.Invalidated ? found : null;
                if (session is not null)
                {
                    session.Connection = connection;
                }
            }

            if (session is null)
            {
                await SendTextAsync(connection, """{"op":9,"d":false,"s":null,"t":null}""", cancellationToken).ConfigureAwait(false);
                return;
            }

            connection.Authenticated = true;
            connection.SessionId = session.Id;
            connection.ShardId = session.ShardId;
            foreach (var missed in session.After(seq))
            {
                await SendTextAsync(connection, missed, cancellationToken).ConfigureAwait(false);
            }

            var (_, resumed) = session.Append("RESUMED", new JsonObject());
            await SendTextAsync(connection, resumed, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>One IDENTIFY per 5 s per bucket (<c>shard_id % max_concurrency</c>), as Discord counts them.</summary>
    private bool IdentifyAllowed(int shardId)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var bucket = shardId % Math.Max(1, _server.Rest.SessionStartLimit.MaxConcurrency);
        lock (_gate)
        {
            while (_recentIdentifies.Count > 0 && now - _recentIdentifies.Peek().At >= TimeSpan.FromSeconds(5))
            {
                _recentIdentifies.Dequeue();
            }

            if (_recentIdentifies.Any(i => i.Bucket == bucket))
            {
                return false;
            }

            _recentIdentifies.Enqueue((now, bucket));
            return true;
        }
    }

    /// <summary>IDENTIFY's <c>shard</c> pair; [0, 1] when absent, as Discord reads it.</summary>
    private static (int Id, int Count) ShardOf(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("shard", out var shard))
        {
            return (0, 1);
        }

        return shard.ValueKind == JsonValueKind.Array && shard.GetArrayLength() == 2
               && shard[0].TryGetInt32(out var id) && shard[1].TryGetInt32(out var count)
            ? (id, count)
            : (-1, 0);
    }

    private bool TokenAccepted(JsonElement data) =>
        _options.ExpectedToken is null
        || (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("token", out var token)
            && token.ValueKind == JsonValueKind.String && token.GetString() == _options.ExpectedToken);

    private void InvalidateSessionOf(FakeGatewayConnection? connection)
    {
        if (connection?.SessionId is not { } id)
        {
            return;
        }

        lock (_gate)
        {
            if (_sessions.TryGetValue(id, out var session))
            {
                session.Invalidated = true;
            }
        }
    }

    private static (int Op, JsonElement Data) Parse(string raw)
    {
        try
        {
            using var document = JsonDocument.Parse(raw);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op) || !op.TryGetInt32(out var code))
            {
                return (-1, default);
            }

            return (code, root.TryGetProperty("d", out var d) ? d.Clone() : default);
        }
        catch (JsonException)
        {
            return (-1, default);
        }
    }

    private string HelloFrame() => $$"""{"op":10,"d":{"heartbeat_interval":{{HeartbeatIntervalMs}}},"s":null,"t":null}""";

    private FakeGatewayConnection RequireCurrent() =>
        CurrentConnection ?? throw new InvalidOperationException("No open gateway connection.");

    private Task SendToCurrentAsync(string frame, CancellationToken cancellationToken) =>
        SendLockedAsync(RequireCurrent(), frame, cancellationToken);

    private async Task SendLockedAsync(FakeGatewayConnection connection, string frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SendTextAsync(connection, frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task CloseConnectionAsync(FakeGatewayConnection connection, int code, string reason, CancellationToken cancellationToken)
    {
        connection.ServerCloseStatus = code;
        await SendLockedCloseAsync(connection, (WebSocketCloseStatus)code, reason, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendLockedCloseAsync(FakeGatewayConnection connection, WebSocketCloseStatus status, string? reason, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection.Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await connection.Socket.CloseOutputAsync(status, reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // The peer is already gone; nothing left to close.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static async Task SendTextAsync(FakeGatewayConnection connection, string frame, CancellationToken cancellationToken)
    {
        try
        {
            if (connection.Socket.State == WebSocketState.Open)
            {
                await connection.Socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, true, cancellationToken)
                    .ConfigureAwait(false);
                connection.RecordSent(frame);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or ObjectDisposedException)
        {
            // Connection dropped mid-send; dispatches stay buffered for a resume.
        }
    }

    private sealed class Session(string id)
    {
        private readonly List<(int Sequence, string Frame)> _buffer = [];

        public string Id { get; } = id;
        public int ShardId { get; init; }
        public int Sequence { get; private set; }
        public bool Invalidated { get; set; }
        public FakeGatewayConnection? Connection { get; set; }

        public (int Sequence, string Frame) Append(string eventName, JsonNode? data)
        {
            lock (_buffer)
            {
                var sequence = ++Sequence;
                var frame = new JsonObject { ["op"] = 0, ["s"] = sequence, ["t"] = eventName, ["d"] = data }.ToJsonString(FakeJson.Options);
                _buffer.Add((sequence, frame));
                return (sequence, frame);
            }
        }

        public IReadOnlyList<string> After(int sequence)
        {
            lock (_buffer)
            {
                return [.. _buffer.Where(b => b.Sequence > sequence).Select(b => b.Frame)];
            }
        }
    }
}
