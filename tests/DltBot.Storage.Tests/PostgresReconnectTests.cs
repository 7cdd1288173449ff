using Dapper;
using Npgsql;

namespace DltBot.Storage.Tests;

/// <summary>
/// A server restart ends every session, including the idle ones in the pool; the next read or write must not fail on
/// one of those dead connections (found by the fault suite: the confirmation of a weekly post, the first write after
/// PostgreSQL restarted, failed and left the occurrence claimed for good).
/// </summary>
public sealed class PostgresReconnectTests() : StoreTest(StoreEngine.Postgres)
{
    [Fact]
    public async Task Reads_and_writes_after_the_server_ended_the_pooled_sessions_run_on_fresh_connections()
    {
        var stores = Stores.Create(Db.Provider(), Db.Time);
        await stores.Maintenance.MigrateAsync(Ct);
        Assert.Empty(await stores.Entries.GetOverlayAsync("g", Ct));

        await EndOtherSessionsAsync();
        Assert.IsType<ChangeOutcome.Applied>(await stores.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct));

        await EndOtherSessionsAsync();
        Assert.Single(await stores.Entries.GetOverlayAsync("g", Ct));
    }

    /// <summary>What a fast shutdown does to each session: terminated by the server (57P01), waited for until gone.</summary>
    private async Task EndOtherSessionsAsync()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(((PostgresTestDatabase)Db).ConnectionString) { Pooling = false }.ConnectionString;
        await using var admin = new NpgsqlConnection(connectionString);
        await admin.OpenAsync(Ct);
        var ended = await admin.QueryAsync<bool>(new CommandDefinition(
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
            cancellationToken: Ct));
        Assert.NotEmpty(ended);
        Assert.All(ended, Assert.True);
    }
}
