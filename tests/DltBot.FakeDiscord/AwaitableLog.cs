namespace DltBot.FakeDiscord;

/// <summary>
/// An append-only, thread-safe list that tests can await: a waiter completes the moment a matching item is added
/// (or at once if one is already there), so tests never poll or sleep.
/// </summary>
internal sealed class AwaitableLog<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<Waiter> _waiters = [];

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        List<Waiter> satisfied = [];
        lock (_gate)
        {
            _items.Add(item);
            foreach (var waiter in _waiters)
            {
                if (waiter.Match(item) && ++waiter.Seen == waiter.Occurrence)
                {
                    satisfied.Add(waiter);
                }
            }

            _waiters.RemoveAll(satisfied.Contains);
        }

        foreach (var waiter in satisfied)
        {
            waiter.Done.TrySetResult(item);
        }
    }

    /// <summary>Returns the <paramref name="occurrence"/>-th item (1-based, counting past items too) that matches.</summary>
    public async Task<T> WaitAsync(Func<T, bool> match, int occurrence, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(occurrence, 1);
        Waiter waiter;
        lock (_gate)
        {
            var seen = 0;
            foreach (var item in _items)
            {
                if (match(item) && ++seen == occurrence)
                {
                    return item;
                }
            }

            waiter = new Waiter(match, occurrence) { Seen = seen };
            _waiters.Add(waiter);
        }

        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                _waiters.Remove(waiter);
            }

            waiter.Done.TrySetCanceled(cancellationToken);
        });
        return await waiter.Done.Task.ConfigureAwait(false);
    }

    private sealed class Waiter(Func<T, bool> match, int occurrence)
    {
        public Func<T, bool> Match { get; } = match;
        public int Occurrence { get; } = occurrence;
        public int Seen { get; set; }
        public TaskCompletionSource<T> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
