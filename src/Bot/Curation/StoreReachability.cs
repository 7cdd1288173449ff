using System.Globalization;

namespace DltBot.Bot.Curation;

/// <summary>
/// Whether this instance can reach the shared database, as its change feed last found it (the feed holds a connection
/// open at all times, so it is the first to hear of an outage and of the server's return). /healthz reports it. An
/// outage does not make the instance unready: it still answers from its catalog, and restarting it would not help.
/// </summary>
public sealed class StoreReachability(TimeProvider time)
{
    private const int MaxReasonLength = 200;

    private readonly Lock _gate = new();
    private (DateTimeOffset Since, string Reason)? _down;

    /// <summary>The connection to the database was lost, or could not be opened again.</summary>
    public void Lost(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var shown = reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason;
        lock (_gate) _down = (_down?.Since ?? time.GetUtcNow(), shown);
    }

    /// <summary>A connection to the database works again.</summary>
    public void Reached()
    {
        lock (_gate) _down = null;
    }

    /// <summary>Null while reachable; else <c>store: unreachable since 10:31:02Z (reason)</c>.</summary>
    public string? Describe()
    {
        lock (_gate)
        {
            return _down is { } down
                ? string.Create(CultureInfo.InvariantCulture, $"store: unreachable since {down.Since.UtcDateTime:HH:mm:ss}Z ({down.Reason})")
                : null;
        }
    }
}
