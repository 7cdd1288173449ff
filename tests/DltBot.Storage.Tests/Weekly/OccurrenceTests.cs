namespace DltBot.Storage.Tests.Weekly;

public abstract class OccurrenceTests(StoreEngine engine) : StoreTest(engine)
{
    private const string Week = "2026-W49";
    private static readonly DateTimeOffset Scheduled = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    private IWeeklyOccurrences Occurrences => Db.Open().Weekly.Occurrences;

    private static PostedMessage Post(string entry = "arxiv:2210.01117", long cycle = 1, string message = "5001") =>
        new("900", message, "6001", entry, cycle);

    [Fact]
    public async Task The_first_claim_wins_and_a_second_gets_the_existing_row()
    {
        var first = await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await Occurrences.TryClaimAsync("g", Week, Scheduled, "post-now:222", Ct);

        Assert.True(first.Claimed);
        Assert.False(second.Claimed);
        Assert.Equal(first.Occurrence, second.Occurrence);
        Assert.Equal((OccurrenceState.Claimed, "scheduler", Scheduled), (second.Occurrence.State, second.Occurrence.Claimant, second.Occurrence.ScheduledUtc));
        Assert.Null(second.Occurrence.Post);
    }

    [Fact]
    public async Task Claims_are_per_guild_and_per_key()
    {
        Assert.True((await Occurrences.TryClaimAsync("g", Week, Scheduled, "a", Ct)).Claimed);
        Assert.True((await Occurrences.TryClaimAsync("h", Week, Scheduled, "a", Ct)).Claimed);
        Assert.True((await Occurrences.TryClaimAsync("g", "2026-W49+1", Scheduled, "a", Ct)).Claimed);
        Assert.True((await Occurrences.TryClaimAsync("g", "2026-W50", Scheduled.AddDays(7), "a", Ct)).Claimed);
    }

