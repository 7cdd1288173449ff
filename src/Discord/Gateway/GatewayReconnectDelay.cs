namespace DltBot.Discord.Gateway;

/// <summary>How long to wait before each reconnect attempt. Reset once a connection reaches READY or RESUMED.</summary>
public interface IGatewayReconnectDelay
{
    TimeSpan NextDelay();

    void Reset();
}

/// <summary>
/// Exponential backoff with jitter and a cap: attempt n waits between half and all of min(cap, initial * 2^n).
/// The jitter keeps many bots (or shards) from reconnecting in lockstep after a Discord outage.
/// </summary>
public sealed class ExponentialGatewayReconnectDelay : IGatewayReconnectDelay
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _cap;
    private readonly Random _random;
    private int _attempt;

    public ExponentialGatewayReconnectDelay(Random random, TimeSpan? initial = null, TimeSpan? cap = null)
    {
        _random = random;
        _initial = initial ?? TimeSpan.FromSeconds(1);
        _cap = cap ?? TimeSpan.FromSeconds(60);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(_cap, _initial);
    }

    public TimeSpan NextDelay()
    {
        // Beyond 2^20 the cap always wins; stopping the exponent there keeps the arithmetic finite.
        var exponent = Math.Min(_attempt, 20);
        _attempt++;
        var ceiling = TimeSpan.FromTicks(Math.Min(_cap.Ticks, _initial.Ticks * (1L << exponent)));
        return ceiling * (0.5 + (_random.NextDouble() * 0.5));
    }

    public void Reset() => _attempt = 0;
}

/// <summary>No waiting at all; for tests that are not about backoff.</summary>
public sealed class ImmediateGatewayReconnectDelay : IGatewayReconnectDelay
{
    public TimeSpan NextDelay() => TimeSpan.Zero;

    public void Reset()
    {
    }
}
