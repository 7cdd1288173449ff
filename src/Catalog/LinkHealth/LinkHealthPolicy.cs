namespace DltBot.Catalog.LinkHealth;

/// <summary>
/// When a link counts as dead, and how a new check changes what is known. One failure is not enough (a server can be
/// down for an afternoon): a link is dead after <see cref="FailuresToDie"/> failed checks in a row spanning at least
/// <see cref="DeadAfter"/>, i.e. two weekly runs.
/// </summary>
public static class LinkHealthPolicy
{
    public const int FailuresToDie = 2;

    /// <summary>
    /// "A week apart", with a day of slack: a weekly run reaches a URL at a different time of day each week (its place in
    /// the queue depends on the list and on the other hosts), so exactly 7 days would miss some by minutes. Two checks in
    /// one day (a manual check after the job) never make a link dead.
    /// </summary>
    public static readonly TimeSpan DeadAfter = TimeSpan.FromDays(6);

    public static bool IsDead(LinkRecord record) =>
        record.ConsecutiveFailures >= FailuresToDie
        && record.FailingSince is { } since
        && record.CheckedAt - since >= DeadAfter;

    /// <summary>The record after <paramref name="probe"/>, given what was known before (null: never checked).</summary>
    public static LinkRecord Next(LinkRecord? previous, LinkProbe probe) => probe.Outcome switch
    {
        ProbeOutcome.Reachable => new LinkRecord(probe.Url, probe.Outcome, probe.Status, probe.FinalUrl, probe.PermanentTarget, null,
            probe.CheckedAt, 0, null),
        ProbeOutcome.Failed => new LinkRecord(probe.Url, probe.Outcome, probe.Status, probe.FinalUrl, null, probe.Detail,
            probe.CheckedAt, (previous?.ConsecutiveFailures ?? 0) + 1,
            previous is { ConsecutiveFailures: > 0, FailingSince: { } since } ? since : probe.CheckedAt),
        // The server would not say: the streak neither grows nor breaks, and the last known suggestion stays.
        _ => new LinkRecord(probe.Url, probe.Outcome, probe.Status, probe.FinalUrl, previous?.SuggestedUrl, probe.Detail,
            probe.CheckedAt, previous?.ConsecutiveFailures ?? 0, previous?.FailingSince),
    };
}
