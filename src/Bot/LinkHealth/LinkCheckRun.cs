using System.Threading.Channels;
using DltBot.Bot.CatalogLoading;
using DltBot.Catalog.LinkHealth;
using DltBot.Storage;

namespace DltBot.Bot.LinkHealth;

/// <summary>How far a run has come: <paramref name="Done"/> of <paramref name="Total"/> URLs checked.</summary>
public sealed record LinkCheckProgress(int Done, int Total, int Failed);

/// <summary>What a run found, in numbers.</summary>
/// <param name="Dead">Links dead after this run (failing twice, a week apart).</param>
/// <param name="Moved">Links answering with a permanent redirect.</param>
public sealed record LinkCheckSummary(int Checked, int Reachable, int Failed, int Inconclusive, int Dead, int Moved, TimeSpan Took);

/// <summary>
/// One check of every link the bot shows: the base list's and every server's own additions and edits, each URL once.
/// Results are written in batches as they come, so a run of any size holds only a batch in memory.
/// </summary>
public sealed class LinkCheckRun(LinkChecker checker, ILinkChecks store, IEntryStore entries, ICatalogViews views, LinkHealthState state, TimeProvider time)
{
    public const int BatchSize = 100;

    /// <summary>Every URL to check: the base list's, then each guild's changed entries' that are not removed.</summary>
    public async Task<IReadOnlyList<string>> UrlsAsync(CancellationToken ct)
    {
        var urls = new List<string>(ListHealth.Urls(views.Base.List));
        var seen = new HashSet<string>(urls, StringComparer.Ordinal);
        foreach (var guild in await entries.GuildsWithChangesAsync(ct).ConfigureAwait(false))
        {
            foreach (var entry in await entries.GetOverlayAsync(guild, ct).ConfigureAwait(false))
                if (!entry.Removed && entry.Fields.Url is { Length: > 0 } url && seen.Add(url)) urls.Add(url);
        }
        return urls;
    }

    /// <exception cref="InvalidOperationException">The catalog is not loaded yet.</exception>
    public async Task<LinkCheckSummary> RunAsync(IProgress<LinkCheckProgress>? progress, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var urls = await UrlsAsync(ct).ConfigureAwait(false);
        var probes = Channel.CreateBounded<LinkProbe>(new BoundedChannelOptions(BatchSize * 4) { SingleReader = true });
        var counts = new Counts();
        var writer = WriteAsync(probes.Reader, counts, urls.Count, progress, ct);
        // A writer that failed (the store went away) closes the channel, so the checks stop instead of waiting on a
        // full channel nobody reads; the store's error is what the run then throws.
        _ = writer.ContinueWith(t => probes.Writer.TryComplete(t.Exception?.InnerException), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        try
        {
            await checker.CheckAsync(urls, p => probes.Writer.WriteAsync(p, ct), ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (writer.IsFaulted)
        {
        }
        finally
        {
            probes.Writer.TryComplete();
        }
        await writer.ConfigureAwait(false);
        await state.ReloadAsync(ct).ConfigureAwait(false);
        return new LinkCheckSummary(counts.Done, counts.Reachable, counts.Failed, counts.Inconclusive, counts.Dead, counts.Moved, time.GetElapsedTime(started));
    }

    private async Task WriteAsync(ChannelReader<LinkProbe> reader, Counts counts, int total, IProgress<LinkCheckProgress>? progress, CancellationToken ct)
    {
        var batch = new List<LinkProbe>(BatchSize);
        // Whatever has arrived, up to a batch, is written at once: progress moves while slow hosts trickle in.
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (batch.Count < BatchSize && reader.TryRead(out var probe)) batch.Add(probe);
            foreach (var record in await store.RecordAsync(batch, ct).ConfigureAwait(false))
            {
                counts.Done++;
                switch (record.Outcome)
                {
                    case ProbeOutcome.Reachable: counts.Reachable++; break;
                    case ProbeOutcome.Failed: counts.Failed++; break;
                    default: counts.Inconclusive++; break;
                }
                if (record.IsDead) counts.Dead++;
                if (record.SuggestedUrl is not null) counts.Moved++;
            }
            batch.Clear();
            progress?.Report(new LinkCheckProgress(counts.Done, total, counts.Failed));
        }
    }

    private sealed class Counts
    {
        public int Done, Reachable, Failed, Inconclusive, Dead, Moved;
    }
}
