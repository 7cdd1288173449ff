using DltBot.Storage.Sql;

namespace DltBot.Storage.Tests;

public abstract class BackupTests(StoreEngine engine) : StoreTest(engine)
{
    /// <summary>Stores over the backup at <paramref name="path"/>: the file itself (SQLite), or a database restored from it.</summary>
    private protected abstract Task<Stores> OpenBackupAsync(string path);

    [Fact]
    public async Task A_backup_taken_while_another_connection_writes_is_a_whole_database()
    {
        var writerStores = Db.Open(TimeSpan.FromSeconds(30));
        await writerStores.Maintenance.MigrateAsync(Ct);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 400; i++)
            {
                await writerStores.Entries.AddAsync("g", $"e{i}", Sample.Fields(title: $"t{i}"), Sample.Alice, null, Ct);
                if (i == 20) started.SetResult();
            }
        }, Ct);
        await started.Task;

        var maintenance = Db.Open(TimeSpan.FromSeconds(30)).Maintenance;
        var copies = new List<(string Path, int Entries)>();
        for (var n = 0; n < 3; n++)
        {
            var result = await maintenance.BackupAsync(Path.Combine(Db.Folder, $"backup-{n}.db"), Ct);
            copies.Add((result.Path, 0));
            Assert.True(result.Bytes > 0);
        }
        await writer;

        foreach (var (path, _) in copies)
        {
            var copy = await OpenBackupAsync(path);
            var report = await copy.Maintenance.CheckAsync(Ct);
            Assert.True(report.Healthy, string.Join("\n", report.Findings));
            var count = (await copy.Entries.GetOverlayAsync("g", Ct)).Count;
            Assert.InRange(count, 21, 400);
            Log($"{Path.GetFileName(path)}: {count} of 400 entries, check passed");
        }
        Assert.False(File.Exists(copies[0].Path + ".partial"));
    }

    [Fact]
    public async Task A_backup_over_an_existing_file_replaces_it()
    {
        var stores = Db.Open();
        await stores.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        var target = Path.Combine(Db.Folder, "backup.db");
        await File.WriteAllTextAsync(target, "old", Ct);

        await stores.Maintenance.BackupAsync(target, Ct);

        Assert.Single(await (await OpenBackupAsync(target)).Entries.GetOverlayAsync("g", Ct));
    }

    public sealed class Sqlite() : BackupTests(StoreEngine.Sqlite)
    {
        private protected override Task<Stores> OpenBackupAsync(string path) => Task.FromResult(((TempDatabase)Db).OpenAt(path));
    }

    public sealed class Postgres() : BackupTests(StoreEngine.Postgres)
    {
        private protected override Task<Stores> OpenBackupAsync(string path) => ((PostgresTestDatabase)Db).RestoreAsync(path);

        [Fact]
        public async Task Without_pg_dump_the_backup_is_refused_with_a_line_that_says_what_is_missing()
        {
            var missing = Path.Combine(Db.Folder, "no-such-pg_dump");
            var stores = Stores.Postgres(new PostgresStoreOptions(((PostgresTestDatabase)Db).ConnectionString, PgDump: missing), Db.Time);
            var target = Path.Combine(Db.Folder, "backup.dump");

            var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => stores.Maintenance.BackupAsync(target, Ct));

            Assert.Contains($"runs pg_dump, and the configured {missing} does not exist", error.Message);
            Assert.Contains("postgresql-client", error.Message);
            Assert.False(File.Exists(target));
        }
    }
}
