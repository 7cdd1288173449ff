using Dapper;
using DltBot.Bot.Tests.Interactions;
using DltBot.Bot.Weekly;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Quartz;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// How SQLite plans Quartz's batched look-ups in the bot's database once the host has started the scheduler: by key, not
/// by walking every trigger of the scheduler (what it did without statistics, a cost that grew with the number of guilds).
/// </summary>
public sealed class SqliteSchedulerStatisticsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dltbot-quartz-stats-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Database => Path.Combine(_folder, "dltbot.db");

    // The statements Quartz 4.7.3 runs for every batch of triggers it fires (StdAdoConstants' key-set prefixes and
    // AdoUtil's predicate), here with three keys.
    private const string TriggersByKeys = """
        SELECT t.JOB_NAME, t.NEXT_FIRE_TIME, ct.CRON_EXPRESSION, st.REPEAT_COUNT
        FROM QRTZ_TRIGGERS t
        LEFT JOIN QRTZ_SIMPLE_TRIGGERS st ON (st.SCHED_NAME = t.SCHED_NAME AND st.TRIGGER_GROUP = t.TRIGGER_GROUP AND st.TRIGGER_NAME = t.TRIGGER_NAME)
        LEFT JOIN QRTZ_CRON_TRIGGERS ct ON (ct.SCHED_NAME = t.SCHED_NAME AND ct.TRIGGER_GROUP = t.TRIGGER_GROUP AND ct.TRIGGER_NAME = t.TRIGGER_NAME)
        WHERE t.SCHED_NAME = @schedulerName AND ((t.TRIGGER_NAME = @tkn000 AND t.TRIGGER_GROUP = @tkg000)
            OR (t.TRIGGER_NAME = @tkn001 AND t.TRIGGER_GROUP = @tkg001) OR (t.TRIGGER_NAME = @tkn002 AND t.TRIGGER_GROUP = @tkg002))
        """;

    private const string JobsByKeys = """
        SELECT JOB_NAME, JOB_CLASS_NAME, JOB_DATA FROM QRTZ_JOB_DETAILS
        WHERE SCHED_NAME = @schedulerName AND ((JOB_NAME = @jkn000 AND JOB_GROUP = @jkg000)
            OR (JOB_NAME = @jkn001 AND JOB_GROUP = @jkg001) OR (JOB_NAME = @jkn002 AND JOB_GROUP = @jkg002))
        """;

    [Theory]
    [InlineData(TriggersByKeys)]
    [InlineData(JobsByKeys)]
    public async Task Quartzs_key_set_lookups_seek_each_key_instead_of_walking_the_scheduler(string lookup)
    {
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, _time, new RecordingRunner()))
            await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), "UTC");

        var plan = await PlanAsync(lookup);

        Assert.Contains(plan, step => step.StartsWith("MULTI-INDEX OR", StringComparison.Ordinal));
        // The plan it made without statistics: one index range over the scheduler name alone, every row of it read.
        Assert.DoesNotContain(plan, step => step.EndsWith("(SCHED_NAME=?)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TriggersByKeys)]
    [InlineData(JobsByKeys)]
    public async Task The_connections_Quartz_holds_plan_with_the_figures_too(string lookup)
    {
        // A connection reads statistics when it loads the schema. The one that created Quartz's tables had its schema
        // from its own CREATE INDEX, without them, and went back to Quartz's pool: it planned the walk for good.
        await using var host = await WeeklyQuartzHost.StartAsync(_folder, _time, new RecordingRunner());
        await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), "UTC");

        await using var pooled = await QuartzPoolConnections.TakeAsync(Database);
        foreach (var connection in pooled.All)
        {
            // A statement that reads the file sees a changed schema version and reloads; EXPLAIN alone does not.
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM QRTZ_TRIGGERS");
            var plan = await PlanAsync(connection, lookup);
            Assert.Contains(plan, step => step.StartsWith("MULTI-INDEX OR", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Every_index_given_figures_is_in_Quartzs_schema_and_a_restart_writes_them_once()
    {
        await using (await WeeklyQuartzHost.StartAsync(_folder, _time, new RecordingRunner())) { }
        await using (await WeeklyQuartzHost.StartAsync(_folder, _time, new RecordingRunner())) { }

        await using var connection = await OpenAsync();
        var indexes = (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'index'")).ToHashSet(StringComparer.Ordinal);
        Assert.All(SqliteSchedulerStatistics.Figures, f => Assert.Contains(f.Index, indexes));
        var rows = (await connection.QueryAsync<(string Idx, string Stat)>("SELECT idx, stat FROM sqlite_stat1 WHERE tbl LIKE 'QRTZ%'")).ToList();
        Assert.Equal(SqliteSchedulerStatistics.Figures.Select(f => (f.Index, f.Stat)).Order(), rows.Order());
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_logged_and_the_start_goes_on()
    {
        // The data directory's place is taken by a file: nothing can be created under it.
        var blocked = Path.Combine(_folder, "blocked");
        await File.WriteAllTextAsync(blocked, "", TestContext.Current.CancellationToken);
        var path = Path.Combine(blocked, "dltbot.db");
        var logger = new ListLogger<SqliteSchedulerStatistics>();

        await new SqliteSchedulerStatistics(new WeeklyJobStoreTarget("s", path, null), Schedulers(), logger).StartAsync(TestContext.Current.CancellationToken);

        var line = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(path, line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_not_made_yet_is_made()
    {
        var path = Path.Combine(_folder, "data", "dltbot.db");
        var logger = new ListLogger<SqliteSchedulerStatistics>();

        await new SqliteSchedulerStatistics(new WeeklyJobStoreTarget("s", path, null), Schedulers(), logger).StartAsync(TestContext.Current.CancellationToken);

        Assert.Empty(logger.Lines);
        Assert.True(File.Exists(path));
    }

    private static ISchedulerFactory Schedulers()
    {
        var factory = new Mock<ISchedulerFactory>();
        factory.Setup(f => f.GetScheduler(It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<IScheduler>());
        return factory.Object;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    private async Task<IReadOnlyList<string>> PlanAsync(string sql)
    {
        await using var connection = await OpenAsync();
        return await PlanAsync(connection, sql);
    }

    private static async Task<IReadOnlyList<string>> PlanAsync(SqliteConnection connection, string sql)
    {
        var parameters = new DynamicParameters(new { schedulerName = "s" });
        for (var i = 0; i < 3; i++)
        {
            parameters.Add($"tkn{i:000}", "g" + i);
            parameters.Add($"tkg{i:000}", "weekly");
            parameters.Add($"jkn{i:000}", "g" + i);
            parameters.Add($"jkg{i:000}", "weekly");
        }
        var rows = await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters);
        return rows.Select(r => r.Detail).ToList();
    }
}
