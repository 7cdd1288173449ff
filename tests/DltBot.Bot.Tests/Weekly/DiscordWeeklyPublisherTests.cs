using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Search;
using DltBot.Bot.Weekly;
using DltBot.Discord.Rest;
using DltBot.FakeDiscord;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using P = DltBot.Discord.Permissions.DiscordPermissions;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>The runner posting through <see cref="DiscordWeeklyPublisher"/> and our real REST client to the fake Discord.</summary>
public sealed class DiscordWeeklyPublisherTests : IAsyncLifetime
{
    private const string Guild = "838486034743296000";
    private const string Papers = "933273450578183400";
    private const string Readers = "838486034743296002";
    private const string Owner = "111111111111111111";
    private const P Everything = P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory | P.CreatePublicThreads
        | P.SendMessagesInThreads | P.SendPolls;

    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-weekly-discord-").FullName;
    private readonly FakeTimeProvider time = new(Friday);
    private readonly CatalogViews catalogs = new(SearchEngine.Create);
    private FakeDiscordServer server = null!;
    private DiscordWeeklyPublisher publisher = null!;
    private Stores stores = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeRest Fake => server.Rest;

    public async ValueTask InitializeAsync()
    {
        server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = time });
        var options = new DiscordRestOptions { Token = "t", ApiBaseUrl = server.RestBaseUrl, AttemptTimeout = null, MaxAttempts = 1 };
        var client = new DiscordRestClient(new HttpClient(), options, new DiscordRateLimiter(options, time), time, jitter: () => 1.0);
        publisher = new DiscordWeeklyPublisher(client, NullLogger<DiscordWeeklyPublisher>.Instance);
        stores = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db"), BusyTimeout: TimeSpan.FromMilliseconds(200)), time);
        catalogs.Publish(TestCatalog.Snapshot);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    private async Task SetUpAsync(P everyone = Everything, bool poll = false, string? role = Readers)
    {
        Fake.AddGuild(new FakeGuild(Guild, Owner, (ulong)everyone, [new FakeRole(Readers, "Readers", 0)]));
        Fake.AddMember(Guild, server.Options.BotUserId);
        Fake.AddChannel(new FakeChannel(Papers, Guild, "papers"));
        await stores.Weekly.Settings.SaveAsync(Guild,
            new WeeklySchedule(Papers, DayOfWeek.Friday, new TimeOnly(18, 0), "Europe/Berlin", role, Thread: true, Poll: poll), new Actor("1", "mod"), Ct);
    }

    private WeeklyRunner Runner() =>
        new(stores.Weekly, catalogs, publisher, time, Options.Create(new PaperOfTheWeekOptions()), NullLogger<WeeklyRunner>.Instance);

    private Task<WeeklyRunOutcome> RunAsync(int week = 0) =>
        Runner().RunAsync(new WeeklyRunRequest(Guild, Friday.AddDays(7 * week), RunKind.Scheduled), Ct);

    private IReadOnlyList<FakeChannelPost> Posts => Fake.PostsIn(Papers);

    [Fact]
    public async Task A_run_posts_one_embed_mentioning_only_the_role_with_an_enforced_nonce_then_a_one_week_thread_with_prompts()
    {
        await SetUpAsync();

        var posted = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync());
        var again = await RunAsync();

        var post = Assert.Single(Posts);
        var body = post.Request.BodyJson();
        Assert.Equal($"<@&{Readers}>", body.GetProperty("content").GetString());
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal(Readers, Assert.Single(body.GetProperty("allowed_mentions").GetProperty("roles").EnumerateArray()).GetString());
        Assert.Equal(WeeklyNonce.For(Guild, "2026-W49"), body.GetProperty("nonce").GetString());
        Assert.True(body.GetProperty("enforce_nonce").GetBoolean());
        var embed = body.GetProperty("embeds")[0];
        Assert.Equal("Paper of the week · 2026-W49", embed.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal($"{posted.EntryId} · 2026-W49", embed.GetProperty("footer").GetProperty("text").GetString());
        Assert.StartsWith("https://", embed.GetProperty("url").GetString(), StringComparison.Ordinal);

        var thread = Assert.Single(Fake.Requests, r => r.Method == "POST" && r.Path.EndsWith("/threads", StringComparison.Ordinal)).BodyJson();
        Assert.StartsWith("W49 · ", thread.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(10080, thread.GetProperty("auto_archive_duration").GetInt32());
        var prompts = Assert.Single(Fake.PostsIn(posted.Link.ThreadId!)).Request.BodyJson().GetProperty("content").GetString();
        Assert.StartsWith("Some questions to start with:", prompts, StringComparison.Ordinal);
        Assert.IsType<WeeklyRunOutcome.AlreadyPosted>(again);
    }

    [Fact]
    public async Task Missing_send_messages_pauses_the_schedule_naming_the_permission_and_the_channel()
    {
        await SetUpAsync(everyone: Everything & ~P.SendMessages);
        Fake.SetChannelFault(Papers, ChannelFault.MissingPermissions, ChannelFaultScope.CreateMessage);

        var failed = Assert.IsType<WeeklyRunOutcome.Failed>(await RunAsync());

        Assert.Equal(new WeeklyRunOutcome.Failed("2026-W49", "missing permission Send Messages in #papers", Paused: true), failed);
        var settings = await stores.Weekly.Settings.GetAsync(Guild, Ct);
        Assert.Equal("missing permission Send Messages in #papers", settings!.PauseReason);
        Assert.Empty(Posts);
    }

    [Fact]
    public async Task A_deleted_channel_pauses_with_unknown_channel_in_words()
    {
        await SetUpAsync();
        Fake.SetChannelFault(Papers, ChannelFault.UnknownChannel);

        var failed = Assert.IsType<WeeklyRunOutcome.Failed>(await RunAsync());

        Assert.True(failed.Paused);
        Assert.StartsWith($"unknown channel <#{Papers}>", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_thread_refused_by_discord_leaves_the_post_and_records_why()
    {
        await SetUpAsync();
        Fake.SetChannelFault(Papers, ChannelFault.MissingPermissions, ChannelFaultScope.StartThread);

        var posted = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync());

        Assert.Single(Posts);
        Assert.Null(posted.Link.ThreadId);
        Assert.Contains("#papers", posted.ThreadProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poll_round_trip_posts_the_poll_reads_its_final_results_and_posts_the_winner()
    {
        await SetUpAsync(poll: true);
        Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync());
        var pollPost = Assert.Single(Posts, p => p.Request.BodyJson().TryGetProperty("poll", out _));
        var body = pollPost.Request.BodyJson();
        Assert.Equal(WeeklyPostComposer.PollQuestion, body.GetProperty("poll").GetProperty("question").GetProperty("text").GetString());
        var ids = DiscordWeeklyPublisher.EntryIdsIn(body.GetProperty("content").GetString());
        Assert.Equal(body.GetProperty("poll").GetProperty("answers").GetArrayLength(), ids.Count);

        // Votes for the last answer, which the seeded order would not pick next.
        Fake.SetPollResults(Papers, pollPost.MessageId, new Dictionary<int, int> { [ids.Count] = 3, [1] = 1 }, finalized: true);
        time.Advance(TimeSpan.FromDays(7));
        var second = Assert.IsType<WeeklyRunOutcome.Posted>(await RunAsync(week: 1));

        Assert.Equal(ids[^1], second.EntryId);
        var latest = await stores.Weekly.Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal(pollPost.MessageId, latest!.Post!.PollMessageId);
    }

    [Fact]
    public async Task A_restart_finds_the_post_by_its_nonce_and_confirms_it_without_posting_again()
    {
        await SetUpAsync();
        var post = (await Runner().PreviewAsync(Guild, Friday, Ct))!;
        await stores.Weekly.Occurrences.TryClaimAsync(Guild, "2026-W49", Friday, "stopped-process", Ct);
        var sent = await publisher.SendPostAsync(Papers, post, WeeklyNonce.For(Guild, "2026-W49"), Ct);

        time.Advance(TimeSpan.FromMinutes(10)); // past Discord's nonce window: only the look-up prevents a second post
        await Runner().RecoverAsync(Ct);

        Assert.Single(Posts);
        var stored = await stores.Weekly.Occurrences.GetAsync(Guild, "2026-W49", Ct);
        Assert.Equal((OccurrenceState.Posted, sent), (stored!.State, stored.Post!.MessageId));
    }

    [Fact]
    public async Task Setup_learns_which_permissions_the_bot_lacks_for_a_post_with_thread_and_poll()
    {
        await SetUpAsync(everyone: P.ViewChannel | P.SendMessages | P.EmbedLinks | P.ReadMessageHistory);

        var missing = await publisher.MissingPermissionsAsync(Guild, Papers, thread: true, poll: true, Ct);
        var none = await publisher.MissingPermissionsAsync(Guild, Papers, thread: false, poll: false, Ct);

        Assert.Equal(["Create Polls", "Create Public Threads", "Send Messages in Threads"], missing.Order(StringComparer.Ordinal));
        Assert.Empty(none);
    }
}
