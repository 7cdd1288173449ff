using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Fakes;

/// <summary>
/// A fake clock for code that runs in-process with the test (the real bot, its Quartz scheduler), whose timer callbacks
/// run on thread-pool threads as <see cref="TimeProvider.System"/>'s do. A bare <see cref="FakeTimeProvider"/> runs every
/// due callback inline on whichever thread touches it next (a clock read, a timer set, a move), and while one thread does,
/// a move from the test returns at once and leaves the callbacks to that thread. That thread can be the bot's, in the
/// middle of a lock or a database write transaction, so a timer's continuation (a Task.Delay, a timeout's cancellation)
/// then runs inside it: a continuation that needs the same lock or database waits for its own thread. Here a touch of
/// the clock only queues the due callbacks, so it never runs anyone's code.
/// Time moves only through <see cref="SetUtcNow"/> and <see cref="Advance"/>; neither waits for the callbacks it makes
/// due, so wait on what they do (a request, a log line), as with the real clock.
/// </summary>
public sealed class PooledTimerClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(start);

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    /// <inheritdoc cref="FakeTimeProvider.SetUtcNow"/>
    public void SetUtcNow(DateTimeOffset value) => _fake.SetUtcNow(value);

    /// <inheritdoc cref="FakeTimeProvider.Advance"/>
    public void Advance(TimeSpan delta) => _fake.Advance(delta);

    /// <summary>
    /// Task.Delay(…, this), CancellationTokenSource(…, this), PeriodicTimer and CancelAfter all come here, so each of them
    /// completes on a pool thread too. Like the system timer, the callback runs in the ExecutionContext of the caller
    /// that set the timer (unless its flow was suppressed), not in that of the thread that happened to touch the clock.
    /// </summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var work = new QueuedCallback(callback, state, ExecutionContext.Capture());
        return _fake.CreateTimer(static w => ((QueuedCallback)w!).Queue(), work, dueTime, period);
    }

    private sealed class QueuedCallback(TimerCallback callback, object? state, ExecutionContext? context) : IThreadPoolWorkItem
    {
        public void Queue() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

        public void Execute()
        {
            if (context is null) callback(state);
            else ExecutionContext.Run(context, static w => ((QueuedCallback)w!).Invoke(), this);
        }

        private void Invoke() => callback(state);
    }
}
