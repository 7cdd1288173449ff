using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Catalog.Tests.Import;
using DltBot.Catalog.Tests.Search;
using DltBot.Catalog.Weekly;

namespace DltBot.Catalog.Tests.Weekly;

public sealed class WeeklySelectionTests(ITestOutputHelper output)
{
    private const string Guild = "123456789012345678";
    private static readonly IsoWeekKey W49 = new(2026, 49);
    private static readonly ReadingList Sample = SampleCatalog.Build();

    private static WeeklyPickInput Input(ReadingList list, IsoWeekKey? week = null, IReadOnlyList<string>? queue = null, string? poll = null,
        IReadOnlyCollection<string>? posted = null, IReadOnlyList<string>? recent = null, string guild = Guild) =>
        new(list, guild, week ?? W49, queue ?? [], poll, posted ?? [], recent ?? []);

    [Fact]
    public void The_seed_is_a_stable_hash_the_same_in_every_process()
    {
        // Pinned: string.GetHashCode would differ per process, and preview (one process) must match the run (another).
        Assert.Equal(PinnedRank, SeededRank.Of(Guild, W49, "arxiv:2210.01117"));
        Assert.Equal(SeededRank.Of(Guild, W49, "arxiv:2210.01117"), SeededRank.Of(Guild, W49, "ARXIV:2210.01117"));
        Assert.NotEqual(SeededRank.Of(Guild, W49, "arxiv:2210.01117"), SeededRank.Of(Guild, W49.Next(), "arxiv:2210.01117"));
    }

    private const ulong PinnedRank = 0xd06f_0eed_32ad_fe85UL; // SHA-256 of "123456789012345678|2026-W49|arxiv:2210.01117", computed outside .NET

