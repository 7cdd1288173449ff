using Dapper;
using DltBot.Bot.Weekly;
using DltBot.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// How the two users of the bot's SQLite file sync it: Quartz's connections at checkpoints only (a lost scheduler commit
/// is a trigger fired or applied again), the store's at every commit (its claims are what stop a second post).
/// </summary>
public sealed class SqliteSchedulerConnectionsTests : IDisposable
{
    private const long Normal = 1, Full = 2;
    private readonly string _folder = Directory.CreateTempSubdirectory("dltbot-quartz-sync-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private string Database => Path.Combine(_folder, "dltbot.db");

    [Fact]
    public async Task A_connection_of_the_factory_syncs_at_checkpoints_each_time_it_comes_from_the_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var open = 0; open < 2; open++)
        {
            await using var connection = SqliteSchedulerConnections.Instance.CreateConnection();
            connection.ConnectionString = WeeklyJobStore.SqliteConnectionString(Database);
            await connection.OpenAsync(ct);
            Assert.Equal(Normal, await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
        }
    }

    [Fact]
    public async Task Quartz_runs_on_connections_that_sync_at_checkpoints_and_the_store_on_ones_that_sync_every_commit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var host = await WeeklyQuartzHost.StartAsync(_folder, new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero)), new RecordingRunner()))
        {
            await host.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), "UTC");

            await using var pooled = await QuartzPoolConnections.TakeAsync(Database);
            var settings = new List<long>();
            foreach (var connection in pooled.All) settings.Add(await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));
            Assert.Contains(Normal, settings);
        }

        await using var store = await new SqliteProvider(new SqliteStoreOptions(Database)).OpenAsync(ct);
        Assert.Equal(Full, await store.ExecuteScalarAsync<long>("PRAGMA synchronous"));
    }
}
