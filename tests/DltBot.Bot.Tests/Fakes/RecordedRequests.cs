namespace DltBot.Bot.Tests.Fakes;

/// <summary>What a fake server was asked, in order, and waits for the n-th request without polling or sleeps.</summary>
internal sealed class RecordedRequests<T>
{
    private readonly List<T> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<T> All
    {
        get { lock (_lock) return [.. _requests]; }
    }

    public void Add(T request)
    {
        lock (_lock)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have been recorded.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_lock)
        {
            if (_requests.Count >= count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }
}
