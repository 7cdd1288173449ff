using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Discord.Gateway;

/// <summary>
/// Keeps one gateway session alive: connects, identifies or resumes, heartbeats, follows Discord's reconnect instructions
/// and the close-code table, and hands every dispatch, in order, to <see cref="IGatewayDispatchHandler"/> on its own task.
/// </summary>
public sealed class GatewayClient : IHostedService, IAsyncDisposable
{
    /// <summary>Our close code when the session must stay resumable (anything but 1000/1001 keeps it).</summary>
    public const int ResumableCloseCode = 4000;

    public const int SessionEndingCloseCode = 1000;

    private static readonly TimeSpan InvalidSessionMinimumDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InvalidSessionDelaySpread = TimeSpan.FromSeconds(4);

    private readonly GatewayClientOptions _options;
    private readonly IGatewayTransportFactory _transports;
    private readonly IGatewayBotInfoSource _botInfo;
    private readonly IGatewayDispatchHandler _handler;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ILogger _logger;
    private readonly IGatewayReconnectDelay _reconnectDelay;
    private readonly IHostApplicationLifetime? _lifetime;
    private readonly GatewayIdentifyBudget _identifyBudget;
    private readonly Channel<GatewayDispatch> _dispatches;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly CancellationTokenSource _handlerCancellation = new();
    private readonly TaskCompletionSource _stopSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile GatewayClientState _state = GatewayClientState.Created;
    private volatile GatewaySession? _session;
    private volatile GatewayFrameSender? _currentSender;
    private volatile GatewayHeartbeater? _currentHeartbeater;
    private int _sequence;
    private int _stopCloseCode = SessionEndingCloseCode;
    private int _resumeConnectFailures;
    private int _disposed;
    private int _stopLogged;
    private Uri? _cachedGatewayUrl;
    private Task? _runTask;
    private Task? _pumpTask;

