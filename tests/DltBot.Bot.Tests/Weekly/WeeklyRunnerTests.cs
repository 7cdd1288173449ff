using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Search;
using DltBot.Bot.Weekly;
using DltBot.Catalog.Import;
using DltBot.Catalog.Weekly;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>The weekly runner on a fake clock and a real SQLite store in a temp folder, posting through a fake publisher.</summary>
public sealed class WeeklyRunnerTests : IDisposable
{
    private const string Guild = "838486034743296000";
    private const string Papers = "933273450578183400";

    /// <summary>Friday 2026-12-04 18:00 in Berlin (17:00 UTC): ISO week 2026-W49.</summary>
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    private static readonly WeeklySchedule Schedule = new(Papers, DayOfWeek.Friday, new TimeOnly(18, 0), "Europe/Berlin", null, Thread: true, Poll: false);

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-weekly-").FullName;
    private readonly SteppingTimeProvider time = new(Friday);
    private readonly FakeWeeklyPublisher publisher = new();
    private readonly CatalogViews catalogs = new(SearchEngine.Create);
    private readonly Stores stores;

    public WeeklyRunnerTests()
    {
        stores = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db"), BusyTimeout: TimeSpan.FromMilliseconds(200)), time);
        catalogs.Publish(TestCatalog.Snapshot);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IWeeklyOccurrences Occurrences => stores.Weekly.Occurrences;

    private WeeklyRunner Runner() =>
        new(stores.Weekly, catalogs, publisher, time, Options.Create(new PaperOfTheWeekOptions()), NullLogger<WeeklyRunner>.Instance);

    private Task<WeeklySettings> SetUpAsync(WeeklySchedule? schedule = null) =>
        stores.Weekly.Settings.SaveAsync(Guild, schedule ?? Schedule, new Actor("1", "mod"), Ct);

    private static WeeklyRunRequest Scheduled(int week = 0) => new(Guild, Friday.AddDays(7 * week), RunKind.Scheduled);

    private WeeklyRunRequest PostNow(bool force = false) => new(Guild, time.GetUtcNow(), RunKind.PostNow, force);

    private Task<WeeklyRunOutcome> RunAsync(WeeklyRunRequest request, WeeklyRunner? runner = null) =>
        time.DriveAsync((runner ?? Runner()).RunAsync(request, Ct));

    [Fact]
    public async Task A_scheduled_run_claims_its_week_posts_once_with_the_weeks_nonce_opens_a_thread_and_confirms()
    {
        await SetUpAsync();

        var posted = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled()));

