using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Fakes;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a short timer (at most <see cref="ShortTimer"/>) is set,
/// so a test can know that code is now waiting on the clock before it checks that nothing happened yet.
/// </summary>
public sealed class TimerWatchingClock(FakeTimeProvider inner, TimeSpan shortTimer) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _shortTimers;

    public TimeSpan ShortTimer { get; } = shortTimer;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime <= ShortTimer)
        {
            lock (_lock)
            {
                _shortTimers++;
                foreach (var waiter in _waiters.Where(w => _shortTimers >= w.Count).ToList())
                {
                    waiter.Done.TrySetResult();
                    _waiters.Remove(waiter);
                }
            }
        }
        return timer;
    }

    /// <summary>Completes once <paramref name="count"/> short timers have been set.</summary>
    public Task WaitForShortTimersAsync(int count)
    {
        lock (_lock)
        {
            if (_shortTimers >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }
}
