namespace DltBot.Discord.Gateway;

/// <summary>
/// Discord allows 120 sent events per connection per 60 seconds and disconnects beyond that. Ordinary sends may use all
/// but a few slots; the reserved slots keep heartbeats flowing even when everything else is throttled.
/// </summary>
public sealed class GatewaySendLimiter
{
    public const int DiscordEventsPerWindow = 120;
    public const int DefaultReservedForHeartbeats = 3;
    public static readonly TimeSpan DiscordWindow = TimeSpan.FromSeconds(60);

    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly int _reserved;
    private readonly TimeSpan _window;
    private readonly Queue<DateTimeOffset> _sent = new();
    private readonly Lock _lock = new();

    public GatewaySendLimiter(TimeProvider time, int limit = DiscordEventsPerWindow, TimeSpan? window = null, int reservedForHeartbeats = DefaultReservedForHeartbeats)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(reservedForHeartbeats);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(reservedForHeartbeats, limit);
        _time = time;
        _limit = limit;
        _reserved = reservedForHeartbeats;
        _window = window ?? DiscordWindow;
    }

    /// <summary>Waits (through the TimeProvider) until one more event fits in the window, then counts it.</summary>
    public async ValueTask WaitAsync(bool isHeartbeat, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                while (_sent.TryPeek(out var oldest) && oldest + _window <= now)
                {
                    _sent.Dequeue();
                }

                var allowed = isHeartbeat ? _limit : _limit - _reserved;
                if (_sent.Count < allowed)
                {
                    _sent.Enqueue(now);
                    return;
                }

                // Ordinary sends wait until enough old events leave the window that the reserve stays free.
                var slotsToFree = _sent.Count - allowed + 1;
                wait = _sent.ElementAt(slotsToFree - 1) + _window - now;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The limit is per connection: a new connection starts with an empty window.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _sent.Clear();
        }
    }
}
