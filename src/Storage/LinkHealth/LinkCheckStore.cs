using Dapper;
using DltBot.Catalog.LinkHealth;

namespace DltBot.Storage;

/// <summary>
/// The latest check of every URL the link check visits, shared by every guild (a URL is as alive for one server as for
/// another). Every method throws <see cref="StoreUnavailableException"/> when the database cannot be used.
/// </summary>
public interface ILinkChecks
{
    /// <summary>
    /// Records a batch of checks in one transaction, each applied to what was known before by
    /// <see cref="LinkHealthPolicy.Next"/>; returns the new records in the order given.
    /// </summary>
    Task<IReadOnlyList<LinkRecord>> RecordAsync(IReadOnlyList<LinkProbe> probes, CancellationToken ct);

    /// <summary>The URL's record, or null when it was never checked.</summary>
    Task<LinkRecord?> GetAsync(string url, CancellationToken ct);

    /// <summary>The records worth a moderator's look: failing (dead or not yet) or permanently redirected.</summary>
    Task<IReadOnlyList<LinkRecord>> NotableAsync(CancellationToken ct);
}

internal sealed class LinkCheckStore(StoreDatabase db) : ILinkChecks
{
    private const string Columns = """
        url AS Url, outcome AS Outcome, status AS Status, final_url AS FinalUrl, suggested_url AS SuggestedUrl, detail AS Detail,
        checked_utc AS CheckedUtc, consecutive_failures AS ConsecutiveFailures, failing_since_utc AS FailingSinceUtc
        """;

    public Task<IReadOnlyList<LinkRecord>> RecordAsync(IReadOnlyList<LinkProbe> probes, CancellationToken ct)
    {
        if (probes.Count == 0) return Task.FromResult<IReadOnlyList<LinkRecord>>([]);
        return db.WriteAsync<IReadOnlyList<LinkRecord>>($"recording {probes.Count} link check(s)", async (c, tx) =>
        {
            var records = new List<LinkRecord>(probes.Count);
            foreach (var probe in probes)
            {
                var previous = await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                    $"SELECT {Columns} FROM link_checks WHERE url = @url", new { url = probe.Url }, tx, cancellationToken: ct));
                var next = LinkHealthPolicy.Next(previous?.ToRecord(), probe);
                await c.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO link_checks (url, outcome, status, final_url, suggested_url, detail, checked_utc, consecutive_failures, failing_since_utc)
                    VALUES (@Url, @Outcome, @Status, @FinalUrl, @SuggestedUrl, @Detail, @CheckedUtc, @ConsecutiveFailures, @FailingSinceUtc)
                    ON CONFLICT (url) DO UPDATE SET outcome = excluded.outcome, status = excluded.status, final_url = excluded.final_url,
                        suggested_url = excluded.suggested_url, detail = excluded.detail, checked_utc = excluded.checked_utc,
                        consecutive_failures = excluded.consecutive_failures, failing_since_utc = excluded.failing_since_utc
                    """, Row.Of(next), tx, cancellationToken: ct));
                records.Add(next);
            }
            return records;
        }, _ => true, ct);
    }

    public Task<LinkRecord?> GetAsync(string url, CancellationToken ct) =>
        db.ReadAsync($"reading the link check of {url}", async c =>
            (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM link_checks WHERE url = @url", new { url }, cancellationToken: ct)))?.ToRecord(), ct);

    public Task<IReadOnlyList<LinkRecord>> NotableAsync(CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<LinkRecord>>("reading the failing and moved links", async c =>
            (await c.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM link_checks WHERE consecutive_failures > 0 OR suggested_url IS NOT NULL ORDER BY url", cancellationToken: ct)))
            .Select(r => r.ToRecord()).ToList(), ct);

    private sealed class Row
    {
        public string Url { get; set; } = "";
        public string Outcome { get; set; } = "";
        public long? Status { get; set; }
        public string FinalUrl { get; set; } = "";
        public string? SuggestedUrl { get; set; }
        public string? Detail { get; set; }
        public string CheckedUtc { get; set; } = "";
        public long ConsecutiveFailures { get; set; }
        public string? FailingSinceUtc { get; set; }

        public LinkRecord ToRecord() => new(Url, ParseOutcome(Outcome), Status is { } s ? (int)s : null, FinalUrl, SuggestedUrl, Detail,
            StoredTime.Parse(CheckedUtc), (int)ConsecutiveFailures, FailingSinceUtc is { } since ? StoredTime.Parse(since) : null);

        public static Row Of(LinkRecord record) => new()
        {
            Url = record.Url,
            Outcome = record.Outcome.ToString().ToLowerInvariant(),
            Status = record.Status,
            FinalUrl = record.FinalUrl,
            SuggestedUrl = record.SuggestedUrl,
            Detail = record.Detail,
            CheckedUtc = StoredTime.Format(record.CheckedAt),
            ConsecutiveFailures = record.ConsecutiveFailures,
            FailingSinceUtc = record.FailingSince is { } since ? StoredTime.Format(since) : null,
        };

        private static ProbeOutcome ParseOutcome(string text) => text switch
        {
            "reachable" => ProbeOutcome.Reachable,
            "failed" => ProbeOutcome.Failed,
            "inconclusive" => ProbeOutcome.Inconclusive,
            _ => throw new StoreUnavailableException($"link_checks has an outcome this build does not know: '{text}'."),
        };
    }
}
