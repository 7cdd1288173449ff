using System.Threading.Channels;
using DltBot.Discord.Gateway;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Gateway.Fakes;

/// <summary>A FakeTimeProvider that tells the test when a timer was scheduled, so it can advance without racing the code under test.</summary>
internal sealed class ObservableFakeTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _unclaimed = [];
    private readonly List<(TimeSpan Due, TaskCompletionSource Signal)> _waiters = [];

    public ObservableFakeTimeProvider()
        : base(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_unclaimed)
        {
            var waiter = _waiters.FindIndex(w => w.Due == dueTime);
            if (waiter >= 0)
            {
                var signal = _waiters[waiter].Signal;
                _waiters.RemoveAt(waiter);
                signal.TrySetResult();
            }
            else
            {
                _unclaimed.Add(dueTime);
            }
        }

        return timer;
    }

    /// <summary>Completes once a timer with exactly this due time exists (each created timer satisfies one wait).</summary>
    public Task WaitForTimerAsync(TimeSpan dueTime)
    {
        lock (_unclaimed)
        {
            if (_unclaimed.Remove(dueTime))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((dueTime, signal));
            return signal.Task.WithTimeout();
        }
    }
}

internal sealed class FixedRandom(double value) : Random
{
    public double Value { get; set; } = value;

    public override double NextDouble() => Value;

    protected override double Sample() => Value;
}

internal sealed class StaticBotInfoSource : IGatewayBotInfoSource
{
    private int _calls;

    public GatewayBotInfo Info { get; set; } = new(
        new Uri(GatewayScript.GatewayUrl), 1, new GatewaySessionStartLimit(1000, 997, TimeSpan.FromHours(20), 1));

    public Exception? Failure { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Failure is null ? Task.FromResult(Info) : Task.FromException<GatewayBotInfo>(Failure);
    }
}

/// <summary>Records dispatches; an optional hook lets a test make the handler slow or failing.</summary>
internal sealed class RecordingDispatchHandler : IGatewayDispatchHandler
{
    private readonly Channel<GatewayDispatch> _handled = Channel.CreateUnbounded<GatewayDispatch>();
    private readonly List<GatewayDispatch> _all = [];

    public Func<GatewayDispatch, CancellationToken, Task>? OnDispatch { get; set; }

    public IReadOnlyList<GatewayDispatch> Handled
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public async ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        if (OnDispatch is { } hook)
        {
            await hook(dispatch, cancellationToken);
        }

        lock (_all)
        {
            _all.Add(dispatch);
        }

        _handled.Writer.TryWrite(dispatch);
    }

    public async Task<GatewayDispatch> NextAsync() =>
        await _handled.Reader.ReadAsync().AsTask().WithTimeout();
}

internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly List<string> _lines = [];
    private readonly List<Exception?> _exceptions = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    /// <summary>The exception passed with each line (null for most): a logged exception prints its whole stack.</summary>
    public IReadOnlyList<Exception?> Exceptions
    {
        get
        {
            lock (_lines)
            {
                return [.. _exceptions];
            }
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines)
        {
            _lines.Add($"{logLevel} {eventId.Name}: {formatter(state, exception)}");
            _exceptions.Add(exception);
        }
    }
}