        Assert.Equal("2026-W49", posted.Key);
        var sent = Assert.Single(publisher.Posts);
        Assert.Equal((Papers, WeeklyNonce.For(Guild, "2026-W49")), (sent.Channel, sent.Nonce));
        Assert.Equal("Paper of the week · 2026-W49", sent.Post.Header);
        Assert.StartsWith("W49 · ", sent.Post.ThreadName, StringComparison.Ordinal);
        Assert.Single(publisher.Threads);
        var stored = await Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal(OccurrenceState.Posted, stored!.State);
        Assert.Equal((sent.MessageId, posted.EntryId, sent.MessageId), (stored.Post!.MessageId, stored.Post.EntryId, stored.Post.ThreadId));
        Assert.Equal($"https://discord.com/channels/{Guild}/{Papers}/{sent.MessageId}", posted.Link.Url);
    }

    [Fact]
    public async Task A_second_run_or_post_now_in_the_same_week_answers_already_posted_with_the_link_and_sends_nothing()
    {
        await SetUpAsync();
        var first = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled()));

        var again = Assert.IsType<WeeklyRunOutcome.AlreadyPosted>(await RunAsync(Scheduled()));
        time.Advance(TimeSpan.FromHours(20));
        var postNow = Assert.IsType<WeeklyRunOutcome.AlreadyPosted>(await RunAsync(PostNow()));

        Assert.Equal(first.Link, again.Link);
        Assert.Equal(first.Link, postNow.Link);
        Assert.Single(publisher.Posts);
        Assert.Equal(1, publisher.SendAttempts);
    }

    [Fact]
    public async Task Post_now_with_force_posts_an_extra_under_the_first_free_plus_key_and_the_weekly_run_still_counts_the_week_as_posted()
    {
        await SetUpAsync();
        Assert.Equal("2026-W49", Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(PostNow())).Key);

        var extra = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(PostNow(force: true)));
        var another = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(PostNow(force: true)));
        var scheduled = await RunAsync(Scheduled());

        Assert.Equal(("2026-W49+1", "2026-W49+2"), (extra.Key, another.Key));
        Assert.IsType<WeeklyRunOutcome.AlreadyPosted>(scheduled);
        Assert.Equal(3, publisher.Posts.Select(p => p.Post.Entry.Id).Distinct().Count());
        Assert.Equal(3, publisher.Posts.Select(p => p.Nonce).Distinct().Count());
    }

    [Fact]
    public async Task A_scheduled_run_racing_post_now_ends_with_one_post()
    {
        await SetUpAsync();

        var outcomes = await Task.WhenAll(RunAsync(Scheduled(), Runner()), RunAsync(PostNow(), Runner()));

        Assert.Single(publisher.Posts);
        Assert.Single(outcomes.OfType<WeeklyRunOutcome.Posted>());
        Assert.Single(outcomes.OfType<WeeklyRunOutcome.AlreadyPosted>());
    }

    [Fact]
    public async Task Skip_takes_the_next_run_records_it_and_the_week_after_posts_again()
    {
        await SetUpAsync();
        await stores.Weekly.Settings.SetSkipNextAsync(Guild, true, new Actor("1", "mod"), Ct);

        var skipped = await RunAsync(Scheduled());
        time.SetUtcNow(Friday.AddDays(7));
        var next = await RunAsync(Scheduled(week: 1));

        Assert.Equal(new WeeklyRunOutcome.Skipped("2026-W49"), skipped);
        Assert.Equal(OccurrenceState.Skipped, (await Occurrences.GetAsync(Guild, "2026-W49", Ct))!.State);
        Assert.False((await stores.Weekly.Settings.GetAsync(Guild, Ct))!.SkipNext);
        Assert.Equal("2026-W50", Assert.IsType<WeeklyRunOutcome.Posted>(next).Key);
        Assert.Single(publisher.Posts);
    }

    [Fact]
    public async Task A_run_exactly_at_the_end_of_the_grace_period_still_posts()
    {
        await SetUpAsync();
        time.SetUtcNow(Friday + TimeSpan.FromHours(12));

        Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled()));
        Assert.Single(publisher.Posts);
    }

    [Fact]
    public async Task A_run_a_second_past_the_grace_period_is_recorded_as_missed_and_posts_nothing()
    {
        await SetUpAsync();
        time.SetUtcNow(Friday + TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        var missed = Assert.IsType<WeeklyRunOutcome.Missed>(await RunAsync(Scheduled()));

        Assert.Equal(("2026-W49", Friday), (missed.Key, missed.ScheduledUtc));
        var stored = await Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal(OccurrenceState.Missed, stored!.State);
        Assert.Contains("past the grace period of 12 h", stored.Detail, StringComparison.Ordinal);
        Assert.Empty(publisher.Posts);
    }

    [Fact]
    public async Task A_restart_after_the_post_went_out_but_before_it_was_confirmed_finds_it_and_does_not_send_again()
    {
        await SetUpAsync();
        publisher.CrashAfterNextSend = true;
        await Assert.ThrowsAsync<OperationCanceledException>(() => RunAsync(Scheduled()));
        Assert.Equal(OccurrenceState.Claimed, (await Occurrences.GetAsync(Guild, "2026-W49", Ct))!.State);

        time.Advance(TimeSpan.FromMinutes(30));
        await time.DriveAsync(Runner().RecoverAsync(Ct).ContinueWith(_ => 0, TaskScheduler.Default));

        Assert.Equal(1, publisher.SendAttempts);
        var sent = Assert.Single(publisher.Posts);
        var stored = await Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal((OccurrenceState.Posted, sent.MessageId), (stored!.State, stored.Post!.MessageId));
        Assert.Equal(sent.Post.Entry.Id, stored.Post.EntryId);
        Assert.Empty(await Occurrences.UnconfirmedClaimsAsync(Ct));
    }

    [Fact]
    public async Task A_restart_that_finds_no_post_sends_it_once_with_the_same_nonce()
    {
        await SetUpAsync();
        // A process claimed the week and stopped before sending anything.
        await Occurrences.TryClaimAsync(Guild, "2026-W49", Friday, "stopped-process", Ct);

        await Runner().RecoverAsync(Ct);

        var sent = Assert.Single(publisher.Posts);
        Assert.Equal(WeeklyNonce.For(Guild, "2026-W49"), sent.Nonce);
        Assert.Equal(OccurrenceState.Posted, (await Occurrences.GetAsync(Guild, "2026-W49", Ct))!.State);
    }

    [Fact]
    public async Task A_restart_past_the_grace_period_that_finds_no_post_records_missed()
    {
        await SetUpAsync();
        await Occurrences.TryClaimAsync(Guild, "2026-W49", Friday, "stopped-process", Ct);
        time.SetUtcNow(Friday.AddHours(13));

        await Runner().RecoverAsync(Ct);

        Assert.Empty(publisher.Posts);
        Assert.Equal(OccurrenceState.Missed, (await Occurrences.GetAsync(Guild, "2026-W49", Ct))!.State);
    }

    [Fact]
    public async Task Transient_failures_are_retried_with_exponential_backoff_until_the_post_goes_out()
    {
        await SetUpAsync();
        publisher.SendFailures.Enqueue(new WeeklyPublishException(PublishFailure.Transient, "HTTP 502 Bad Gateway"));
        publisher.SendFailures.Enqueue(new WeeklyPublishException(PublishFailure.Transient, "HTTP 503 Service Unavailable"));

        Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled()));

        Assert.Equal(3, publisher.SendAttempts);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60)], time.Waited);
        Assert.Single(publisher.Posts);
    }

    [Fact]
    public async Task Transient_failures_until_the_grace_period_ends_record_failed_without_pausing()
    {
        await SetUpAsync();
        publisher.AlwaysFail = new WeeklyPublishException(PublishFailure.Transient, "HTTP 500 Internal Server Error");

        var failed = Assert.IsType<WeeklyRunOutcome.Failed>(await RunAsync(Scheduled()));

        Assert.False(failed.Paused);
        Assert.Contains("HTTP 500", failed.Reason, StringComparison.Ordinal);
        Assert.True(publisher.SendAttempts > 5, $"only {publisher.SendAttempts} attempts");
        Assert.True(time.GetUtcNow() <= Friday.AddHours(12), $"retried until {time.GetUtcNow()}");
        Assert.True(time.GetUtcNow() > Friday.AddHours(11), $"gave up early, at {time.GetUtcNow()}");
        Assert.Equal(OccurrenceState.Failed, (await Occurrences.GetAsync(Guild, "2026-W49", Ct))!.State);
        Assert.False((await stores.Weekly.Settings.GetAsync(Guild, Ct))!.Paused);
    }

    [Fact]
    public async Task A_permanent_failure_pauses_the_schedule_with_discords_reason_and_later_runs_do_not_post()
    {
        await SetUpAsync();
        const string reason = "missing permission Send Messages in #papers";
        publisher.AlwaysFail = new WeeklyPublishException(PublishFailure.Permanent, reason);

        var failed = Assert.IsType<WeeklyRunOutcome.Failed>(await RunAsync(Scheduled()));
        publisher.AlwaysFail = null;
        time.SetUtcNow(Friday.AddDays(7));
        var nextWeek = await RunAsync(Scheduled(week: 1));

        Assert.Equal(new WeeklyRunOutcome.Failed("2026-W49", reason, Paused: true), failed);
        Assert.Equal(1, publisher.SendAttempts);
        var settings = await stores.Weekly.Settings.GetAsync(Guild, Ct);
        Assert.Equal((true, reason), (settings!.Paused, settings.PauseReason));
        Assert.Equal(new WeeklyRunOutcome.NotScheduled(reason), nextWeek);
        Assert.Empty(publisher.Posts);
    }

    [Fact]
    public async Task A_thread_that_cannot_be_made_leaves_the_post_standing_and_says_why()
    {
        await SetUpAsync();
        publisher.ThreadFailure = new WeeklyPublishException(PublishFailure.Permanent, "missing permission Create Public Threads in #papers");

        var posted = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled()));

        Assert.Contains("missing permission Create Public Threads in #papers", posted.ThreadProblem, StringComparison.Ordinal);
        Assert.Null(posted.Link.ThreadId);
        var stored = await Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal(OccurrenceState.Posted, stored!.State);
        Assert.Equal(posted.ThreadProblem, stored.Post!.ThreadProblem);
        Assert.False((await stores.Weekly.Settings.GetAsync(Guild, Ct))!.Paused);
    }

    [Fact]
    public async Task The_poll_follows_the_post_and_its_winner_is_next_weeks_post()
    {
        await SetUpAsync(Schedule with { Poll = true });
        var first = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled()));
        var (pollId, poll) = Assert.Single(publisher.Polls);

        Assert.Equal(WeeklyPostComposer.PollQuestion, poll.Question);
        Assert.InRange(poll.Answers.Count, 3, 5);
        Assert.All(poll.Answers, a => Assert.True(a.Text.Length <= 55));
        Assert.DoesNotContain(poll.Answers, a => a.EntryId == first.EntryId);
        Assert.Equal(167, poll.DurationHours); // closes an hour before next Friday 18:00
        var seededNext = (await Runner().PreviewAsync(Guild, Friday.AddDays(7), Ct))!.Entry.Id;
        var chosen = poll.Answers.First(a => a.EntryId != seededNext).EntryId;
        publisher.Vote(pollId, chosen, 4);

        time.SetUtcNow(Friday.AddDays(7));
        var second = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled(week: 1)));

        Assert.Equal(chosen, second.EntryId);
        Assert.Equal(PickReason.PollWinner, publisher.Posts[1].Post.Reason);
        var firstPoll = await Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal(pollId, firstPoll!.Post!.PollMessageId);
    }

    [Fact]
    public async Task Preview_shows_exactly_what_the_run_posts_and_claims_nothing()
    {
        await SetUpAsync(Schedule with { Poll = true, RoleId = "838486034743296001" });

        var preview = await Runner().PreviewAsync(Guild, Friday, Ct);
        Assert.Null(await Occurrences.GetAsync(Guild, "2026-W49", Ct));
        await RunAsync(Scheduled());

        var posted = Assert.Single(publisher.Posts).Post;
        Assert.NotNull(preview);
        Assert.Equal(Describe(posted), Describe(preview));
    }

    [Fact]
    public async Task Preview_of_a_guild_without_setup_is_nothing_and_a_run_is_not_scheduled()
    {
        Assert.Null(await Runner().PreviewAsync(Guild, Friday, Ct));
        Assert.Equal(new WeeklyRunOutcome.NotScheduled(null), await RunAsync(Scheduled()));
    }

    [Fact]
    public async Task Sixty_weeks_on_the_bundled_list_never_repeat_an_entry_within_a_cycle()
    {
        var markdown = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "catalog", "deep-learning-theory.md"), Ct);
        catalogs.Publish(CatalogSnapshot.Of(MarkdownCatalogImporter.Import(markdown).List));
        await SetUpAsync();
        var runner = Runner();

        var picks = new List<string>();
        for (var week = 0; week < 60; week++)
        {
            time.SetUtcNow(Friday.AddDays(7 * week));
            picks.Add(Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled(week), runner)).EntryId);
        }

        Assert.Equal(picks.Count, picks.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(60, publisher.Posts.Select(p => p.Post.Key).Distinct().Count());
    }

    [Fact]
    public async Task When_every_entry_was_posted_the_next_post_starts_a_new_cycle_and_says_so()
    {
        await SetUpAsync();
        var runner = Runner();
        var outcomes = new List<WeeklyRunOutcome.Posted>();
        for (var week = 0; week < 5; week++)
        {
            time.SetUtcNow(Friday.AddDays(7 * week));
            outcomes.Add(Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(Scheduled(week), runner)));
        }

        // The test list has four entries with a link of their own.
        Assert.Equal(4, outcomes.Take(4).Select(o => o.EntryId).Distinct().Count());
        Assert.Equal([false, false, false, false, true], outcomes.Select(o => o.NewCycle));
        Assert.Contains("a new cycle starts", publisher.Posts[4].Post.Header, StringComparison.Ordinal);
        Assert.Equal(2, (await Occurrences.CurrentCycleAsync(Guild, Ct)).Number);
    }

    private static string Describe(WeeklyPost post) => string.Join("\n",
        post.Guild, post.Key, post.Header, post.Entry.Id, post.Reason, post.NewCycle, post.RoleId, post.Thread, post.ThreadName,
        string.Join(" | ", post.Prompts),
        post.Poll is null ? "no poll" : $"{post.Poll.Question} {post.Poll.DurationHours} h: {string.Join(" | ", post.Poll.Answers)}");
}
