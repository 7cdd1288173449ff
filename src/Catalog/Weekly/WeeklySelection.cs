using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Weekly;

public enum PickReason
{
    /// <summary>A moderator queued it; the oldest queued entry still in the catalog goes first.</summary>
    Queue,

    /// <summary>It won the poll that followed the previous post.</summary>
    PollWinner,

    /// <summary>The deterministic pick for the guild and week.</summary>
    Seeded,
}

/// <summary>Everything the policy looks at; the job reads it from the guild's catalog view and the store.</summary>
/// <param name="Catalog">The guild's current list (its removed entries are not in it).</param>
/// <param name="Guild">The guild key (Discord id, or <c>local</c>); part of the seed.</param>
/// <param name="Week">The ISO week of the scheduled time in the guild's zone; part of the seed.</param>
/// <param name="Queue">Queued entry ids, oldest first.</param>
/// <param name="PollWinner">The entry that won the last poll, if any.</param>
/// <param name="PostedThisCycle">Entry ids posted in the current cycle.</param>
/// <param name="RecentPicks">Entry ids of the latest posts, newest first; the topics of the first two are avoided.</param>
/// <param name="KindOverrides">Entry kinds set by a curator, keyed by entry id.</param>
public sealed record WeeklyPickInput(
    ReadingList Catalog,
    string Guild,
    IsoWeekKey Week,
    IReadOnlyList<string> Queue,
    string? PollWinner,
    IReadOnlyCollection<string> PostedThisCycle,
    IReadOnlyList<string> RecentPicks,
    IReadOnlyDictionary<string, EntryKind>? KindOverrides = null);

/// <summary>The policy's answer.</summary>
/// <param name="StartsNewCycle">Every candidate had been posted in the current cycle; this pick is the first of the next
/// one (the post says so, and the job records it under the next cycle number).</param>
/// <param name="StaleQueue">Queued ids no longer in the catalog (removed), skipped over; the job may unqueue them.</param>
public sealed record WeeklyPick(WeeklyCandidate Candidate, PickReason Reason, bool StartsNewCycle, IReadOnlyList<string> StaleQueue)
{
    public Entry Entry => Candidate.Entry;

    /// <summary>The cycle number to record the post under, given the store's current one.</summary>
    public long CycleAfter(long currentCycle) => StartsNewCycle ? currentCycle + 1 : currentCycle;
}

/// <summary>
/// Which entry is the paper of the week: pure (no storage, no Discord, no clock), so <c>preview</c> and the run make the
/// same pick from the same inputs.
/// <list type="number">
/// <item>The queue, oldest first, skipping entries no longer in the catalog or already posted in this cycle (those wait for the next).</item>
/// <item>The poll winner, when it is still in the catalog and not posted in this cycle.</item>
/// <item>Otherwise the seeded pick among the entries not posted in this cycle: papers before other kinds, and within
/// that, an entry whose topic is neither of the last two picks' topics when there is one.</item>
/// </list>
/// When every candidate has been posted, a new cycle starts and all of them are open again.
/// </summary>
public static class WeeklySelection
{
    public const int MinPollCandidates = 3;
    public const int MaxPollCandidates = 5;

    /// <summary>How many of the latest picks' topics the seeded pick avoids.</summary>
    public const int TopicMemory = 2;

    /// <summary>The pick for the week, or null when the catalog has no entry with a link.</summary>
    public static WeeklyPick? Pick(WeeklyPickInput input)
    {
        var pool = WeeklyCandidate.From(input.Catalog, input.KindOverrides);
        if (pool.Count == 0) return null;
        var open = Open(pool, input.PostedThisCycle, out var newCycle);
        var byId = open.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var inCatalog = new HashSet<string>(pool.Select(c => c.Id), StringComparer.OrdinalIgnoreCase);

        var stale = input.Queue.Where(id => !inCatalog.Contains(id.Trim())).ToList();
        foreach (var id in input.Queue)
            if (byId.TryGetValue(id.Trim(), out var queued))
                return new WeeklyPick(queued, PickReason.Queue, newCycle, stale);

        if (input.PollWinner is { } winnerId && byId.TryGetValue(winnerId.Trim(), out var winner))
            return new WeeklyPick(winner, PickReason.PollWinner, newCycle, stale);

        var seeded = Seeded(open, RecentTopics(input.Catalog, input.RecentPicks), input.Guild, input.Week);
        return new WeeklyPick(seeded, PickReason.Seeded, newCycle, stale);
    }

