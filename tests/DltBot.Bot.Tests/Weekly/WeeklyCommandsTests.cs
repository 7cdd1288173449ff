using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Weekly;
using DltBot.Bot.Curation;
using DltBot.Bot.Interactions;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Bot.Weekly;
using DltBot.Discord.Models;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// <c>/dlt-mod potw …</c>, <c>/dlt week</c> and <c>/dlt suggest</c> through the real pipeline and a real SQLite store;
/// the runner, the trigger and Discord's permission check are stand-ins here (they have tests of their own).
/// </summary>
public sealed class WeeklyCommandsTests : IDisposable
{
    private const ulong Guild = 838486034743296000, Channel = 933273450578183326, Moderator = 1, Member = 2;
    private static readonly DateTimeOffset NextRun = new(2026, 12, 11, 10, 0, 0, TimeSpan.Zero);
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-weekly-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly Mock<IWeeklyRunner> runner = new(MockBehavior.Strict);
    private readonly Mock<IWeeklySchedule> schedule = new();
    private readonly Mock<IWeeklyPublisher> publisher = new(MockBehavior.Strict);

    public WeeklyCommandsTests()
    {
        schedule.Setup(s => s.NextRunAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(NextRun);
        publisher.Setup(p => p.MissingPermissionsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<bool>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private CommandHarness Bot() => CommandHarness.Create(TestCatalog.Snapshot, SearchEngine.Create, time, configure: services =>
    {
        services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db")), time));
        services.AddSingleton(runner.Object);
        services.AddSingleton(schedule.Object);
        services.AddSingleton(publisher.Object);
        services.AddCuration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddWeeklyCommands();
    });

    private static async Task<CommandHarness> StartedAsync(CommandHarness bot)
    {
        await bot.Services.GetRequiredService<Curator>().StartAsync(Ct);
        return bot;
    }

    private static Invocation As(ulong user, ulong permissions = DiscordPermission.ManageGuild) =>
        new(new Caller(user, "user" + user, permissions, []), Place.Guild(Guild, Channel), Language.English, Surface.Discord);

    private static Reply Potw(CommandHarness bot, string name, params (string, string?)[] options) =>
        bot.Run(WeeklyCommandSet.Path(name), RawArguments.Of(options), As(Moderator));

    private static Reply SetUp(CommandHarness bot, string zone = "Asia/Shanghai") => Potw(bot, "setup",
        ("channel", Channel.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("day", "friday"), ("time", "18:00"), ("timezone", zone));

    private static T Store<T>(CommandHarness bot) where T : notnull => bot.Services.GetRequiredService<T>();

    [Fact]
    public async Task Setup_saves_the_schedule_applies_the_trigger_and_shows_the_next_run_in_the_zone_in_UTC_and_as_a_Discord_timestamp()
    {
        using var bot = await StartedAsync(Bot());

        var reply = Assert.IsType<InfoReply>(SetUp(bot));

        Assert.Equal("Paper of the week: every Friday at 18:00 (Asia/Shanghai)", reply.Title);
        Assert.Contains(reply.Fields, f => f.Value == "Fri 2026-12-11 18:00 Asia/Shanghai · 2026-12-11 10:00 UTC · <t:1796983200:F>");
        var saved = await Store<IWeeklySettings>(bot).GetAsync(Guild.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        Assert.Equal(new WeeklySchedule(Channel.ToString(System.Globalization.CultureInfo.InvariantCulture), DayOfWeek.Friday, new TimeOnly(18, 0), "Asia/Shanghai", null, true, false), saved!.Schedule);
        schedule.Verify(s => s.ApplyAsync("838486034743296000", It.Is<WeeklySettings>(w => w.Schedule.TimeZoneId == "Asia/Shanghai"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Setup_names_the_permissions_the_bot_lacks_and_saves_nothing()
    {
        publisher.Setup(p => p.MissingPermissionsAsync("838486034743296000", "933273450578183326", true, false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(["Send Messages", "Create Public Threads"]);
        using var bot = await StartedAsync(Bot());

        var error = Assert.IsType<ErrorReply>(SetUp(bot));

        Assert.Equal("I cannot post in <#933273450578183326>: missing permission Send Messages, Create Public Threads. Grant it to the bot there, then run setup again.", error.Message);
        Assert.Empty(await Store<IWeeklySettings>(bot).ListAsync(Ct));
        schedule.Verify(s => s.ApplyAsync(It.IsAny<string>(), It.IsAny<WeeklySettings?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("Asia/Shangai", "timezone \"Asia/Shangai\" is not a time zone; closest: Asia/Shanghai")]
    [InlineData("Mars/Olympus", "timezone \"Mars/Olympus\" is not a time zone")]
    public async Task Setup_refuses_an_unknown_time_zone_and_names_the_closest(string zone, string expected)
    {
        using var bot = await StartedAsync(Bot());

        var error = Assert.IsType<ErrorReply>(SetUp(bot, zone));

        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("6pm")]
    public async Task Setup_refuses_a_time_that_is_not_HH_mm(string text)
    {
        using var bot = await StartedAsync(Bot());

        var error = Assert.IsType<ErrorReply>(Potw(bot, "setup", ("channel", "933273450578183326"), ("day", "friday"), ("time", text), ("timezone", "UTC")));

        Assert.Contains("time", error.Message);
        Assert.Contains("HH:mm", error.Message);
    }

    [Fact]
    public async Task Setup_in_a_server_needs_a_channel_and_in_the_shell_posts_to_the_console()
    {
        using var bot = await StartedAsync(Bot());

        var missing = Assert.IsType<ErrorReply>(Potw(bot, "setup", ("day", "friday"), ("time", "18:00"), ("timezone", "UTC")));
        var local = Assert.IsType<InfoReply>(bot.Line("/dlt-mod potw setup --day monday --time 09:30 --timezone Europe/Berlin"));

        Assert.StartsWith("channel is missing", missing.Message);
        Assert.Equal("Paper of the week: every Monday at 09:30 (Europe/Berlin)", local.Title);
        Assert.Equal(SetupCommand.ConsoleChannel, (await Store<IWeeklySettings>(bot).GetAsync(Place.LocalKey, Ct))!.Schedule.ChannelId);
    }

    [Fact]
    public async Task Status_before_setup_says_how_to_start_and_after_setup_shows_queue_skip_and_the_last_run_in_words()
    {
        using var bot = await StartedAsync(Bot());
        Assert.Contains("/dlt-mod potw setup", Assert.IsType<ErrorReply>(Potw(bot, "status")).Message);

        SetUp(bot);
        Potw(bot, "queue", ("id", "arxiv:2210.01117"));
        Assert.IsType<InfoReply>(Potw(bot, "skip"));
        var occurrences = Store<IWeeklyOccurrences>(bot);
        await occurrences.TryClaimAsync("838486034743296000", "2026-W49", time.GetUtcNow(), "test", Ct);
        await occurrences.RecordFailureAndPauseAsync("838486034743296000", "2026-W49", "missing permission Send Messages in #papers", Ct);

        var status = Assert.IsType<InfoReply>(Potw(bot, "status"));

        Assert.Contains(status.Fields, f => f.Value == "arxiv:2210.01117");
        Assert.Contains(status.Fields, f => f.Value == "2026-W49 failed: missing permission Send Messages in #papers");
        Assert.Contains(status.Lines, l => l.StartsWith("Paused: missing permission Send Messages in #papers", StringComparison.Ordinal));
        Assert.Contains("The next run posts nothing (skip).", status.Lines);
    }

    [Fact]
    public async Task Post_now_reports_the_post_and_a_second_call_answers_already_posted_with_the_link()
    {
        var link = new WeeklyPostLink("838486034743296000", "933273450578183326", "1500", "1501");
        runner.SetupSequence(r => r.RunAsync(It.Is<WeeklyRunRequest>(q => q.Kind == RunKind.PostNow && !q.Force), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new WeeklyRunOutcome.Posted("2026-W49", link, "arxiv:2210.01117", false, null))
            .ReturnsAsync(new WeeklyRunOutcome.AlreadyPosted("2026-W49", link));
        using var bot = await StartedAsync(Bot());

        var posted = Assert.IsType<InfoReply>(Potw(bot, "post-now"));
        var again = Assert.IsType<ErrorReply>(Potw(bot, "post-now"));

        Assert.Equal("Posted 2026-W49: arxiv:2210.01117", posted.Title);
        Assert.Contains(link.Url, posted.Lines[0]);
        Assert.Contains(link.ThreadUrl!, posted.Lines[0]);
        Assert.Equal($"This week (2026-W49) was already posted: {link.Url}. Add force:true to post another one.", again.Message);
    }

    [Fact]
    public async Task Pause_and_resume_keep_the_settings_and_move_the_trigger()
    {
        using var bot = await StartedAsync(Bot());
        SetUp(bot);

        Potw(bot, "pause");
        var paused = await Store<IWeeklySettings>(bot).GetAsync("838486034743296000", Ct);
        Potw(bot, "resume");

        Assert.True(paused!.Paused);
        Assert.Equal("paused by user1", paused.PauseReason);
        schedule.Verify(s => s.ApplyAsync("838486034743296000", It.Is<WeeklySettings>(w => w.Paused), It.IsAny<CancellationToken>()), Times.Once);
        schedule.Verify(s => s.ApplyAsync("838486034743296000", It.Is<WeeklySettings>(w => !w.Paused), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.False((await Store<IWeeklySettings>(bot).GetAsync("838486034743296000", Ct))!.Paused);
    }

    [Fact]
    public async Task Queue_checks_the_id_and_unqueue_takes_it_out()
    {
        using var bot = await StartedAsync(Bot());

        Assert.Equal(ErrorKind.UnknownId, Assert.IsType<ErrorReply>(Potw(bot, "queue", ("id", "arxiv:0000.00000"))).Kind);
        Assert.Equal("Queued arxiv:2210.01117: Omnigrok: Grokking Beyond Algorithmic Data (position 1)",
            Assert.IsType<InfoReply>(Potw(bot, "queue", ("id", "2210.01117"))).Title);
        Assert.Contains("already queued", Assert.IsType<ErrorReply>(Potw(bot, "queue", ("id", "arxiv:2210.01117"))).Message);
        Assert.IsType<InfoReply>(Potw(bot, "unqueue", ("id", "arxiv:2210.01117")));
        Assert.Empty(await Store<IWeeklyQueueStore>(bot).ListAsync("838486034743296000", Ct));
    }

    [Fact]
    public async Task A_member_is_refused_the_moderator_commands_but_may_suggest_and_see_the_week()
    {
        using var bot = await StartedAsync(Bot());
        var member = As(Member, permissions: 0);

        Assert.Equal(ErrorKind.Forbidden, Assert.IsType<ErrorReply>(bot.Run(WeeklyCommandSet.Path("post-now"), RawArguments.Empty, member)).Kind);
        var first = Assert.IsType<InfoReply>(bot.Run(new CommandPath("dlt", "suggest"), RawArguments.Of(("id", "arxiv:2210.01117")), member));
        var second = Assert.IsType<InfoReply>(bot.Run(new CommandPath("dlt", "suggest"), RawArguments.Of(("id", "arxiv:1710.11029")), member));
        var week = Assert.IsType<InfoReply>(bot.Run(new CommandPath("dlt", "week"), RawArguments.Empty, member));

        Assert.StartsWith("Suggested arxiv:2210.01117", first.Title);
        Assert.EndsWith("(instead of your earlier suggestion arxiv:2210.01117)", second.Title);
        var open = await Store<IWeeklySuggestions>(bot).ListOpenAsync("838486034743296000", Ct);
        Assert.Equal("arxiv:1710.11029", Assert.Single(open).EntryId);
        Assert.Equal("No paper of the week has been posted here yet.", week.Title);
    }

    [Fact]
    public async Task Week_shows_this_weeks_paper_with_its_thread_and_the_picks_before_it()
    {
        using var bot = await StartedAsync(Bot());
        var occurrences = Store<IWeeklyOccurrences>(bot);
        await PostAsync(occurrences, "2026-W48", "arxiv:1710.11029", "1400", null);
        await PostAsync(occurrences, "2026-W49", "arxiv:2210.01117", "1500", "1501");

        var week = Assert.IsType<InfoReply>(bot.Run(new CommandPath("dlt", "week"), RawArguments.Empty, As(Member, 0)));

        Assert.Equal("Paper of the week · 2026-W49: Omnigrok: Grokking Beyond Algorithmic Data", week.Title);
        Assert.Equal(
        [
            "Post: https://discord.com/channels/838486034743296000/933273450578183326/1500",
            "Discussion: https://discord.com/channels/838486034743296000/1501",
            "Before: 2026-W48 · Stochastic gradient descent performs variational inference · https://discord.com/channels/838486034743296000/933273450578183326/1400",
        ], week.Lines);
    }

    private async Task PostAsync(IWeeklyOccurrences occurrences, string key, string entry, string message, string? thread)
    {
        await occurrences.TryClaimAsync("838486034743296000", key, time.GetUtcNow(), "test", Ct);
        await occurrences.ConfirmPostedAsync("838486034743296000", key, new PostedMessage("933273450578183326", message, thread, entry, 1), Ct);
        time.Advance(TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Discord_sees_the_potw_group_with_its_fixed_option_names_and_a_text_or_announcement_channel()
    {
        using var bot = await StartedAsync(Bot());

        var mod = DiscordCommandDefinitions.Build(bot.Registry).Single(c => c.Name == "dlt-mod");
        var group = mod.Options!.Single(o => o.Name == "potw");
        var setup = group.Options!.Single(o => o.Name == "setup");

        Assert.Equal(ApplicationCommandOptionType.SubCommandGroup, group.Type);
        Assert.Equal(["setup", "status", "preview", "post-now", "skip", "queue", "unqueue", "pause", "resume"], group.Options!.Select(o => o.Name));
        Assert.Equal(["day", "time", "timezone", "channel", "role", "thread", "poll"], setup.Options!.Select(o => o.Name));
        var channel = setup.Options!.Single(o => o.Name == "channel");
        Assert.Equal([ChannelType.GuildText, ChannelType.GuildAnnouncement], channel.ChannelTypes);
        Assert.True(setup.Options!.Single(o => o.Name == "timezone").Autocomplete);
    }
}
