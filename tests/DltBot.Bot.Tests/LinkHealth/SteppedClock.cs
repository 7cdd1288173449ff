using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>
/// A fake clock that moves itself whenever the code under test can only be waiting for it: nothing is in flight on the
/// network except what the fake web holds on purpose. It then jumps to the next timer, so a check paced over minutes runs
/// in milliseconds and every wait is exactly as long as the code asked. Request deadlines (timers of exactly
/// <paramref name="deadline"/>) are jumped to only while the fake web is holding a request, so a request that is merely
/// slow to start is never timed out by the jump.
/// </summary>
public sealed class SteppedClock(TimeSpan deadline) : TimeProvider, IDisposable
{
    private readonly FakeTimeProvider _inner = new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero));
    private readonly Lock _lock = new();
    private readonly HashSet<Tracked> _timers = [];
    private readonly SemaphoreSlim _changed = new(0);

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this, dueTime == deadline);
        tracked.Inner = _inner.CreateTimer(s =>
        {
            tracked.Fired(period);
            callback(s);
        }, state, dueTime, period);
        tracked.Set(dueTime);
        Signal();
        return tracked;
    }

    public void Dispose() => _changed.Dispose();

    /// <summary>Something the driver waits on happened (a request came or went, a timer was set).</summary>
    public void Signal() => _changed.Release();

    /// <summary>
    /// Runs <paramref name="work"/> to the end, moving the clock whenever <paramref name="inFlight"/> (requests sent and
    /// not answered) is at most <paramref name="parked"/> (requests the fake web holds on purpose).
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, Func<int> inFlight, Func<int> parked, CancellationToken ct)
    {
        while (!work.IsCompleted)
        {
            ct.ThrowIfCancellationRequested();
            var holding = parked();
            if (inFlight() <= holding && Next(includeDeadlines: holding > 0) is { } due)
            {
                _inner.Advance(due > GetUtcNow() ? due - GetUtcNow() : TimeSpan.Zero);
                continue;
            }
            await Task.WhenAny(work, _changed.WaitAsync(ct));
        }
        return await work;
    }

    private DateTimeOffset? Next(bool includeDeadlines)
    {
        lock (_lock)
        {
            return _timers.Where(t => t.Due is not null && (includeDeadlines || !t.IsDeadline)).Select(t => t.Due!.Value)
                .DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var min && min != DateTimeOffset.MaxValue ? min : null;
        }
    }

    private sealed class Tracked(SteppedClock clock, bool isDeadline) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public bool IsDeadline => isDeadline;

        public DateTimeOffset? Due { get; private set; }

        public void Set(TimeSpan dueTime)
        {
            lock (clock._lock)
            {
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock.GetUtcNow() + dueTime;
                if (Due is null) clock._timers.Remove(this);
                else clock._timers.Add(this);
            }
        }

        public void Fired(TimeSpan period)
        {
            Set(period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? Timeout.InfiniteTimeSpan : period);
            clock.Signal();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Set(dueTime);
            clock.Signal();
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            lock (clock._lock) clock._timers.Remove(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Counts the checker's requests between sending and the end of the answer's headers.</summary>
public sealed class CountingHandler(HttpMessageHandler inner, SteppedClock clock) : DelegatingHandler(inner)
{
    private int _inFlight;

    public int InFlight => Volatile.Read(ref _inFlight);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        clock.Signal();
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            clock.Signal();
        }
    }
}
