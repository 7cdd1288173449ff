using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>
/// A fake clock that moves itself, but only when the code under test can do nothing but wait for it: the driver is told
/// when that is (see <see cref="DriveAsync"/>). It then jumps to the next timer, so a check paced over minutes runs in
/// milliseconds and every wait is exactly as long as the code asked.
/// </summary>
public sealed class SteppedClock : TimeProvider, IDisposable
{
    private readonly FakeTimeProvider _inner = new(Start);
    private readonly Lock _lock = new();
    private readonly HashSet<Tracked> _timers = [];
    private readonly List<TaskCompletionSource> _standingStill = [];
    private readonly SemaphoreSlim _changed = new(0);

    /// <summary>When the clock starts.</summary>
    public static DateTimeOffset Start { get; } = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _inner.GetUtcNow();

    public override long GetTimestamp() => _inner.GetTimestamp();

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new Tracked(this);
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

    /// <summary>Something the driver decides on may have changed: it looks again.</summary>
    public void Signal() => _changed.Release();

    public bool HasTimerDueAt(DateTimeOffset due)
    {
        lock (_lock) return _timers.Any(t => t.Due == due);
    }

    /// <summary>
    /// Runs <paramref name="work"/> to the end, moving the clock to the next timer whenever
    /// <paramref name="onlyTimeCanMoveIt"/> says nothing else can happen now. Whatever it reads must be signalled
    /// (<see cref="Signal"/>) when it may have turned true.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> work, Func<bool> onlyTimeCanMoveIt, CancellationToken ct)
    {
        while (!work.IsCompleted)
        {
            ct.ThrowIfCancellationRequested();
            if (onlyTimeCanMoveIt() && Next() is { } due)
            {
                _inner.Advance(due > GetUtcNow() ? due - GetUtcNow() : TimeSpan.Zero);
                continue;
            }
            StoodStill();
            await Task.WhenAny(work, _changed.WaitAsync(ct));
        }
        return await work;
    }

    /// <summary>
    /// Completes once the driver, having looked at everything signalled before this call, has left the clock where it is.
    /// For playing a busy machine: code that takes its time where the clock must not move gives the driver every
    /// chance to move it wrongly.
    /// </summary>
    public Task StandStillAsync()
    {
        var stood = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _standingStill.Add(stood);
            Signal();
        }
        return stood.Task;
    }

    private void StoodStill()
    {
        lock (_lock)
        {
            // A signal not yet taken may be one given with a StandStillAsync call: the driver has to look at it first.
            if (_changed.CurrentCount > 0) return;
            foreach (var stood in _standingStill) stood.TrySetResult();
            _standingStill.Clear();
        }
    }

    private DateTimeOffset? Next()
    {
        lock (_lock)
        {
            return _timers.Where(t => t.Due is not null).Select(t => t.Due!.Value)
                .DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var min && min != DateTimeOffset.MaxValue ? min : null;
        }
    }

    private sealed class Tracked(SteppedClock clock) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

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