    [Fact]
    public void Two_hundred_weeks_on_the_bundled_list_never_repeat_within_a_cycle_and_each_cycle_posts_everything()
    {
        var list = BundledList.Imported.List;
        var all = WeeklyCandidate.From(list).Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var run = Simulate(list, Guild, new IsoWeekKey(2026, 1), 200);

        var cycles = run.GroupBy(p => p.Cycle).ToList();
        foreach (var cycle in cycles)
        {
            var ids = cycle.Select(p => p.Pick.Candidate.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
        foreach (var cycle in cycles.SkipLast(1)) Assert.Equal(all, cycle.Select(p => p.Pick.Candidate.Id).ToHashSet(StringComparer.OrdinalIgnoreCase));
        Assert.All(run, p => Assert.Equal(p.Pick.StartsNewCycle, p.Cycle > 1 && run.First(q => q.Cycle == p.Cycle) == p));
        output.WriteLine($"{all.Count} candidates, 200 weeks, {cycles.Count} cycle(s).");
    }

    [Fact]
    public void Papers_come_before_other_kinds_in_a_cycle()
    {
        var list = BundledList.Imported.List;
        var run = Simulate(list, Guild, new IsoWeekKey(2026, 1), WeeklyCandidate.From(list).Count).Select(p => p.Pick.Candidate.Kind).ToList();

        var firstOther = run.FindIndex(k => k != EntryKind.Paper);
        Assert.True(firstOther > 0);
        Assert.All(run.Skip(firstOther), k => Assert.NotEqual(EntryKind.Paper, k));
    }

    [Fact]
    public void The_topic_of_either_of_the_last_two_picks_is_avoided_whenever_an_equal_kind_allows()
    {
        var list = BundledList.Imported.List;
        var pool = WeeklyCandidate.From(list);
        var run = Simulate(list, Guild, new IsoWeekKey(2026, 1), 200);
        var repeats = 0;

        for (var i = 2; i < run.Count; i++)
        {
            var pick = run[i].Pick.Candidate;
            var recentTopics = new[] { run[i - 1].Pick.Candidate.Topic, run[i - 2].Pick.Candidate.Topic };
            if (!recentTopics.Contains(pick.Topic)) continue;
            repeats++;
            // A repeat is allowed only when no open entry of the same preference (paper or not) has another topic.
            var posted = run.Take(i).Where(p => p.Cycle == run[i].Cycle).Select(p => p.Pick.Candidate.Id).ToHashSet();
            var alternatives = pool.Where(c => !posted.Contains(c.Id) && (c.Kind == EntryKind.Paper) == (pick.Kind == EntryKind.Paper)
                && !recentTopics.Contains(c.Topic));
            Assert.Empty(alternatives);
        }
        output.WriteLine($"{repeats} of 198 picks shared a topic with one of the two before (the list allowed nothing else).");
        Assert.True(repeats < 40, $"{repeats} topic repeats");
    }

    [Fact]
    public void Topic_rotation_on_a_small_list_skips_the_last_two_topics()
    {
        var recent = new[] { "arxiv:2210.01117", "arxiv:1412.6980" }; // generalization, then optimization

        var pick = WeeklySelection.Pick(Input(Sample, recent: recent))!;

        Assert.Equal(EntryKind.Paper, pick.Candidate.Kind);
        Assert.NotEqual("generalization", pick.Candidate.Topic);
        Assert.NotEqual("optimization", pick.Candidate.Topic);
        Assert.Equal("dl-acm-org-topology", pick.Candidate.Id); // the only paper of another topic
    }

    [Fact]
    public void When_only_recent_topics_have_papers_left_a_paper_still_beats_another_kind()
    {
        var posted = new[] { "dl-acm-org-topology" };
        var recent = new[] { "arxiv:2210.01117", "arxiv:1412.6980" };

        var pick = WeeklySelection.Pick(Input(Sample, posted: posted, recent: recent))!;

        Assert.Equal(EntryKind.Paper, pick.Candidate.Kind);
        Assert.Equal(PickReason.Seeded, pick.Reason);
    }

    [Fact]
    public void When_everything_has_been_posted_a_new_cycle_starts()
    {
        var all = WeeklyCandidate.From(Sample).Select(c => c.Id).ToList();

        var last = WeeklySelection.Pick(Input(Sample, posted: all.Skip(1).ToList()))!;
        var next = WeeklySelection.Pick(Input(Sample, posted: all))!;

        Assert.Equal((all[0], false), (last.Candidate.Id, last.StartsNewCycle));
        Assert.True(next.StartsNewCycle);
        Assert.Equal((3, 4), (last.CycleAfter(3), next.CycleAfter(3)));
        Assert.Contains(next.Candidate.Id, all);
    }

    [Fact]
    public void Preview_and_post_make_the_same_pick_from_the_same_inputs()
    {
        // Two separately built inputs, as preview and the run build them.
        var preview = WeeklySelection.Pick(Input(SampleCatalog.Build(), posted: ["arxiv:1412.6980"], recent: ["arxiv:1412.6980"]))!;
        var post = WeeklySelection.Pick(Input(SampleCatalog.Build(), posted: ["arxiv:1412.6980"], recent: ["arxiv:1412.6980"]))!;

        Assert.Equal(preview.Candidate.Id, post.Candidate.Id);
        Assert.Equal((preview.Reason, preview.StartsNewCycle), (post.Reason, post.StartsNewCycle));
    }

    [Fact]
    public void The_seed_depends_on_guild_and_week()
    {
        var list = BundledList.Imported.List;
        var weeks = Enumerable.Range(1, 20).Select(w => new IsoWeekKey(2026, w)).ToList();

        var byWeek = weeks.Select(w => WeeklySelection.Pick(Input(list, w))!.Candidate.Id).Distinct().Count();
        var byGuild = Enumerable.Range(0, 20).Select(g => WeeklySelection.Pick(Input(list, guild: $"guild{g}"))!.Candidate.Id).Distinct().Count();

        Assert.True(byWeek > 10, $"{byWeek} distinct picks over 20 weeks");
        Assert.True(byGuild > 10, $"{byGuild} distinct picks over 20 guilds");
    }

    [Fact]
    public void Removing_an_entry_other_than_the_pick_does_not_change_the_pick()
    {
        var list = BundledList.Imported.List;
        var pick = WeeklySelection.Pick(Input(list))!;
        var other = WeeklyCandidate.From(list).First(c => c.Id != pick.Candidate.Id);

        var without = Remove(list, other.Id);

        Assert.Equal(pick.Candidate.Id, WeeklySelection.Pick(Input(without))!.Candidate.Id);
    }

    [Fact]
    public void The_queue_comes_first_oldest_first_even_over_papers_and_the_poll()
    {
        var pick = WeeklySelection.Pick(Input(Sample, queue: ["youtube-com-watch", "arxiv:1412.6980"], poll: "arxiv:2301.02679"))!;

        Assert.Equal(("youtube-com-watch", PickReason.Queue), (pick.Candidate.Id, pick.Reason));
    }

    [Fact]
    public void The_poll_winner_comes_before_the_seeded_pick()
    {
        var pick = WeeklySelection.Pick(Input(Sample, poll: "geometricdeeplearning-com-lectures"))!;

        Assert.Equal(("geometricdeeplearning-com-lectures", PickReason.PollWinner), (pick.Candidate.Id, pick.Reason));
    }

    [Fact]
    public void A_queued_entry_the_server_removed_is_skipped_and_reported()
    {
        var list = Remove(Sample, "youtube-com-watch");

        var pick = WeeklySelection.Pick(Input(list, queue: ["youtube-com-watch", "arxiv:1412.6980"]))!;

        Assert.Equal(("arxiv:1412.6980", PickReason.Queue), (pick.Candidate.Id, pick.Reason));
        Assert.Equal(["youtube-com-watch"], pick.StaleQueue);
    }

    [Fact]
    public void A_queued_entry_posted_in_this_cycle_waits_and_a_removed_poll_winner_is_ignored()
    {
        var list = Remove(Sample, "arxiv:2301.02679");

        var pick = WeeklySelection.Pick(Input(list, queue: ["arxiv:1412.6980"], posted: ["arxiv:1412.6980"], poll: "arxiv:2301.02679"))!;

        Assert.Equal(PickReason.Seeded, pick.Reason);
        Assert.NotEqual("arxiv:1412.6980", pick.Candidate.Id);
        Assert.Empty(pick.StaleQueue);
    }

    [Fact]
    public void Ids_match_whatever_their_case()
    {
        var pick = WeeklySelection.Pick(Input(Sample, queue: [" ARXIV:1412.6980 "]))!;

        Assert.Equal("arxiv:1412.6980", pick.Candidate.Id);
    }

    [Fact]
    public void An_empty_catalog_has_no_pick_and_entries_without_links_are_never_picked()
    {
        var empty = new ReadingList("Empty", "", []);
        var noLinks = new ReadingList("No links", "", [new Section("S", new Topic("s", "S", "S", []), [SampleCatalog.E("x", "X", null, "d")], 1)]);

        Assert.Null(WeeklySelection.Pick(Input(empty)));
        Assert.Null(WeeklySelection.Pick(Input(noLinks)));
        Assert.Empty(WeeklySelection.PollCandidates(Input(empty), []));
    }

    [Fact]
    public void Poll_candidates_are_the_queue_then_suggestions_then_the_next_picks_distinct_and_unposted()
    {
        var input = Input(Sample, queue: ["youtube-com-watch", "gone"], posted: ["arxiv:1412.6980"]);

        var candidates = WeeklySelection.PollCandidates(input, ["arxiv:1412.6980", "opade-digital", "YOUTUBE-COM-WATCH"]).Select(c => c.Id).ToList();

        Assert.Equal(WeeklySelection.MaxPollCandidates, candidates.Count);
        Assert.Equal(["youtube-com-watch", "opade-digital"], candidates.Take(2));
        Assert.Equal(candidates.Count, candidates.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain("arxiv:1412.6980", candidates);
        // The fill is the policy's own order: its first pick for the week comes first.
        var seeded = WeeklySelection.Pick(Input(Sample, posted: ["arxiv:1412.6980", "youtube-com-watch", "opade-digital"]))!;
        Assert.Equal(seeded.Candidate.Id, candidates[2]);
    }

    [Fact]
    public void Near_the_end_of_a_cycle_there_may_be_too_few_poll_candidates()
    {
        var all = WeeklyCandidate.From(Sample).Select(c => c.Id).ToList();

        var candidates = WeeklySelection.PollCandidates(Input(Sample, posted: all.Skip(2).ToList()), []);

        Assert.Equal(2, candidates.Count);
        Assert.True(candidates.Count < WeeklySelection.MinPollCandidates);
    }

    [Fact]
    public void The_poll_winner_has_the_most_votes_and_the_seeded_order_breaks_ties()
    {
        Assert.Equal("b", WeeklySelection.PollWinner([new("a", 1), new("b", 3), new("c", 2)], Guild, W49));
        Assert.Null(WeeklySelection.PollWinner([new("a", 0), new("b", 0)], Guild, W49));
        Assert.Null(WeeklySelection.PollWinner([], Guild, W49));

        var tied = new KeyValuePair<string, int>[] { new("a", 2), new("b", 2), new("c", 2) };
        var winner = WeeklySelection.PollWinner(tied, Guild, W49);
        Assert.Equal(winner, WeeklySelection.PollWinner(tied.Reverse().ToArray(), Guild, W49));
        Assert.Equal(tied.MinBy(t => SeededRank.Of(Guild, W49, t.Key)).Key, winner);
    }

    private static ReadingList Remove(ReadingList list, string id)
    {
        var entry = list.FindEntry(id)!;
        var section = list.SectionOf(entry)!;
        return CatalogOverlay.Apply(list,
            [new OverlayEntry(entry.Id, new EntryFields(entry.Title, entry.Url, section.Topic.Key, entry.Year, entry.Description), Removed: true)],
            TopicDirectory.Default);
    }

    private sealed record Run(WeeklyPick Pick, int Cycle);

    /// <summary>The job's loop without storage: pick, record it as posted, keep the cycle and the recent picks.</summary>
    private static List<Run> Simulate(ReadingList list, string guild, IsoWeekKey start, int weeks)
    {
        var runs = new List<Run>();
        var posted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var recent = new List<string>();
        var cycle = 1;
        var week = start;
        for (var i = 0; i < weeks; i++, week = week.Next())
        {
            var pick = WeeklySelection.Pick(Input(list, week, posted: posted, recent: recent, guild: guild))!;
            if (pick.StartsNewCycle)
            {
                cycle++;
                posted.Clear();
            }
            posted.Add(pick.Candidate.Id);
            recent.Insert(0, pick.Candidate.Id);
            runs.Add(new Run(pick, cycle));
        }
        return runs;
    }
}
