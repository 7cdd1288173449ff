using DltBot.Storage.Sql;

namespace DltBot.Storage.Tests;

/// <summary>Start-up work on a shared PostgreSQL database: of two processes, the one that takes the lock does it.</summary>
public sealed class StartupLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Of_two_instances_one_takes_the_lock_the_other_is_refused_at_once_and_gets_it_after_release()
    {
        await using var db = await PostgresTestDatabase.CreateFreshAsync();
        var first = Stores.Postgres(new PostgresStoreOptions(db.ConnectionString), TimeProvider.System).StartupLocks;
        var second = Stores.Postgres(new PostgresStoreOptions(db.ConnectionString), TimeProvider.System).StartupLocks;

        var held = await first.TryAcquireAsync("register-commands", Ct);
        Assert.NotNull(held);
        Assert.Null(await second.TryAcquireAsync("register-commands", Ct));
        // Another name is another lock.
        await using (var other = await second.TryAcquireAsync("something-else", Ct)) Assert.NotNull(other);

        await held.DisposeAsync();
        await using var after = await second.TryAcquireAsync("register-commands", Ct);
        Assert.NotNull(after);
    }

    [Fact]
    public async Task On_sqlite_the_lock_is_always_granted_since_the_data_directory_lock_keeps_one_process()
    {
        var folder = Directory.CreateTempSubdirectory("dltbot-locks-").FullName;
        try
        {
            var locks = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(folder, "dltbot.db")), TimeProvider.System).StartupLocks;
            await using var a = await locks.TryAcquireAsync("register-commands", Ct);
            await using var b = await locks.TryAcquireAsync("register-commands", Ct);
            Assert.NotNull(a);
            Assert.NotNull(b);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Named_lock_keys_never_equal_the_stores_own_write_and_migration_locks()
    {
        foreach (var name in new[] { "register-commands", "", "x", "migrations" })
        {
            var key = PostgresStartupLocks.KeyOf(name);
            Assert.NotEqual(PostgresProvider.WriteLockKey, key);
            Assert.NotEqual(PostgresProvider.MigrationLockKey, key);
        }
    }
}
