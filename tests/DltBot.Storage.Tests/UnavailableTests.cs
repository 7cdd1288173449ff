using Dapper;

namespace DltBot.Storage.Tests;

/// <summary>Every way the database can be out of reach ends as one StoreUnavailableException with a clear line.</summary>
public sealed class UnavailableTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_database_locked_by_another_writer_is_unavailable_not_a_crash()
    {
        await _db.Open().Maintenance.MigrateAsync(Ct);
        using var holder = _db.Raw();
        using var tx = holder.BeginTransaction(deferred: false); // holds the write lock
        holder.Execute("INSERT INTO guild_curator_roles VALUES ('g', 'r', 'x', '2026-01-01T00:00:00.0000000Z')", transaction: tx);

        var stores = _db.Open(TimeSpan.FromMilliseconds(100));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => stores.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct));

        Assert.Contains("locked", error.Message);
        Assert.Contains(_db.Path_, error.Message);
        Assert.Empty(await stores.Entries.GetOverlayAsync("g", Ct)); // reads go on beside the writer (WAL)
    }

    [Fact]
    public async Task A_read_only_database_reads_but_refuses_writes()
    {
        await _db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var readOnly = _db.Open(readOnly: true);
        Assert.Single(await readOnly.Entries.GetOverlayAsync("g", Ct));
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => readOnly.Entries.AddAsync("g", "b", Sample.Fields(), Sample.Alice, null, Ct));

        Assert.Contains("read-only", error.Message);
    }

    [Fact]
    public async Task A_path_that_cannot_be_opened_is_unavailable()
    {
        Directory.CreateDirectory(_db.Path_); // a folder where the file should be

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => _db.Open().Maintenance.MigrateAsync(Ct));

        Assert.Contains("cannot be opened", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_unavailable_and_says_to_restore()
    {
        await File.WriteAllTextAsync(_db.Path_, new string('x', 8192), Ct);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => _db.Open().Entries.GetOverlayAsync("g", Ct));

        Assert.Contains("not a database", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