    [Fact]
    public async Task A_confirmed_post_is_recorded_and_can_never_be_claimed_again()
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);
        Db.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.True(await Occurrences.ConfirmPostedAsync("g", Week, Post() with { ThreadProblem = "missing permission Create Public Threads" }, Ct));
        var again = await Occurrences.TryClaimAsync("g", Week, Scheduled, "post-now:222", ClaimRule.AlsoUnposted, Ct);

        Assert.False(again.Claimed);
        Assert.Equal(OccurrenceState.Posted, again.Occurrence.State);
        Assert.Equal(Post() with { ThreadProblem = "missing permission Create Public Threads" }, again.Occurrence.Post);
        Assert.Equal("missing permission Create Public Threads", again.Occurrence.Detail);
        Assert.Equal(Db.Time.GetUtcNow(), again.Occurrence.FinishedUtc);
        Assert.False(await Occurrences.ConfirmPostedAsync("g", Week, Post(message: "5002"), Ct)); // a second confirm changes nothing
        Assert.Equal("5001", (await Occurrences.GetAsync("g", Week, Ct))!.Post!.MessageId);
    }

    [Fact]
    public async Task Only_a_claimed_occurrence_can_be_confirmed_or_finished()
    {
        Assert.False(await Occurrences.ConfirmPostedAsync("g", Week, Post(), Ct));
        Assert.False(await Occurrences.RecordOutcomeAsync("g", Week, OccurrenceState.Missed, "offline", Ct));
        Assert.Null(await Occurrences.GetAsync("g", Week, Ct));
    }

    [Theory]
    [InlineData(OccurrenceState.Skipped, "skipped by a moderator")]
    [InlineData(OccurrenceState.Missed, "the bot was offline past the grace period")]
    [InlineData(OccurrenceState.Failed, "Discord answered 500 five times")]
    public async Task Outcomes_without_a_post_are_recorded_with_their_reason(OccurrenceState state, string detail)
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);

        Assert.True(await Occurrences.RecordOutcomeAsync("g", Week, state, detail, Ct));
        var last = (await Occurrences.LastOutcomeAsync("g", Ct))!;

        Assert.Equal((Week, state, detail), (last.Key, last.State, last.Detail));
        Assert.Null(last.Post);
        // The scheduled run's claim respects the recorded outcome; post-now may take the week afterwards.
        Assert.False((await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct)).Claimed);
        var byHand = await Occurrences.TryClaimAsync("g", Week, Scheduled, "post-now:222", ClaimRule.AlsoUnposted, Ct);
        Assert.True(byHand.Claimed);
        Assert.Equal((OccurrenceState.Claimed, "post-now:222", null), (byHand.Occurrence.State, byHand.Occurrence.Claimant, byHand.Occurrence.Detail));
    }

    [Theory]
    [InlineData(OccurrenceState.Claimed)]
    [InlineData(OccurrenceState.Posted)]
    public async Task An_outcome_must_be_one_without_a_post(OccurrenceState state)
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Occurrences.RecordOutcomeAsync("g", Week, state, null, Ct));

        Assert.Contains(state.ToString(), error.Message);
    }

    [Fact]
    public async Task Recording_a_skip_clears_the_guilds_skip_next_in_the_same_change()
    {
        var stores = Db.Open().Weekly;
        await stores.Settings.SaveAsync("g", new("900", DayOfWeek.Friday, new(18, 0), "UTC", null, true, false), Sample.Alice, Ct);
        await stores.Settings.SetSkipNextAsync("g", true, Sample.Alice, Ct);
        await stores.Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);

        await stores.Occurrences.RecordOutcomeAsync("g", Week, OccurrenceState.Skipped, "skipped by a moderator", Ct);

        Assert.False((await stores.Settings.GetAsync("g", Ct))!.SkipNext);
    }

    [Fact]
    public async Task A_permanent_failure_pauses_the_guild_with_discords_reason()
    {
        var stores = Db.Open().Weekly;
        await stores.Settings.SaveAsync("g", new("900", DayOfWeek.Friday, new(18, 0), "UTC", null, true, false), Sample.Alice, Ct);
        await stores.Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);

        Assert.True(await stores.Occurrences.RecordFailureAndPauseAsync("g", Week, "missing permission Send Messages in #papers", Ct));

        var settings = (await stores.Settings.GetAsync("g", Ct))!;
        Assert.Equal((true, "missing permission Send Messages in #papers"), (settings.Paused, settings.PauseReason));
        Assert.Equal(OccurrenceState.Failed, (await stores.Occurrences.GetAsync("g", Week, Ct))!.State);
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again_but_only_its_claimant_releases_it()
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);

        Assert.False(await Occurrences.ReleaseClaimAsync("g", Week, "someone-else", Ct));
        Assert.True(await Occurrences.ReleaseClaimAsync("g", Week, "scheduler", Ct));
        Assert.Null(await Occurrences.GetAsync("g", Week, Ct));
        Assert.True((await Occurrences.TryClaimAsync("g", Week, Scheduled, "retry", Ct)).Claimed);
    }

    [Fact]
    public async Task A_posted_occurrence_cannot_be_released()
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);
        await Occurrences.ConfirmPostedAsync("g", Week, Post(), Ct);

        Assert.False(await Occurrences.ReleaseClaimAsync("g", Week, "scheduler", Ct));
        Assert.Equal(OccurrenceState.Posted, (await Occurrences.GetAsync("g", Week, Ct))!.State);
    }

    [Fact]
    public async Task Unconfirmed_claims_are_listed_and_taken_over_by_one_restarting_process()
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "process-1", Ct);
        await Occurrences.TryClaimAsync("h", Week, Scheduled, "process-1", Ct);
        await Occurrences.ConfirmPostedAsync("h", Week, Post(), Ct);

        var stale = await Occurrences.UnconfirmedClaimsAsync(Ct);
        var first = await Occurrences.TakeOverAsync("g", Week, "process-1", "process-2", Ct);
        var second = await Occurrences.TakeOverAsync("g", Week, "process-1", "process-3", Ct);

        Assert.Equal([("g", Week, "process-1")], stale.Select(o => (o.Guild, o.Key, o.Claimant)));
        Assert.Equal((true, false), (first, second));
        Assert.Equal("process-2", (await Occurrences.GetAsync("g", Week, Ct))!.Claimant);
    }

    [Fact]
    public async Task Recent_posts_are_newest_first_and_the_last_outcome_is_the_latest_change()
    {
        for (var w = 45; w <= 48; w++)
        {
            await Occurrences.TryClaimAsync("g", $"2026-W{w}", Scheduled.AddDays(7 * (w - 49)), "scheduler", Ct);
            await Occurrences.ConfirmPostedAsync("g", $"2026-W{w}", Post($"e{w}", message: $"m{w}"), Ct);
            Db.Time.Advance(TimeSpan.FromDays(7));
        }
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);
        await Occurrences.RecordOutcomeAsync("g", Week, OccurrenceState.Missed, "offline past the grace period", Ct);

        var recent = await Occurrences.RecentPostsAsync("g", 3, Ct);
        var last = await Occurrences.LastOutcomeAsync("g", Ct);

        Assert.Equal(["e48", "e47", "e46"], recent.Select(p => p.EntryId));
        Assert.Equal(("g", "2026-W48", "900", "m48", "6001"), (recent[0].Guild, recent[0].Key, recent[0].ChannelId, recent[0].MessageId, recent[0].ThreadId));
        Assert.Equal((Week, OccurrenceState.Missed), (last!.Key, last.State));
        Assert.Null(await Occurrences.LastOutcomeAsync("other", Ct));
    }

    [Fact]
    public async Task The_cycle_is_the_highest_posted_cycle_with_its_entries()
    {
        Assert.Equal(1, (await Occurrences.CurrentCycleAsync("g", Ct)).Number);
        Assert.Empty((await Occurrences.CurrentCycleAsync("g", Ct)).PostedEntryIds);

        await PostAsync("2026-W01", "A", 1);
        await PostAsync("2026-W02", "b", 1);
        var first = await Occurrences.CurrentCycleAsync("g", Ct);
        await PostAsync("2026-W03", "c", 2);
        var second = await Occurrences.CurrentCycleAsync("g", Ct);

        Assert.Equal(1, first.Number);
        Assert.Equal(new HashSet<string> { "a", "b" }, first.PostedEntryIds.ToHashSet());
        Assert.Contains("A", first.PostedEntryIds); // ids match whatever their case
        Assert.Equal(2, second.Number);
        Assert.Equal(["c"], second.PostedEntryIds);
    }

    [Fact]
    public async Task A_confirmed_post_takes_its_entry_out_of_the_queue_and_closes_its_suggestions()
    {
        var weekly = Db.Open().Weekly;
        await weekly.Queue.EnqueueAsync("g", "arxiv:2210.01117", Sample.Alice, Ct);
        await weekly.Queue.EnqueueAsync("g", "other", Sample.Alice, Ct);
        await weekly.Suggestions.SuggestAsync("g", "m1", "ARXIV:2210.01117", Ct);
        await weekly.Suggestions.SuggestAsync("g", "m2", "other", Ct);
        await weekly.Queue.EnqueueAsync("h", "arxiv:2210.01117", Sample.Alice, Ct);

        await weekly.Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);
        await weekly.Occurrences.ConfirmPostedAsync("g", Week, Post("arxiv:2210.01117"), Ct);

        Assert.Equal(["other"], (await weekly.Queue.ListAsync("g", Ct)).Select(q => q.EntryId));
        Assert.Equal(["other"], (await weekly.Suggestions.ListOpenAsync("g", Ct)).Select(s => s.EntryId));
        Assert.Single(await weekly.Queue.ListAsync("h", Ct)); // another guild's queue is its own
    }

    [Fact]
    public async Task A_poll_is_remembered_with_its_post_and_later_its_winner()
    {
        Assert.Null(await Occurrences.LatestPollAsync("g", Ct));
        await PostAsync("2026-W48", "e48", 1);
        Assert.False(await Occurrences.RecordPollAsync("g", "2026-W49", "p49", Ct)); // not posted
        Assert.True(await Occurrences.RecordPollAsync("g", "2026-W48", "p48", Ct));

        var open = await Occurrences.LatestPollAsync("g", Ct);
        Assert.True(await Occurrences.RecordPollResultAsync("g", "2026-W48", "Arxiv:1", Ct));
        var read = await Occurrences.LatestPollAsync("g", Ct);

        Assert.Equal(new PollRecord("g", "2026-W48", "900", "p48", false, null), open);
        Assert.Equal(new PollRecord("g", "2026-W48", "900", "p48", true, "arxiv:1"), read);
    }

    [Fact]
    public async Task A_poll_sent_with_the_post_and_a_poll_without_votes()
    {
        await Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct);
        await Occurrences.ConfirmPostedAsync("g", Week, Post() with { PollMessageId = "p49" }, Ct);
        await PostAsync("2026-W50", "e50", 1); // a later post without a poll

        Assert.True(await Occurrences.RecordPollResultAsync("g", Week, null, Ct));
        Assert.False(await Occurrences.RecordPollResultAsync("g", "2026-W50", "x", Ct)); // it had no poll

        Assert.Equal(new PollRecord("g", Week, "900", "p49", true, null), await Occurrences.LatestPollAsync("g", Ct));
    }

    [Fact]
    public async Task The_picks_state_is_what_the_separate_reads_give_in_one_read()
    {
        var weekly = Db.Open().Weekly;
        var empty = await weekly.Occurrences.PickStateAsync("g", 2, Ct);
        Assert.Equal((0, 1, 0, null), (empty.Queue.Count, empty.Cycle.Number, empty.RecentPosts.Count, empty.LatestPoll));
        Assert.Empty(empty.Cycle.PostedEntryIds);

        await PostAsync("2026-W45", "a", 1);
        await PostAsync("2026-W46", "b", 1);
        Assert.True(await Occurrences.RecordPollAsync("g", "2026-W46", "p46", Ct));
        await PostAsync("2026-W47", "c", 2);
        await PostAsync("2026-W48", "D", 2);
        await weekly.Queue.EnqueueAsync("g", "second", Sample.Alice, Ct);
        await weekly.Queue.EnqueueAsync("g", "first", Sample.Alice, Ct);
        await weekly.Queue.EnqueueAsync("h", "elsewhere", Sample.Alice, Ct);
        await weekly.Occurrences.TryClaimAsync("h", "2026-W48", Scheduled, "scheduler", Ct);
        await weekly.Occurrences.ConfirmPostedAsync("h", "2026-W48", Post("h-entry", cycle: 7), Ct);

        var state = await weekly.Occurrences.PickStateAsync("g", 3, Ct);

        Assert.Equal((await weekly.Queue.ListAsync("g", Ct)).Select(q => q.EntryId), state.Queue);
        Assert.Equal(["second", "first"], state.Queue);
        var cycle = await weekly.Occurrences.CurrentCycleAsync("g", Ct);
        Assert.Equal(2, state.Cycle.Number);
        Assert.Equal(new HashSet<string> { "c", "d" }, state.Cycle.PostedEntryIds.ToHashSet());
        Assert.Equal(cycle.PostedEntryIds.ToHashSet(), state.Cycle.PostedEntryIds.ToHashSet());
        Assert.Contains("D", state.Cycle.PostedEntryIds); // ids match whatever their case, as the cycle's do
        Assert.Equal(await weekly.Occurrences.RecentPostsAsync("g", 3, Ct), state.RecentPosts);
        Assert.Equal(["d", "c", "b"], state.RecentPosts.Select(p => p.EntryId));
        Assert.Equal(await weekly.Occurrences.LatestPollAsync("g", Ct), state.LatestPoll);
        Assert.Equal("p46", state.LatestPoll!.PollMessageId);
    }

    [Fact]
    public async Task Nothing_is_written_for_a_database_locked_by_another_writer()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        await using var holder = await Db.HoldWriteLockAsync();

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            Db.Open(TimeSpan.FromMilliseconds(100)).Weekly.Occurrences.TryClaimAsync("g", Week, Scheduled, "scheduler", Ct));

        Assert.Contains("locked", error.Message);
        Assert.Contains("claiming 2026-W49 for guild g", error.Message);
    }

    private async Task PostAsync(string key, string entry, long cycle)
    {
        Db.Time.Advance(TimeSpan.FromDays(7));
        await Occurrences.TryClaimAsync("g", key, Db.Time.GetUtcNow(), "scheduler", Ct);
        Assert.True(await Occurrences.ConfirmPostedAsync("g", key, Post(entry, cycle, $"m-{key}"), Ct));
    }

    public sealed class Sqlite() : OccurrenceTests(StoreEngine.Sqlite);

    public sealed class Postgres() : OccurrenceTests(StoreEngine.Postgres);
}
