using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Rest;

/// <summary>
/// A FakeTimeProvider that reports each timer created, so a test can wait until the code under test is
/// actually waiting before it advances the clock (no sleeps, no races).
/// </summary>
internal sealed class ObservableFakeTimeProvider : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _created = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ObservableFakeTimeProvider()
        : base(new DateTimeOffset(2026, 7, 20, 8, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _created.Add(dueTime);
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        return timer;
    }

    /// <summary>Completes once a timer with this due time has been created (also if that happened already); consumes it.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var index = _created.FindIndex(d => Math.Abs((d - dueTime).TotalMilliseconds) < 1);
                if (index >= 0)
                {
                    _created.RemoveAt(index);
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(guard.Token);
        }
    }
}
