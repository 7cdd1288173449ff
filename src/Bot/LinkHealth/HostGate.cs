using System.Collections.Concurrent;

namespace DltBot.Bot.LinkHealth;

/// <summary>
/// One host's turn: one request at a time, and the next one only <see cref="Spacing"/> after the previous one ended (or
/// later, when the host asked for it with Retry-After). Time is read from the <see cref="TimeProvider"/>, and waited for
/// through <see cref="LinkCheckActivity"/>.
/// </summary>
internal sealed class HostGate(string key, TimeSpan spacing, TimeProvider time, LinkCheckActivity activity) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private DateTimeOffset _notBefore = DateTimeOffset.MinValue;

    public string Key => key;

    public TimeSpan Spacing => spacing;

    /// <summary>Waits for this host's turn and its spacing, then runs <paramref name="request"/>; the spacing counts from its end.</summary>
    public async Task<T> RunAsync<T>(Func<HostGate, CancellationToken, Task<T>> request, CancellationToken ct)
    {
        await _turn.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Again until the clock agrees: a timer may fire a hair early against the wall clock the spacing is kept on.
            while (_notBefore - time.GetUtcNow() is var wait && wait > TimeSpan.Zero)
                await activity.WaitForClockAsync(wait, time, ct).ConfigureAwait(false);
            try
            {
                return await request(this, ct).ConfigureAwait(false);
            }
            finally
            {
                var next = time.GetUtcNow() + spacing;
                if (next > _notBefore) _notBefore = next;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The host said "not before <paramref name="delay"/> from now" (a 429's Retry-After); called inside a turn.</summary>
    public void Defer(TimeSpan delay)
    {
        var until = time.GetUtcNow() + delay;
        if (until > _notBefore) _notBefore = until;
    }

    public void Dispose() => _turn.Dispose();
}

/// <summary>The gates of one check run, one per host; every arXiv host shares one, paced at arXiv's 3 s.</summary>
internal sealed class HostGates(LinkCheckSettings settings, TimeProvider time, LinkCheckActivity activity) : IDisposable
{
    public const string ArxivKey = "arxiv.org";

    private readonly ConcurrentDictionary<string, HostGate> _gates = new(StringComparer.Ordinal);

    public HostGate For(Uri uri) => _gates.GetOrAdd(KeyOf(uri),
        key => new HostGate(key, key == ArxivKey ? settings.ArxivSpacing : settings.HostSpacing, time, activity));

    /// <summary>The host as a gate key: lowercase, IDN in ASCII, arXiv's hosts as one.</summary>
    public static string KeyOf(Uri uri)
    {
        var host = uri.IdnHost.ToLowerInvariant();
        return host == ArxivKey || host.EndsWith("." + ArxivKey, StringComparison.Ordinal) ? ArxivKey : host;
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values) gate.Dispose();
    }
}
