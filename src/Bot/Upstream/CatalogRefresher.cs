using System.Security.Cryptography;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using DltBot.Catalog.Curation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Upstream;

public enum RefreshOutcome
{
    /// <summary>Catalog:Source is a file: there is nothing upstream to refresh from.</summary>
    NotAUrl,

    /// <summary>The base list is not published yet (the start is still loading it).</summary>
    NotLoaded,

    /// <summary>304, or the same bytes as the last good fetch: nothing was parsed or swapped.</summary>
    NotModified,

    /// <summary>A new body that reads as the same list as the current base: nothing was swapped.</summary>
    Unchanged,

    /// <summary>A changed list is now the base for every server.</summary>
    Updated,

    /// <summary>The fetch failed or what came was not a catalog; the current list stays.</summary>
    Failed,
}

/// <summary>One refresh: when, how it ended, what changed (empty unless <see cref="RefreshOutcome.Updated"/>) and why it failed.</summary>
/// <param name="Source">The URL as operators may see it (no credentials, query or fragment).</param>
/// <param name="PublicSource">The same as anyone on Discord may see it: host and file name.</param>
public sealed record RefreshReport(DateTimeOffset At, RefreshOutcome Outcome, string Source, string PublicSource, CatalogDiff Diff, string? Problem = null);

/// <summary>
/// Fetches a URL <c>Catalog:Source</c> again and, when the list changed, makes it the base for every server in one
/// atomic swap (<see cref="ICatalogViews.PublishPreparedAsync"/>: the new search index is built first, and a search sees
/// the old list or the new one, never a mix). Each server's changes are not touched: its view is rebuilt on the new base
/// on first use, its overlay applied by id (an entry it edited keeps its version, even when upstream removed it).
/// A failed fetch, an oversized body or one that is not a catalog keeps the current list, is logged and is reported by
/// <see cref="Last"/>; nothing here throws but cancellation. Refreshes of one process run one at a time.
/// </summary>
public sealed partial class CatalogRefresher(
    UpstreamFetcher fetcher,
    CatalogLoader loader,
    ICatalogViews views,
    IOptions<CatalogOptions> catalogOptions,
    TimeProvider time,
    ILogger<CatalogRefresher> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private UpstreamValidators? validators;
    private byte[]? lastBodyHash;
    private RefreshReport? last;
    private RefreshReport? lastUpdate;

    /// <summary>The last refresh, whatever its outcome; null before the first.</summary>
    public RefreshReport? Last => Volatile.Read(ref last);

    /// <summary>The last refresh that changed the list, with its diff; null when none has since the start.</summary>
    public RefreshReport? LastUpdate => Volatile.Read(ref lastUpdate);

    /// <summary>True once a fetch succeeded: later ones are conditional.</summary>
    public bool HasFetched => Volatile.Read(ref lastBodyHash) is not null;

    public async Task<RefreshReport> RefreshAsync(CancellationToken cancellationToken)
    {
        if (CatalogSource.Parse(catalogOptions.Value.Source) is not CatalogSource.Url { Address: var url })
            return new RefreshReport(time.GetUtcNow(), RefreshOutcome.NotAUrl, catalogOptions.Value.Source, "", CatalogDiff.Empty);
        var source = SourceNames.ForLog(url);
        if (!views.IsLoaded) return new RefreshReport(time.GetUtcNow(), RefreshOutcome.NotLoaded, source, SourceNames.ForUsers(url), CatalogDiff.Empty);

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = await RefreshOnceAsync(url, source, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref last, report);
            if (report.Outcome == RefreshOutcome.Updated) Volatile.Write(ref lastUpdate, report);
            return report;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RefreshReport> RefreshOnceAsync(Uri url, string source, CancellationToken cancellationToken)
    {
        RefreshReport Report(RefreshOutcome outcome, CatalogDiff? diff = null, string? problem = null) =>
            new(time.GetUtcNow(), outcome, source, SourceNames.ForUsers(url), diff ?? CatalogDiff.Empty, problem);

        var fetch = await fetcher.FetchAsync(url, validators, cancellationToken).ConfigureAwait(false);
        switch (fetch)
        {
            case UpstreamFetch.NotModified:
                LogNotModified(logger, source);
                return Report(RefreshOutcome.NotModified);
            case UpstreamFetch.Failed failed:
                LogFailed(logger, source, failed.Reason);
                return Report(RefreshOutcome.Failed, problem: failed.Reason);
        }

        var (body, fresh) = (UpstreamFetch.Fetched)fetch;
        var hash = SHA256.HashData(body);
        if (lastBodyHash is not null && hash.AsSpan().SequenceEqual(lastBodyHash))
        {
            // An origin without validators (or one that ignores them) sends the same bytes: that costs no parse either.
            validators = fresh;
            LogNotModified(logger, source);
            return Report(RefreshOutcome.NotModified);
        }

        CatalogSnapshot snapshot;
        try
        {
            snapshot = loader.ParseFetched(url, body);
        }
        catch (NotACatalogException e)
        {
            // The validators stay those of the last good fetch, so the next refresh asks again instead of getting a 304.
            var reason = $"the response {e.Problem}";
            LogFailed(logger, source, reason);
            return Report(RefreshOutcome.Failed, problem: reason);
        }
        var diff = CatalogDiff.Between(views.Base.List, snapshot.List);
        if (diff.IsEmpty)
        {
            (validators, lastBodyHash) = (fresh, hash);
            LogUnchanged(logger, source);
            return Report(RefreshOutcome.Unchanged);
        }
        await views.PublishPreparedAsync(snapshot, cancellationToken).ConfigureAwait(false);
        // Only now: a refresh cut short before the swap must not leave validators that would make the next one a 304.
        (validators, lastBodyHash) = (fresh, hash);
        await loader.KeepCacheAsync(url, body).ConfigureAwait(false);
        LogUpdated(logger, source, diff.Added.Count, diff.Removed.Count, diff.Edited.Count);
        return Report(RefreshOutcome.Updated, diff);
    }

    public void Dispose() => gate.Dispose();

    [LoggerMessage(1101, LogLevel.Debug, "The catalog at {Source} has not changed (nothing parsed or swapped).", EventName = "CatalogRefreshNotModified")]
    private static partial void LogNotModified(ILogger logger, string source);

    [LoggerMessage(1102, LogLevel.Information, "The catalog at {Source} was fetched again and reads as the same list; nothing swapped.", EventName = "CatalogRefreshUnchanged")]
    private static partial void LogUnchanged(ILogger logger, string source);

    [LoggerMessage(1103, LogLevel.Information, "The catalog at {Source} changed: {Added} added, {Removed} removed, {Edited} edited; it is now every server's base list, with each server's own changes on top.", EventName = "CatalogRefreshUpdated")]
    private static partial void LogUpdated(ILogger logger, string source, int added, int removed, int edited);

    [LoggerMessage(1104, LogLevel.Warning, "Could not refresh the catalog from {Source} ({Reason}); keeping the current list. '/dlt-mod check' shows this until a refresh succeeds.", EventName = "CatalogRefreshFailed")]
    private static partial void LogFailed(ILogger logger, string source, string reason);
}
