namespace DltBot.Bot.LinkHealth;

/// <summary>
/// How many of the checker's workers can go on without the clock moving. A worker counts from its start to its end,
/// except while it waits for the clock (a host's spacing, a Retry-After); waiting for a server or for another worker
/// still counts. Nothing in the bot reads this: it is what lets a test clock move only when the checker can do nothing
/// but wait for it. Reading "no request in flight" instead lets the clock jump while a worker is between an answer and
/// its next timer, and stretches the wait it then sets.
/// </summary>
internal sealed class LinkCheckActivity
{
    private int _running;

    public int Running => Volatile.Read(ref _running);

    /// <summary>Raised when <see cref="Running"/> falls (a worker waits for the clock or ends).</summary>
    public event Action? Changed;

    /// <summary>A worker starts, or wakes from the clock.</summary>
    public void Started() => Interlocked.Increment(ref _running);

    /// <summary>A worker ends, or waits for the clock.</summary>
    public void Stopped()
    {
        Interlocked.Decrement(ref _running);
        Changed?.Invoke();
    }

    /// <summary>
    /// Waits <paramref name="wait"/> on <paramref name="time"/>. The worker stops counting only once its timer exists
    /// (so the clock cannot move between deciding the wait and setting it), and counts again from inside the timer's
    /// callback (so the clock cannot move again before the woken worker has run).
    /// </summary>
    public async Task WaitForClockAsync(TimeSpan wait, TimeProvider time, CancellationToken ct)
    {
        var woken = new TaskCompletionSource();
        var once = 0;
        void Wake(bool cancelled)
        {
            if (Interlocked.Exchange(ref once, 1) != 0) return;
            Started();
            if (cancelled) woken.TrySetCanceled(ct);
            else woken.TrySetResult();
        }

        using var timer = time.CreateTimer(_ => Wake(cancelled: false), null, wait, Timeout.InfiniteTimeSpan);
        using var cancellation = ct.Register(() => Wake(cancelled: true));
        Stopped();
        await woken.Task.ConfigureAwait(false);
    }
}
