namespace DltBot.Discord.Rest;

/// <summary>
/// Counts invalid requests (401, 403, non-shared 429) in a sliding window, because Discord bans the IP for a
/// while after 10,000 of them in 10 minutes. Not thread-safe: <see cref="DiscordRateLimiter"/> guards it.
/// </summary>
internal sealed class InvalidRequestBudget(int limit, int safetyMargin, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _recent = new();

    public int Threshold { get; } = Math.Max(1, limit - safetyMargin);

    public int Count(DateTimeOffset now)
    {
        Expire(now);
        return _recent.Count;
    }

    public void Record(DateTimeOffset now)
    {
        Expire(now);
        _recent.Enqueue(now);
    }

    /// <summary>Zero while under the threshold; otherwise how long until enough old entries expire.</summary>
    public TimeSpan TimeUntilAllowed(DateTimeOffset now)
    {
        Expire(now);
        if (_recent.Count < Threshold)
        {
            return TimeSpan.Zero;
        }

        // The entry whose expiry brings the count back under the threshold.
        var blocking = _recent.ElementAt(_recent.Count - Threshold);
        return blocking + window - now;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_recent.Count > 0 && _recent.Peek() + window <= now)
        {
            _recent.Dequeue();
        }
    }
}
