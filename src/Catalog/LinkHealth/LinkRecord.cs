namespace DltBot.Catalog.LinkHealth;

/// <summary>What is known about one URL after its latest check, as stored.</summary>
/// <param name="Status">The last HTTP status seen, or null when no answer came.</param>
/// <param name="FinalUrl">Where the redirects ended at the latest check.</param>
/// <param name="SuggestedUrl">Where a permanent redirect (301/308) points: the update to suggest; null when none.</param>
/// <param name="Detail">Why the latest check failed, in words; null when it did not.</param>
/// <param name="ConsecutiveFailures">Failed checks in a row up to the latest (inconclusive checks leave it as it was).</param>
/// <param name="FailingSince">When the current run of failures began; null while the link works.</param>
public sealed record LinkRecord(
    string Url,
    ProbeOutcome Outcome,
    int? Status,
    string FinalUrl,
    string? SuggestedUrl,
    string? Detail,
    DateTimeOffset CheckedAt,
    int ConsecutiveFailures,
    DateTimeOffset? FailingSince)
{
    /// <summary>Dead by <see cref="LinkHealthPolicy.IsDead"/>.</summary>
    public bool IsDead => LinkHealthPolicy.IsDead(this);
}
