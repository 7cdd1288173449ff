namespace DltBot.Bot.Arxiv;

/// <summary>
/// arXiv's rule for API clients: at most one request every three seconds, one at a time. One gate per process
/// (a DI singleton); callers run strictly in the order they arrived.
/// </summary>
public sealed class ArxivRequestGate(TimeProvider time)
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private Task _tail = Task.CompletedTask;
    private DateTimeOffset? _lastStart;

    /// <summary>Waits for every earlier caller to finish and for <see cref="Spacing"/> since the last start, then runs <paramref name="request"/>.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task previous;
        lock (_lock)
        {
            previous = _tail;
            _tail = mine.Task;
        }

        try
        {
            await previous.WaitAsync(cancellationToken).ConfigureAwait(false);
            // Measured from the last start, not from now, so the slot does not drift when the clock moves on while we queue.
            if (_lastStart is { } last && last + Spacing - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            _lastStart = time.GetUtcNow();
            return await request(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // A caller that gave up keeps its place until the one before it is done, so order and spacing still hold.
            _ = previous.ContinueWith(_ => mine.SetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
