using System.Collections.Concurrent;

namespace DltBot.FaultSuite;

/// <summary>A process's output lines as they arrive; a wait completes on the first matching line, earlier ones included.</summary>
public sealed class LineLog
{
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Done)> _waiters = [];
    private readonly ConcurrentQueue<string> _lines = new();
    private string? _closed;

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Add(string line)
    {
        lock (_waiters)
        {
            _lines.Enqueue(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                waiter.Done.TrySetResult(line);
                _waiters.Remove(waiter);
            }
        }
    }

    public Task<string> WaitForAsync(Func<string, bool> match)
    {
        lock (_waiters)
        {
            if (_lines.FirstOrDefault(match) is { } seen) return Task.FromResult(seen);
            if (_closed is not null) return Task.FromException<string>(new InvalidOperationException(_closed));
            var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task;
        }
    }

    public Task<string> WaitForAsync(string text) => WaitForAsync(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Fails every pending wait (the process exited: nothing more will come).</summary>
    public void Close(string why)
    {
        lock (_waiters)
        {
            _closed = why;
            foreach (var waiter in _waiters) waiter.Done.TrySetException(new InvalidOperationException(why));
            _waiters.Clear();
        }
    }

    public int Count(string text) => Count(l => l.Contains(text, StringComparison.Ordinal));

    public int Count(Func<string, bool> match) => _lines.Count(match);
}