    /// <summary>
    /// The entries a poll offers, for the run after the one just posted: pass the week the poll chooses for as
    /// <see cref="WeeklyPickInput.Week"/> and this week's pick among <see cref="WeeklyPickInput.PostedThisCycle"/>
    /// and <see cref="WeeklyPickInput.RecentPicks"/>. The poll offers at most <paramref name="max"/>, distinct and not
    /// posted in this cycle: the queue, then members' suggestions (<paramref name="suggestionsByCount"/>: entry ids,
    /// most suggested first), then the policy's next seeded picks. Fewer than <see cref="MinPollCandidates"/> near the
    /// end of a cycle: then the run posts no poll.
    /// </summary>
    public static IReadOnlyList<WeeklyCandidate> PollCandidates(WeeklyPickInput input, IReadOnlyList<string> suggestionsByCount, int max = MaxPollCandidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var pool = WeeklyCandidate.From(input.Catalog, input.KindOverrides);
        var open = Open(pool, input.PostedThisCycle, out _);
        var byId = open.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
        var chosen = new List<WeeklyCandidate>();
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var id in input.Queue.Concat(suggestionsByCount))
        {
            if (chosen.Count == max) return chosen;
            if (byId.TryGetValue(id.Trim(), out var c) && taken.Add(c.Id)) chosen.Add(c);
        }

        // The seeded picks of the weeks after, as if each had been posted: that rotates their topics too.
        var recent = RecentTopics(input.Catalog, input.RecentPicks).ToList();
        var week = input.Week;
        while (chosen.Count < max)
        {
            var rest = open.Where(c => !taken.Contains(c.Id)).ToList();
            if (rest.Count == 0) break;
            var next = Seeded(rest, recent, input.Guild, week);
            chosen.Add(next);
            taken.Add(next.Id);
            recent.Insert(0, next.Topic);
            week = week.Next();
        }
        return chosen;
    }

    /// <summary>
    /// The poll's winner from its final counts (entry id and votes); a tie goes to the entry the seeded order for the
    /// week ranks first. Null when nobody voted.
    /// </summary>
    public static string? PollWinner(IReadOnlyCollection<KeyValuePair<string, int>> votes, string guild, IsoWeekKey week)
    {
        var most = votes.Count == 0 ? 0 : votes.Max(v => v.Value);
        if (most <= 0) return null;
        return votes.Where(v => v.Value == most)
            .OrderBy(v => SeededRank.Of(guild, week, v.Key)).ThenBy(v => v.Key, StringComparer.OrdinalIgnoreCase)
            .First().Key;
    }

    /// <summary>The candidates not posted in this cycle; all of them when every one has been (a new cycle).</summary>
    private static IReadOnlyList<WeeklyCandidate> Open(IReadOnlyList<WeeklyCandidate> pool, IReadOnlyCollection<string> posted, out bool newCycle)
    {
        var postedIds = new HashSet<string>(posted.Select(p => p.Trim()), StringComparer.OrdinalIgnoreCase);
        var open = pool.Where(c => !postedIds.Contains(c.Id)).ToList();
        newCycle = open.Count == 0;
        return newCycle ? pool : open;
    }

    private static List<string> RecentTopics(ReadingList catalog, IReadOnlyList<string> recentPicks)
    {
        var topics = new List<string>();
        foreach (var id in recentPicks.Take(TopicMemory))
            if (catalog.FindEntry(id) is { } entry && catalog.SectionOf(entry) is { } section)
                topics.Add(new WeeklyCandidate(entry, section, EntryKind.Other).Topic);
        return topics;
    }

    private static WeeklyCandidate Seeded(IReadOnlyList<WeeklyCandidate> open, IReadOnlyList<string> recentTopics, string guild, IsoWeekKey week)
    {
        var avoid = new HashSet<string>(recentTopics.Take(TopicMemory), StringComparer.OrdinalIgnoreCase);
        bool Fresh(WeeklyCandidate c) => !avoid.Contains(c.Topic);
        bool Paper(WeeklyCandidate c) => c.Kind == EntryKind.Paper;
        Func<WeeklyCandidate, bool>[] preferences = [c => Paper(c) && Fresh(c), Paper, Fresh, _ => true];
        foreach (var preferred in preferences)
        {
            var tier = open.Where(preferred).ToList();
            if (tier.Count > 0) return SeededRank.First(tier, guild, week);
        }
        throw new InvalidOperationException("the last preference accepts every candidate");
    }
}
