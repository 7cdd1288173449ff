using System.Data.Common;
using DltBot.Storage.Sql;
using Npgsql;

namespace DltBot.Storage.Tests;

/// <summary>A write that loses a race PostgreSQL reports as retryable (40001, 40P01) is rolled back and run again.</summary>
public sealed class PostgresRetryTests() : StoreTest(StoreEngine.Postgres)
{
    [Fact]
    public async Task A_write_that_lost_a_serialization_race_is_run_again_and_lands_once()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        var provider = new ConflictingProvider(Db.Provider(), failures: StoreDatabase.WriteAttempts - 1);

        var outcome = await Stores.Create(provider, Db.Time).Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        Assert.IsType<ChangeOutcome.Applied>(outcome);
        Assert.Equal(StoreDatabase.WriteAttempts, provider.Attempts);
        Assert.Equal(1, (await Db.Open().Entries.HistoryAsync("g", new(), 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task A_write_that_keeps_losing_is_unavailable_and_writes_nothing()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        var provider = new ConflictingProvider(Db.Provider(), failures: StoreDatabase.WriteAttempts);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            Stores.Create(provider, Db.Time).Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct));

        Assert.Contains("kept conflicting with other writers", error.Message);
        Assert.Contains("adding a for guild g", error.Message);
        Assert.Equal(StoreDatabase.WriteAttempts, provider.Attempts);
        Assert.Empty(await Db.Open().Entries.GetOverlayAsync("g", Ct));
    }

    /// <summary>The real provider, whose first <c>failures</c> write transactions fail as PostgreSQL's serialization failure.</summary>
    private sealed class ConflictingProvider(IStoreProvider inner, int failures) : IStoreProvider
    {
        public int Attempts { get; private set; }

        public string Describe => inner.Describe;
        public string IdentityPrimaryKey => inner.IdentityPrimaryKey;
        public string TableExistsSql => inner.TableExistsSql;
        public Task<DbConnection> OpenAsync(CancellationToken ct) => inner.OpenAsync(ct);

        public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
        {
            var tx = await inner.BeginWriteAsync(connection, ct);
            if (++Attempts > failures) return tx;
            await tx.DisposeAsync();
            throw new PostgresException("could not serialize access due to concurrent update", "ERROR", "ERROR", "40001");
        }

        public Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct) => inner.LockMigrationsAsync(connection, ct);
        public bool IsTransient(Exception failure) => inner.IsTransient(failure);
        public Task<IReadOnlyList<string>> CheckIntegrityAsync(DbConnection connection, CancellationToken ct) => inner.CheckIntegrityAsync(connection, ct);
        public Task BackupAsync(DbConnection connection, string path, CancellationToken ct) => inner.BackupAsync(connection, path, ct);
        public StoreUnavailableException? Translate(Exception failure, string doing) => inner.Translate(failure, doing);
    }
}
