using DltBot.Storage.Sql;

namespace DltBot.Storage.Tests;

/// <summary>Every way the database can be out of reach ends as one StoreUnavailableException with a clear line.</summary>
public abstract class UnavailableTests(StoreEngine engine) : StoreTest(engine)
{
    [Fact]
    public async Task A_database_locked_by_another_writer_is_unavailable_not_a_crash()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        await using var holder = await Db.HoldWriteLockAsync();

        var stores = Db.Open(TimeSpan.FromMilliseconds(100));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => stores.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct));

        Assert.Contains("locked", error.Message);
        Assert.Contains(Db.Name, error.Message);
        Assert.Empty(await stores.Entries.GetOverlayAsync("g", Ct)); // reads go on beside the writer (WAL; MVCC)
    }

    [Fact]
    public async Task A_read_only_database_reads_but_refuses_writes()
    {
        await Db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var readOnly = Db.Open(readOnly: true);
        Assert.Single(await readOnly.Entries.GetOverlayAsync("g", Ct));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => readOnly.Entries.AddAsync("g", "b", Sample.Fields(), Sample.Alice, null, Ct));

        Assert.Contains("read-only", error.Message);
    }

    public sealed class Sqlite() : UnavailableTests(StoreEngine.Sqlite)
    {
        private string DatabaseFile => ((TempDatabase)Db).Path_;

        [Fact]
        public async Task A_path_that_cannot_be_opened_is_unavailable()
        {
            Directory.CreateDirectory(DatabaseFile); // a folder where the file should be

            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Db.Open().Maintenance.MigrateAsync(Ct));

            Assert.Contains("cannot be opened", error.Message);
        }

        [Fact]
        public async Task A_file_that_is_not_a_database_is_unavailable_and_says_to_restore()
        {
            await File.WriteAllTextAsync(DatabaseFile, new string('x', 8192), Ct);

            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => Db.Open().Entries.GetOverlayAsync("g", Ct));

            Assert.Contains("not a database", error.Message);
            Assert.DoesNotContain('\n', error.Message);
        }
    }

    public sealed class Postgres() : UnavailableTests(StoreEngine.Postgres)
    {
        [Fact]
        public async Task A_database_that_does_not_exist_is_unavailable_and_says_to_create_it()
        {
            var server = await PostgresTestDatabase.ServerAsync();
            server.Database = $"dltbot_missing_{Guid.NewGuid():N}";

            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
                Stores.Postgres(new PostgresStoreOptions(server.ConnectionString), Db.Time).Entries.GetOverlayAsync("g", Ct));

            Assert.Contains("does not exist", error.Message);
            Assert.Contains(server.Database, error.Message);
        }
    }
}
