namespace DltBot.Discord.Rest;

/// <summary>
/// Discord's global limit (N requests per second per bot) kept as a rolling window rather than fixed one-second
/// windows: a request holds one of N slots while it is in flight and for one second after its response arrives. A fixed
/// window lets N requests go at the end of one window and N more at the start of the next, 2N within milliseconds, which
/// a limiter that counts any one-second span answers with global 429s. Dating a slot by the response rather than the send
/// makes the bound hold on Discord's side whatever the latency: Discord saw a request before we saw its answer, so no
/// one-second span of arrivals there can hold more than N of ours. The cost is one round trip per slot per second
/// (a few percent of throughput at 50 ms).
/// Not thread-safe: <see cref="DiscordRateLimiter"/> calls it under its lock.
/// </summary>
internal sealed class GlobalRequestWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(1);

    private readonly int _limit;
    private readonly Queue<DateTimeOffset> _answered = new();
    private int _inFlight;

    public GlobalRequestWindow(int limit)
    {
        if (limit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The global rate limit must allow at least one request per second.");
        }

        _limit = limit;
    }

    /// <summary>Takes a slot and returns zero, or returns how long until one may be free (nothing taken).</summary>
    public TimeSpan TryTake(DateTimeOffset now)
    {
        while (_answered.Count > 0 && _answered.Peek() + Length <= now)
        {
            _answered.Dequeue();
        }

        if (_inFlight + _answered.Count < _limit)
        {
            _inFlight++;
            return TimeSpan.Zero;
        }

        // Every slot in flight: none can free before a second after an answer that has not come yet.
        return _answered.Count > 0 ? _answered.Peek() + Length - now : Length;
    }

    /// <summary>The request that took a slot got its answer (or failed) at <paramref name="now"/>.</summary>
    public void Release(DateTimeOffset now)
    {
        _inFlight--;
        _answered.Enqueue(now);
    }
}
