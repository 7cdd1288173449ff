using System.Collections.Concurrent;

namespace DltBot.Bot.Interactions;

/// <summary>
/// A fixed set of dedicated threads with a bounded queue in front. Work handed here never runs on the thread pool, so
/// however much CPU it burns, the pool stays free for what must never wait: the deferral timers (a TimeProvider timer
/// completes on a pool thread), sockets, Kestrel, PING and the acknowledgments themselves. When every worker is busy and
/// the queue is full, <see cref="TryRun{T}"/> refuses at once instead of letting the caller time out.
/// </summary>
public sealed class CommandWorkers : IDisposable
{
    private readonly BlockingCollection<Action> _queue = new(new ConcurrentQueue<Action>());
    private readonly int _capacity;
    private int _admitted;

    public CommandWorkers(string name, int workers, int queue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(queue);
        Workers = workers;
        _capacity = workers + queue;
        for (var i = 0; i < workers; i++)
            new Thread(Loop) { IsBackground = true, Name = $"dltbot-{name}-{i + 1}" }.Start();
    }

    public int Workers { get; }

    /// <summary>Running plus waiting.</summary>
    public int Admitted => Volatile.Read(ref _admitted);

    /// <summary>
    /// Queues <paramref name="work"/>; it holds its worker until it completes, asynchronous parts included, so at most
    /// <see cref="Workers"/> run at once. Work whose token is cancelled while it waits is not started.
    /// </summary>
    /// <returns>False when the workers and the queue are full (or shut down): nothing was queued.</returns>
    public bool TryRun<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken, out Task<T> completion)
    {
        if (Interlocked.Increment(ref _admitted) > _capacity)
        {
            Interlocked.Decrement(ref _admitted);
            completion = Task.FromCanceled<T>(new CancellationToken(canceled: true));
            return false;
        }

        // Continuations go to the pool, so the worker is back on the queue as soon as the work is done.
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _queue.Add(() => Execute(work, done, cancellationToken));
        }
        catch (InvalidOperationException)
        {
            Interlocked.Decrement(ref _admitted); // shut down
            completion = Task.FromCanceled<T>(new CancellationToken(canceled: true));
            return false;
        }
        completion = done.Task;
        return true;
    }

    private void Execute<T>(Func<CancellationToken, ValueTask<T>> work, TaskCompletionSource<T> done, CancellationToken cancellationToken)
    {
        try
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }
            var running = work(cancellationToken);
            // Blocking here is the point: the worker stays taken until the work ends, whatever thread its awaits resume on.
            done.TrySetResult(running.IsCompleted ? running.Result : running.AsTask().GetAwaiter().GetResult());
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
        {
            done.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }

    private void Loop()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
            item();
    }

    /// <summary>Stops taking work; the threads end once the queue is empty (they are background threads either way).</summary>
    public void Dispose() => _queue.CompleteAdding();
}

/// <summary>
/// The two sets of workers the responder uses: commands and clicks (deferrable, so they may wait in a queue), and
/// autocomplete (never deferrable, so it gets its own workers and never waits behind a command).
/// </summary>
public sealed class InteractionWorkers(DiscordBotOptions options, int autocompleteWorkers, int autocompleteQueue) : IDisposable
{
    /// <summary>Autocomplete answers in microseconds normally: one worker per core, a short queue, and under overload an empty list at once.</summary>
    public InteractionWorkers(DiscordBotOptions options)
        : this(options, Math.Max(1, Environment.ProcessorCount), 4 * Math.Max(1, Environment.ProcessorCount))
    {
    }

    public CommandWorkers Commands { get; } = new("command", options.CommandWorkers, options.CommandQueue);

    public CommandWorkers Autocomplete { get; } = new("autocomplete", autocompleteWorkers, autocompleteQueue);

    public void Dispose()
    {
        Commands.Dispose();
        Autocomplete.Dispose();
    }
}