    public GatewayClient(
        GatewayClientOptions options,
        IGatewayTransportFactory transports,
        IGatewayBotInfoSource botInfo,
        IGatewayDispatchHandler handler,
        TimeProvider? time = null,
        Random? random = null,
        ILogger<GatewayClient>? logger = null,
        IGatewayReconnectDelay? reconnectDelay = null,
        IHostApplicationLifetime? lifetime = null,
        GatewayIdentifyBudget? identifyBudget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _transports = transports;
        _botInfo = botInfo;
        _handler = handler;
        _time = time ?? TimeProvider.System;
        _random = random ?? Random.Shared;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _reconnectDelay = reconnectDelay ?? new ExponentialGatewayReconnectDelay(_random);
        _lifetime = lifetime;
        // Shards of one process share a budget: the session start limit and the concurrency buckets are per bot.
        _identifyBudget = identifyBudget ?? new GatewayIdentifyBudget(_time, _logger);
        _dispatches = Channel.CreateBounded<GatewayDispatch>(new BoundedChannelOptions(options.DispatchQueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public GatewayClientState State => _state;

    /// <summary>The shard this session runs (0 for an unsharded bot).</summary>
    public int ShardId => _options.ShardId ?? 0;

    /// <summary>True between READY/RESUMED and the next disconnect: the health check's answer.</summary>
    public bool IsReady => _state == GatewayClientState.Ready;

    public string? SessionId => _session?.SessionId;

    public int? LastSequence => Volatile.Read(ref _sequence) is var sequence and > 0 ? sequence : null;

    public TimeSpan? HeartbeatLatency => _currentHeartbeater?.Latency;

    /// <summary>Set when a fatal close code stopped the client; the message says what to fix.</summary>
    public GatewayFatalException? FatalError { get; private set; }

    /// <summary>Completes when the client has stopped and handlers are drained; faults with <see cref="GatewayFatalException"/>.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Starts connecting in the background; returns at once (READY arrives later, see <see cref="IsReady"/>).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_runTask is not null)
        {
            throw new InvalidOperationException("The gateway client was already started; create a new one to start again.");
        }

        _pumpTask = Task.Run(PumpDispatchesAsync, CancellationToken.None);
        _runTask = Task.Run(RunAsync, CancellationToken.None);
        _ = CompleteWhenFinishedAsync(_runTask, _pumpTask);
        return Task.CompletedTask;
    }

    /// <summary>Ends the session (close 1000), waits for queued and running handlers up to the drain timeout.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => StopAsync(keepSessionResumable: false, cancellationToken);

    /// <param name="keepSessionResumable">True closes with a resumable code, for a restart that wants to resume.</param>
    public async Task StopAsync(bool keepSessionResumable, CancellationToken cancellationToken)
    {
        if (_runTask is null || _pumpTask is null)
        {
            return;
        }

        if (!_stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _stopCloseCode, keepSessionResumable ? ResumableCloseCode : SessionEndingCloseCode);
            if (_state != GatewayClientState.Faulted)
            {
                _state = GatewayClientState.Stopping;
            }

            _stopSignal.TrySetResult();
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _runTask.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await _pumpTask.WaitAsync(_options.HandlerDrainTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            GatewayLog.HandlerDrainTimeout(_logger, _options.HandlerDrainTimeout);
            await _handlerCancellation.CancelAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _handlerCancellation.CancelAsync().ConfigureAwait(false);
        }

        // The host stops us, then disposes us (and a caller may stop the host twice): say it once.
        if (Interlocked.Exchange(ref _stopLogged, 1) == 0)
        {
            GatewayLog.Stopped(_logger);
        }
    }

    /// <summary>Sends another opcode (e.g. presence update) on the current connection, within the size and rate limits.</summary>
    public Task SendAsync(GatewayOpcode opcode, JsonElement? data, CancellationToken cancellationToken)
    {
        var sender = _currentSender ?? throw new InvalidOperationException("The gateway is not connected; wait for IsReady before sending.");
        return sender.SendAsync(opcode, data, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
        _abort.Dispose();
        _handlerCancellation.Dispose();
    }

    private async Task RunAsync()
    {
        using var scope = _options.ShardId is { } shard ? GatewayLog.ShardScope(_logger, shard, _options.ShardCount ?? 1) : null;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                ConnectionOutcome outcome;
                try
                {
                    outcome = await RunConnectionAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopping.IsCancellationRequested || _abort.IsCancellationRequested)
                {
                    break;
                }
                catch (GatewayFatalException fatal)
                {
                    Fault(fatal);
                    break;
                }
                catch (Exception ex)
                {
                    GatewayLog.ConnectionFailed(_logger, ex);
                    outcome = AfterFailedConnection();
                }

                if (outcome.Action == GatewayReconnectAction.Stop)
                {
                    if (outcome.Fatal is { } fatal)
                    {
                        Fault(new GatewayFatalException(fatal));
                    }

                    break;
                }

                if (outcome.Action == GatewayReconnectAction.NewSession)
                {
                    _session = null;
                    Volatile.Write(ref _sequence, 0);
                }

                if (_stopping.IsCancellationRequested)
                {
                    break;
                }

                _state = GatewayClientState.Reconnecting;
                var delay = outcome.Delay ?? _reconnectDelay.NextDelay();
                GatewayLog.ReconnectWait(_logger, outcome.Action, delay);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, _time, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped while waiting to reconnect.
        }
        finally
        {
            _dispatches.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Retrying cannot fix a fatal close (e.g. 4004, bad token), so a bot left running would only answer "faulted"
    /// forever: stop the application, whose exit reports <see cref="FatalError"/>.
    /// </summary>
    private void Fault(GatewayFatalException fatal)
    {
        FatalError = fatal;
        _state = GatewayClientState.Faulted;
        GatewayLog.Fatal(_logger, fatal.Message);
        _lifetime?.StopApplication();
    }

    private async Task<ConnectionOutcome> RunConnectionAsync()
    {
        var stopping = _stopping.Token;
        var session = _session;
        var url = session?.ResumeUrl ?? await PrepareIdentifyAsync(stopping).ConfigureAwait(false);

        _state = GatewayClientState.Connecting;
        var uri = GatewayUri.ForVersion10(url);
        GatewayLog.Connecting(_logger, uri, session is null ? "identify" : "resume");

        await using var transport = _transports.Create();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        var zombie = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(_time));
        await using var heartbeater = new GatewayHeartbeater(_time, _random,
            ct => sender.SendHeartbeatAsync(LastSequence, ct), () => zombie.TrySetResult("no heartbeat ACK since the last beat"));

        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(stopping, connection.Token))
        {
            await transport.ConnectAsync(uri, connecting.Token).ConfigureAwait(false);
        }

        _resumeConnectFailures = 0;
        _ = DeclareZombieWithoutHelloAsync(heartbeater, zombie, connection.Token);
        _currentSender = sender;
        _currentHeartbeater = heartbeater;
        var context = new ConnectionContext(transport, sender, heartbeater, session);
        try
        {
            while (true)
            {
                var receive = transport.ReceiveAsync(connection.Token);
                var first = await Task.WhenAny(receive, zombie.Task, _stopSignal.Task).ConfigureAwait(false);
                if (first != receive)
                {
                    ObserveQuietly(receive);
                }

                if (first == _stopSignal.Task)
                {
                    await CloseQuietlyAsync(transport, Volatile.Read(ref _stopCloseCode), "shutting down").ConfigureAwait(false);
                    return ConnectionOutcome.Stopped;
                }

                if (first == zombie.Task)
                {
                    GatewayLog.Zombie(_logger, zombie.Task.Result);
                    await CloseQuietlyAsync(transport, ResumableCloseCode, "zombied connection").ConfigureAwait(false);
                    return ConnectionOutcome.ResumeIfPossible(_session);
                }

                switch (await receive.ConfigureAwait(false))
                {
                    case GatewayReceiveResult.Closed closed:
                        return AfterServerClose(closed);
                    case GatewayReceiveResult.Message message:
                        if (await HandleFrameAsync(message.Utf8Json, context, stopping).ConfigureAwait(false) is { } outcome)
                        {
                            return outcome;
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            // Stopped in the middle of a send or a full dispatch queue: still say goodbye properly.
            await CloseQuietlyAsync(transport, Volatile.Read(ref _stopCloseCode), "shutting down").ConfigureAwait(false);
            return ConnectionOutcome.Stopped;
        }
        finally
        {
            _currentSender = null;
            _currentHeartbeater = null;
            if (_state is not (GatewayClientState.Stopping or GatewayClientState.Faulted))
            {
                _state = GatewayClientState.Reconnecting;
            }

            await connection.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A connection that never says Hello would otherwise wait forever: nothing heartbeats it yet.</summary>
    private async Task DeclareZombieWithoutHelloAsync(GatewayHeartbeater heartbeater, TaskCompletionSource<string> zombie, CancellationToken connectionEnded)
    {
        try
        {
            await Task.Delay(_options.HelloTimeout, _time, connectionEnded).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (!heartbeater.IsStarted)
        {
            zombie.TrySetResult($"no Hello within {_options.HelloTimeout}");
        }
    }

    private async Task<Uri> PrepareIdentifyAsync(CancellationToken cancellationToken)
    {
        Uri url;
        try
        {
            var info = await _botInfo.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
            _identifyBudget.Update(info.SessionStartLimit);
            _cachedGatewayUrl = info.Url;
            url = info.Url;
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or GatewayFatalException) && _cachedGatewayUrl is { } cached)
        {
            GatewayLog.BotInfoFailed(_logger, ex, cached);
            url = cached;
        }

        _state = GatewayClientState.WaitingToIdentify;
        await _identifyBudget.WaitForTurnAsync(_options.ShardId ?? 0, cancellationToken).ConfigureAwait(false);
        return url;
    }

    private async Task<ConnectionOutcome?> HandleFrameAsync(ReadOnlyMemory<byte> utf8Json, ConnectionContext context, CancellationToken stopping)
    {
        GatewayReceivedFrame frame;
        try
        {
            frame = JsonSerializer.Deserialize(utf8Json.Span, GatewayJsonContext.Default.GatewayReceivedFrame)
                ?? throw new JsonException("The frame is JSON null.");
        }
        catch (JsonException ex)
        {
            GatewayLog.MalformedFrame(_logger, ex);
            return null;
        }

        switch ((GatewayOpcode)frame.Op)
        {
            case GatewayOpcode.Hello:
                await StartSessionAsync(frame, context, stopping).ConfigureAwait(false);
                return null;
            case GatewayOpcode.Dispatch:
                await AcceptDispatchAsync(frame, stopping).ConfigureAwait(false);
                return null;
            case GatewayOpcode.Heartbeat:
                await context.Heartbeater.BeatNowAsync(stopping).ConfigureAwait(false);
                return null;
            case GatewayOpcode.HeartbeatAck:
                context.Heartbeater.Acknowledge();
                return null;
            case GatewayOpcode.Reconnect:
                GatewayLog.ReconnectRequested(_logger);
                await CloseQuietlyAsync(context.Transport, ResumableCloseCode, "reconnect requested").ConfigureAwait(false);
                return ConnectionOutcome.ResumeIfPossible(_session);
            case GatewayOpcode.InvalidSession:
                var resumable = frame.D.ValueKind == JsonValueKind.True;
                GatewayLog.InvalidSession(_logger, resumable);
                await CloseQuietlyAsync(context.Transport, ResumableCloseCode, "invalid session").ConfigureAwait(false);
                return resumable && _session is not null
                    ? new ConnectionOutcome(GatewayReconnectAction.Resume)
                    : new ConnectionOutcome(GatewayReconnectAction.NewSession, InvalidSessionMinimumDelay + (InvalidSessionDelaySpread * _random.NextDouble()));
            default:
                return null;
        }
    }

    private async Task StartSessionAsync(GatewayReceivedFrame hello, ConnectionContext context, CancellationToken stopping)
    {
        if (context.Heartbeater.IsStarted)
        {
            return;
        }

        HelloData? data;
        try
        {
            data = hello.D.ValueKind == JsonValueKind.Object ? hello.D.Deserialize(GatewayJsonContext.Default.HelloData) : null;
        }
        catch (JsonException)
        {
            data = null;
        }

        if (data is not { HeartbeatInterval: > 0 })
        {
            throw new InvalidDataException($"The gateway's Hello carries no usable heartbeat_interval: {hello.D.GetRawText()}");
        }

        context.Heartbeater.Start(TimeSpan.FromMilliseconds(data.HeartbeatInterval));
        if (context.Session is { } session)
        {
            _state = GatewayClientState.Resuming;
            await context.Sender.SendResumeAsync(new ResumeData(_options.Token, session.SessionId, LastSequence), stopping).ConfigureAwait(false);
        }
        else
        {
            _state = GatewayClientState.Identifying;
            await context.Sender.SendIdentifyAsync(BuildIdentify(), stopping).ConfigureAwait(false);
        }
    }

    private async Task AcceptDispatchAsync(GatewayReceivedFrame frame, CancellationToken stopping)
    {
        if (frame.T is not { } eventName || frame.S is not { } sequence)
        {
            GatewayLog.MalformedFrame(_logger, new JsonException("A dispatch (op 0) without t or s."));
            return;
        }

        var last = Volatile.Read(ref _sequence);
        if (last > 0 && sequence <= last)
        {
            GatewayLog.DuplicateDispatch(_logger, eventName, sequence, last);
            return;
        }

        Volatile.Write(ref _sequence, sequence);
        switch (eventName)
        {
            case "READY":
                var ready = frame.D.ValueKind == JsonValueKind.Object ? frame.D.Deserialize(GatewayJsonContext.Default.ReadyData) : null;
                if (string.IsNullOrEmpty(ready?.SessionId))
                {
                    throw new InvalidDataException($"READY carries no session_id, so the session could never be resumed: {frame.D.GetRawText()}");
                }

                // Without a usable resume URL, resuming on the main gateway URL still beats a new identify.
                var resumeUrl = Uri.TryCreate(ready.ResumeGatewayUrl, UriKind.Absolute, out var parsed) ? parsed : _cachedGatewayUrl;
                _session = new GatewaySession(ready.SessionId, resumeUrl ?? throw new InvalidDataException(
                    $"READY carries no usable resume_gateway_url ('{ready.ResumeGatewayUrl}') and no gateway URL is known."));
                _state = GatewayClientState.Ready;
                _reconnectDelay.Reset();
                GatewayLog.Ready(_logger, ready.SessionId);
                break;
            case "RESUMED":
                _state = GatewayClientState.Ready;
                _reconnectDelay.Reset();
                GatewayLog.Resumed(_logger, _session?.SessionId, sequence);
                break;
        }

        await _dispatches.Writer.WriteAsync(new GatewayDispatch(eventName, sequence, frame.D), stopping).ConfigureAwait(false);
    }

    private ConnectionOutcome AfterServerClose(GatewayReceiveResult.Closed closed)
    {
        var decision = GatewayCloseCodePolicy.Decide(closed.CloseCode);
        GatewayLog.Closed(_logger, decision.Describe(), decision.Action);
        return decision.Action switch
        {
            GatewayReconnectAction.Stop => new ConnectionOutcome(GatewayReconnectAction.Stop, Fatal: decision),
            GatewayReconnectAction.Resume => ConnectionOutcome.ResumeIfPossible(_session),
            _ => new ConnectionOutcome(GatewayReconnectAction.NewSession),
        };
    }

    private ConnectionOutcome AfterFailedConnection()
    {
        if (_session is null)
        {
            return new ConnectionOutcome(GatewayReconnectAction.NewSession);
        }

        if (++_resumeConnectFailures < _options.MaxResumeConnectFailures)
        {
            return new ConnectionOutcome(GatewayReconnectAction.Resume);
        }

        GatewayLog.ResumeAbandoned(_logger, _resumeConnectFailures);
        _resumeConnectFailures = 0;
        return new ConnectionOutcome(GatewayReconnectAction.NewSession);
    }

    private IdentifyData BuildIdentify() => new(
        _options.Token,
        (int)_options.Intents,
        _options.Properties,
        _options.ShardId is { } shard ? [shard, _options.ShardCount!.Value] : null);

    private async Task CloseQuietlyAsync(IGatewayTransport transport, int closeCode, string reason)
    {
        using var timeout = new CancellationTokenSource(_options.CloseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abort.Token);
        try
        {
            await transport.CloseAsync(closeCode, reason, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Closing is a courtesy to the server; a reconnect or shutdown goes ahead either way.
        }
    }

    private async Task PumpDispatchesAsync()
    {
        var cancellation = _handlerCancellation.Token;
        try
        {
            await foreach (var dispatch in _dispatches.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                try
                {
                    await _handler.HandleAsync(dispatch, cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    GatewayLog.HandlerFailed(_logger, ex, dispatch.EventName, dispatch.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Drain timeout passed: the remaining dispatches are dropped on purpose.
        }
    }

    private static void ObserveQuietly(Task abandoned) =>
        _ = abandoned.ContinueWith(static task => _ = task.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private async Task CompleteWhenFinishedAsync(Task run, Task pump)
    {
        try
        {
            await Task.WhenAll(run, pump).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _state = GatewayClientState.Faulted;
            _completion.TrySetException(ex);
            return;
        }

        if (FatalError is { } fatal)
        {
            _state = GatewayClientState.Faulted;
            _completion.TrySetException(fatal);
        }
        else
        {
            _state = GatewayClientState.Stopped;
            _completion.TrySetResult();
        }
    }

    private sealed record GatewaySession(string SessionId, Uri ResumeUrl);

    private sealed record ConnectionContext(IGatewayTransport Transport, GatewayFrameSender Sender, GatewayHeartbeater Heartbeater, GatewaySession? Session);

    private sealed record ConnectionOutcome(GatewayReconnectAction Action, TimeSpan? Delay = null, GatewayCloseDecision? Fatal = null)
    {
        public static readonly ConnectionOutcome Stopped = new(GatewayReconnectAction.Stop);

        public static ConnectionOutcome ResumeIfPossible(GatewaySession? session) =>
            new(session is null ? GatewayReconnectAction.NewSession : GatewayReconnectAction.Resume);
    }
}
