namespace DltBot.Discord.Gateway;

/// <summary>
/// Heartbeats one connection: first beat after interval x jitter, then every interval. A beat that finds the previous one
/// still unacknowledged means the connection is a zombie; the owner is told and closes it.
/// </summary>
public sealed class GatewayHeartbeater : IAsyncDisposable
{
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Func<CancellationToken, Task> _sendHeartbeat;
    private readonly Action _onZombie;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _awaitingAck;
    private long _lastBeatTimestamp;

    public GatewayHeartbeater(TimeProvider time, Random random, Func<CancellationToken, Task> sendHeartbeat, Action onZombie)
    {
        _time = time;
        _random = random;
        _sendHeartbeat = sendHeartbeat;
        _onZombie = onZombie;
    }

    public bool IsStarted { get; private set; }

    /// <summary>Time from the last beat to its ACK; null until the first ACK.</summary>
    public TimeSpan? Latency { get; private set; }

    public void Start(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        if (IsStarted)
        {
            throw new InvalidOperationException("The heartbeater is already running for this connection.");
        }

        IsStarted = true;
        // The first timer is created before Start returns, so whoever observes the next frame knows the timer exists.
        var firstBeat = Delay(interval * _random.NextDouble());
        _loop = RunAsync(interval, firstBeat);
    }

    public void Acknowledge()
    {
        Latency = _time.GetElapsedTime(Interlocked.Read(ref _lastBeatTimestamp));
        Volatile.Write(ref _awaitingAck, 0);
    }

    /// <summary>Answers the server's op 1 at once; does not change the ACK bookkeeping of the regular beats.</summary>
    public Task BeatNowAsync(CancellationToken cancellationToken) => _sendHeartbeat(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(TimeSpan interval, Task firstBeat)
    {
        await firstBeat.ConfigureAwait(false);
        while (true)
        {
            if (Interlocked.Exchange(ref _awaitingAck, 1) == 1)
            {
                _onZombie();
                return;
            }

            // Scheduled before sending so beats keep a fixed cadence (and the timer exists once the frame is visible).
            var nextBeat = Delay(interval);
            Interlocked.Exchange(ref _lastBeatTimestamp, _time.GetTimestamp());
            try
            {
                await _sendHeartbeat(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A beat that cannot be sent means the connection is as good as dead: same remedy as a missing ACK.
                _onZombie();
                return;
            }

            await nextBeat.ConfigureAwait(false);
        }
    }

    private Task Delay(TimeSpan delay) => delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, _time, _stop.Token);
}
