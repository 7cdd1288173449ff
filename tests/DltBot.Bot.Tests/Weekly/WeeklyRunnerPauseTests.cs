using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Search;
using DltBot.Bot.Weekly;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// A permanent error pauses the guild in the store and, through <see cref="IWeeklySchedule"/>, its live trigger at once,
/// whichever run met it. (Real scheduler and fake Discord: WeeklyEndToEndTests.)
/// </summary>
public sealed class WeeklyRunnerPauseTests : IDisposable
{
    private const string Guild = "838486034743296000";
    private const string Reason = "missing permission Send Messages in #papers";

    /// <summary>Friday 2026-12-04 18:00 in Berlin (17:00 UTC): ISO week 2026-W49.</summary>
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-weekly-").FullName;
    private readonly SteppingTimeProvider time = new(Friday);
    private readonly FakeWeeklyPublisher publisher = new();
    private readonly RecordingSchedule schedule = new();
    private readonly CatalogViews catalogs = new(SearchEngine.Create);
    private readonly Stores stores;

    public WeeklyRunnerPauseTests()
    {
        stores = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db"), BusyTimeout: TimeSpan.FromMilliseconds(200)), time);
        catalogs.Publish(TestCatalog.Snapshot);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<WeeklyRunOutcome> RunAsync(RunKind kind)
    {
        await stores.Weekly.Settings.SaveAsync(Guild,
            new WeeklySchedule("933273450578183400", DayOfWeek.Friday, new TimeOnly(18, 0), "Europe/Berlin", null, Thread: true, Poll: false), new Actor("1", "mod"), Ct);
        var runner = new WeeklyRunner(stores.Weekly, catalogs, publisher, time, Options.Create(new PaperOfTheWeekOptions()), NullLogger<WeeklyRunner>.Instance,
            schedule: schedule);
        return await time.DriveAsync(runner.RunAsync(new WeeklyRunRequest(Guild, Friday, kind), Ct));
    }

    [Theory]
    [InlineData(RunKind.Scheduled)]
    [InlineData(RunKind.PostNow)]
    public async Task A_permanent_failure_pauses_the_guilds_live_trigger_with_the_stored_pause(RunKind kind)
    {
        publisher.AlwaysFail = new WeeklyPublishException(PublishFailure.Permanent, Reason);

        Assert.Equal(new WeeklyRunOutcome.Failed("2026-W49", Reason, Paused: true), await RunAsync(kind));

        var (guild, applied) = Assert.Single(schedule.Applied);
        Assert.Equal(Guild, guild);
        Assert.Equal((true, Reason), (applied!.Paused, applied.PauseReason));
    }

    [Fact]
    public async Task A_failure_that_does_not_pause_leaves_the_trigger_alone()
    {
        publisher.AlwaysFail = new WeeklyPublishException(PublishFailure.Rejected, "Discord refused the embed");

        Assert.Equal(new WeeklyRunOutcome.Failed("2026-W49", "Discord refused the embed", Paused: false), await RunAsync(RunKind.Scheduled));

        Assert.Empty(schedule.Applied);
    }

    [Fact]
    public async Task A_scheduler_that_cannot_pause_the_trigger_leaves_the_run_failed_and_the_guild_paused_in_the_store()
    {
        publisher.AlwaysFail = new WeeklyPublishException(PublishFailure.Permanent, Reason);
        schedule.Failure = new InvalidOperationException("the scheduler's database is locked");

        Assert.Equal(new WeeklyRunOutcome.Failed("2026-W49", Reason, Paused: true), await RunAsync(RunKind.Scheduled));

        Assert.Single(schedule.Applied);
        Assert.True((await stores.Weekly.Settings.GetAsync(Guild, Ct))!.Paused);
    }

    private sealed class RecordingSchedule : IWeeklySchedule
    {
        public List<(string Guild, WeeklySettings? Settings)> Applied { get; } = [];

        public Exception? Failure { get; set; }

        public Task ApplyAsync(string guild, WeeklySettings? settings, CancellationToken ct)
        {
            Applied.Add((guild, settings));
            return Failure is null ? Task.CompletedTask : Task.FromException(Failure);
        }

        public Task<DateTimeOffset?> NextRunAsync(string guild, CancellationToken ct) => Task.FromResult<DateTimeOffset?>(null);
    }
}
