namespace DltBot.Storage.Tests;

public sealed class BackupTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDatabase _db = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_backup_taken_while_another_connection_writes_is_a_whole_database()
    {
        var writerStores = _db.Open(TimeSpan.FromSeconds(30));
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

        var maintenance = _db.Open(TimeSpan.FromSeconds(30)).Maintenance;
        var copies = new List<(string Path, int Entries)>();
        for (var n = 0; n < 3; n++)
        {
            var result = await maintenance.BackupAsync(Path.Combine(_db.Folder, $"backup-{n}.db"), Ct);
            copies.Add((result.Path, 0));
            Assert.True(result.Bytes > 0);
        }
        await writer;

        foreach (var (path, _) in copies)
        {
            var copy = _db.OpenAt(path);
            var report = await copy.Maintenance.CheckAsync(Ct);
            Assert.True(report.Healthy, string.Join("\n", report.Findings));
            var count = (await copy.Entries.GetOverlayAsync("g", Ct)).Count;
            Assert.InRange(count, 21, 400);
            output.WriteLine($"{Path.GetFileName(path)}: {count} of 400 entries, check passed");
        }
        Assert.False(File.Exists(copies[0].Path + ".partial"));
    }

    [Fact]
    public async Task A_backup_over_an_existing_file_replaces_it()
    {
        var stores = _db.Open();
        await stores.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        var target = Path.Combine(_db.Folder, "backup.db");
        await File.WriteAllTextAsync(target, "old", Ct);

        await stores.Maintenance.BackupAsync(target, Ct);

        Assert.Single(await _db.OpenAt(target).Entries.GetOverlayAsync("g", Ct));
    }
}
