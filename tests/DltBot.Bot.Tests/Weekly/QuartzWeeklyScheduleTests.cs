using DltBot.Bot.Weekly;
using DltBot.Storage;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// The real Quartz scheduler with its ADO store in a SQLite file, driven by a fake clock. "Did not fire" is shown by a
/// later trigger of another guild firing first-and-only: Quartz fires in time order, so anything due before it would
/// have come through the runner first.
/// </summary>
public sealed class QuartzWeeklyScheduleTests : IDisposable
{
    // Monday 2 March 2026; 18:00 in Berlin (CET) is 17:00Z.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 16, 59, 50, TimeSpan.Zero);
    private static readonly DateTimeOffset Slot = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);
    private const string Berlin = "Europe/Berlin";

    private readonly string _folder = Directory.CreateTempSubdirectory("dltbot-quartz-").FullName;
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingRunner _runner = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Schedules a barrier guild a minute after <paramref name="after"/> and waits for it to be the next request.</summary>
    private async Task AssertNothingElseFiresBeforeABarrierAsync(WeeklyQuartzHost host, DateTimeOffset after)
    {
        var barrierUtc = new DateTimeOffset(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, TimeSpan.Zero).AddMinutes(2);
        var local = TimeZoneInfo.ConvertTime(barrierUtc, TimeZoneInfo.FindSystemTimeZoneById(Berlin));
        await host.SetUpAsync("barrier", local.DayOfWeek, new TimeOnly(local.Hour, local.Minute), Berlin);
        _time.SetUtcNow(barrierUtc.AddSeconds(1));
        var next = await _runner.NextAsync();
        Assert.Equal(("barrier", barrierUtc), (next.Guild, next.ScheduledUtc));
    }

    [Fact]
    public async Task A_trigger_seconds_away_fires_once_and_a_restart_does_not_fire_it_again()
    {
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner))
        {
            await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);
            Assert.Equal(Slot, await host.Schedule.NextRunAsync("g1", TestContext.Current.CancellationToken));

            _time.Advance(TimeSpan.FromSeconds(11));

            var request = await _runner.NextAsync();
            Assert.Equal(new WeeklyRunRequest("g1", Slot, RunKind.Scheduled), request);
            Assert.Equal(Slot.AddDays(7), await host.Schedule.NextRunAsync("g1", TestContext.Current.CancellationToken));
        }

        _time.Advance(TimeSpan.FromMinutes(5));
        await using (var restarted = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner))
        {
            Assert.Equal(Slot.AddDays(7), await restarted.Schedule.NextRunAsync("g1", TestContext.Current.CancellationToken));
            await AssertNothingElseFiresBeforeABarrierAsync(restarted, _time.GetUtcNow());
        }
    }

    [Fact]
    public async Task Unchanged_settings_leave_the_trigger_alone_and_changed_ones_replace_it()
    {
        await using var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        var settings = await host.SetUpAsync("g1", DayOfWeek.Friday, new TimeOnly(9, 30), Berlin);
        var created = (await host.TriggerAsync("g1")).StartTimeUtc;

        _time.Advance(TimeSpan.FromHours(1));
        await host.Schedule.ApplyAsync("g1", settings, TestContext.Current.CancellationToken);
        Assert.Equal(created, (await host.TriggerAsync("g1")).StartTimeUtc);

        await host.SetUpAsync("g1", DayOfWeek.Friday, new TimeOnly(10, 0), "America/New_York");
        var replaced = (ICronTrigger)await host.TriggerAsync("g1");
        Assert.Equal(_time.GetUtcNow(), replaced.StartTimeUtc);
        Assert.Equal(("0 0 10 ? * FRI", "America/New_York"), (replaced.CronExpressionString, replaced.TimeZone.Id));
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.Zero), await host.Schedule.NextRunAsync("g1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_restart_with_unchanged_settings_keeps_the_stored_trigger()
    {
        DateTimeOffset created;
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner))
        {
            await host.SetUpAsync("g1", DayOfWeek.Friday, new TimeOnly(9, 30), Berlin);
            created = (await host.TriggerAsync("g1")).StartTimeUtc;
        }
        _time.Advance(TimeSpan.FromHours(1));
        await using var restarted = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        Assert.Equal(created, (await restarted.TriggerAsync("g1")).StartTimeUtc);
    }

    [Fact]
    public async Task A_job_stored_non_concurrent_by_an_older_version_is_replaced_at_start_and_keeps_its_trigger()
    {
        DateTimeOffset created;
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner))
        {
            await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);
            Assert.False((await JobAsync(host, "g1")).ConcurrentExecutionDisallowed);
            created = (await host.TriggerAsync("g1")).StartTimeUtc;
            // As versions before 2026-12 stored it.
            var scheduler = await host.SchedulerAsync();
            var old = (await JobAsync(host, "g1")).GetJobBuilder().DisallowConcurrentExecution().Build();
            await scheduler.AddJob(old, new AddJobOptions { Replace = true }, TestContext.Current.CancellationToken);
            Assert.True((await JobAsync(host, "g1")).ConcurrentExecutionDisallowed);
        }

        await using var restarted = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        Assert.False((await JobAsync(restarted, "g1")).ConcurrentExecutionDisallowed);
        Assert.Equal(created, (await restarted.TriggerAsync("g1")).StartTimeUtc);
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(new WeeklyRunRequest("g1", Slot, RunKind.Scheduled), await _runner.NextAsync());
    }

    private static async Task<IJobDetail> JobAsync(WeeklyQuartzHost host, string guild) =>
        await (await host.SchedulerAsync()).GetJobDetail(new JobKey(guild, "weekly"), TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"guild {guild} has no job");

    [Theory]
    [InlineData(2, 0)]        // within the default 12 h grace: the runner will post it
    [InlineData(50, 0)]       // two days late: the runner will record it as missed
    [InlineData(7 * 24 + 2, 7)] // two slots missed: Quartz reports the first; the job stands for the latest, which is within grace
    public async Task A_restart_after_the_scheduled_time_fires_once_for_the_latest_missed_slot(int hoursDown, int slotDays)
    {
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner))
            await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);

        _time.SetUtcNow(Slot.AddHours(hoursDown));
        await using var restarted = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        _time.Advance(WeeklyJobStore.MisfireThreshold);

        Assert.Equal(new WeeklyRunRequest("g1", Slot.AddDays(slotDays), RunKind.Scheduled), await _runner.NextAsync());
        Assert.Equal(Slot.AddDays(slotDays + 7), await restarted.Schedule.NextRunAsync("g1", TestContext.Current.CancellationToken));
        await AssertNothingElseFiresBeforeABarrierAsync(restarted, _time.GetUtcNow());
    }

    [Fact]
    public async Task A_paused_guild_does_not_fire_and_resuming_does_not_catch_up_the_paused_weeks()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);
        await host.Stores.Weekly.Settings.PauseAsync("g1", "missing permission Send Messages in #papers", new Actor("m1", "mod"), ct);
        await host.Schedule.ApplyAsync("g1", await host.Stores.Weekly.Settings.GetAsync("g1", ct), ct);
        Assert.Null(await host.Schedule.NextRunAsync("g1", ct));

        await AssertNothingElseFiresBeforeABarrierAsync(host, Slot);

        await host.Stores.Weekly.Settings.ResumeAsync("g1", new Actor("m1", "mod"), ct);
        await host.Schedule.ApplyAsync("g1", await host.Stores.Weekly.Settings.GetAsync("g1", ct), ct);
        Assert.Equal(Slot.AddDays(7), await host.Schedule.NextRunAsync("g1", ct));
        await AssertNothingElseFiresBeforeABarrierAsync(host, _time.GetUtcNow().AddMinutes(1));
    }

    [Fact]
    public async Task Settings_removed_delete_the_trigger_and_start_up_drops_guilds_the_store_does_not_know()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner))
        {
            await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);
            await host.Schedule.ApplyAsync("g1", null, ct);
            Assert.Null(await host.Schedule.NextRunAsync("g1", ct));

            // A trigger left behind by settings the store no longer has (deleted by hand, or a restored backup).
            await host.Schedule.ApplyAsync("ghost", (await host.SetUpAsync("g2", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin)) with { Guild = "ghost" }, ct);
            Assert.NotNull(await host.Schedule.NextRunAsync("ghost", ct));
        }

        await using var restarted = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        Assert.Null(await restarted.Schedule.NextRunAsync("ghost", ct));
        Assert.Equal(Slot, await restarted.Schedule.NextRunAsync("g2", ct));
    }

    [Fact]
    public async Task Quartz_tables_beside_ours_keep_db_check_healthy_and_the_file_in_wal_mode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var host = await WeeklyQuartzHost.StartAsync(_folder, _time, _runner);
        await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);

        var report = await host.Stores.Maintenance.CheckAsync(ct);

        Assert.Empty(report.Findings);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder, "dltbot.db")}");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE 'QRTZ%'), (SELECT journal_mode FROM pragma_journal_mode)";
        await using var reader = await command.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        Assert.True(reader.GetInt64(0) >= 11, $"only {reader.GetInt64(0)} QRTZ_ tables");
        Assert.Equal("wal", reader.GetString(1));
    }
}
