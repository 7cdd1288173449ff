using DltBot.Catalog.LinkHealth;
using DltBot.Storage;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.LinkHealth;

/// <summary>When an entry's link went dead, for <c>/dlt show</c>; null when it is not dead (or nobody knows).</summary>
public interface IDeadLinks
{
    ValueTask<DateTimeOffset?> DeadSinceAsync(string url, CancellationToken ct);
}

/// <summary>
/// The failing and moved links in memory, so <c>/dlt show</c> never waits for the database: loaded on first use, again
/// after each check, and again when older than <see cref="MaxAge"/> (another instance may have run the check).
/// </summary>
public sealed partial class LinkHealthState(ILinkChecks store, TimeProvider time, ILogger<LinkHealthState> logger) : IDeadLinks
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private volatile Snapshot? _snapshot;

    public async ValueTask<DateTimeOffset?> DeadSinceAsync(string url, CancellationToken ct)
    {
        var records = await NotableAsync(ct).ConfigureAwait(false);
        return records.TryGetValue(url, out var record) && record.IsDead ? record.FailingSince : null;
    }

    /// <summary>The failing and moved links by URL; empty when the store cannot be read (logged).</summary>
    public async ValueTask<IReadOnlyDictionary<string, LinkRecord>> NotableAsync(CancellationToken ct)
    {
        if (_snapshot is { } current && time.GetUtcNow() - current.LoadedAt < MaxAge) return current.Records;
        return await ReloadAsync(ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, LinkRecord>> ReloadAsync(CancellationToken ct)
    {
        try
        {
            var records = (await store.NotableAsync(ct).ConfigureAwait(false)).ToDictionary(r => r.Url, StringComparer.Ordinal);
            _snapshot = new Snapshot(records, time.GetUtcNow());
            return records;
        }
        catch (StoreUnavailableException e)
        {
            LogUnavailable(logger, e.Message);
            return _snapshot?.Records ?? new Dictionary<string, LinkRecord>();
        }
    }

    private sealed record Snapshot(IReadOnlyDictionary<string, LinkRecord> Records, DateTimeOffset LoadedAt);

    [LoggerMessage(6301, LogLevel.Warning, "Link health could not be read: {Reason} Entries show no link warnings until it can.", EventName = "LinkHealthUnavailable")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
