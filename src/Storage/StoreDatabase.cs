using System.Data.Common;
using DltBot.Storage.Migrations;
using DltBot.Storage.Sql;

namespace DltBot.Storage;

/// <summary>
/// Opens connections, makes sure the schema is this build's before the first use, and turns every engine error into
/// one <see cref="StoreUnavailableException"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim holds no OS handle until its WaitHandle is read, which this never does; the database object lives as long as the process.")]
internal sealed class StoreDatabase(IStoreProvider provider, TimeProvider time, IReadOnlyList<Migration> migrations)
{
    private readonly SemaphoreSlim _readyLock = new(1, 1);
    private volatile bool _ready;

    public IStoreProvider Provider => provider;
    public TimeProvider Time => time;
    public Migrator Migrator { get; } = new(provider, time, migrations);

    /// <summary>Runs <paramref name="work"/> on an open connection of a migrated database.</summary>
    public Task<T> ReadAsync<T>(string doing, Func<DbConnection, Task<T>> work, CancellationToken ct) =>
        RunAsync(doing, async connection =>
        {
            await EnsureReadyAsync(connection, ct);
            return await work(connection);
        }, () => true, ct);

    /// <summary>Runs <paramref name="work"/> in one write transaction, committed when <paramref name="commit"/> says so.</summary>
    /// <remarks>
    /// A write that lost a race the engine reports as retryable (PostgreSQL's serialization failure or deadlock) is
    /// rolled back and run again, up to <see cref="WriteAttempts"/> times in all.
    /// </remarks>
    public Task<T> WriteAsync<T>(string doing, Func<DbConnection, DbTransaction, Task<T>> work, Func<T, bool> commit, CancellationToken ct)
    {
        // A connection lost during the commit leaves its outcome unknown: that write is never run again.
        var committing = false;
        return RunAsync(doing, async connection =>
        {
            committing = false;
            await EnsureReadyAsync(connection, ct);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var tx = await provider.BeginWriteAsync(connection, ct);
                    var result = await work(connection, tx);
                    committing = true;
                    if (commit(result)) await tx.CommitAsync(ct);
                    else await tx.RollbackAsync(ct);
                    return result;
                }
                catch (Exception e) when (attempt < WriteAttempts && provider.IsTransient(e))
                {
                    // The transaction is rolled back by its disposal; the work reads afresh on the next attempt.
                    committing = false;
                }
            }
        }, () => !committing, ct);
    }

    public const int WriteAttempts = 3;

    /// <summary>Runs <paramref name="work"/> on an open connection, without the schema check (migrate itself, check).</summary>
    public Task<T> RunAsync<T>(string doing, Func<DbConnection, Task<T>> work, CancellationToken ct) => RunAsync(doing, work, () => false, ct);

    /// <summary>
    /// As <see cref="RunAsync{T}(string, Func{DbConnection, Task{T}}, CancellationToken)"/>; when the connection turns
    /// out to be dead (a pooled one whose session a server restart ended) and <paramref name="safeToRepeat"/> says
    /// nothing of the work can have taken effect, the idle pool is dropped and the work runs once more on a fresh one.
    /// </summary>
    private async Task<T> RunAsync<T>(string doing, Func<DbConnection, Task<T>> work, Func<bool> safeToRepeat, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await provider.OpenAsync(ct);
                return await work(connection);
            }
            catch (Exception e) when (attempt == 1 && e is not OperationCanceledException && provider.IsConnectionLost(e) && safeToRepeat())
            {
                provider.DiscardIdleConnections();
            }
            catch (Exception e) when (e is not OperationCanceledException && provider.Translate(e, doing) is { } unavailable)
            {
                if (ReferenceEquals(unavailable, e)) throw;
                throw unavailable;
            }
        }
    }

    public void MarkReady() => _ready = true;

    /// <summary>Migrates once per process (the start-up migration); a newer database is refused every time.</summary>
    private async Task EnsureReadyAsync(DbConnection connection, CancellationToken ct)
    {
        if (_ready) return;
        await _readyLock.WaitAsync(ct);
        try
        {
            if (_ready) return;
            await Migrator.MigrateAsync(connection, ct);
            _ready = true;
        }
        finally
        {
            _readyLock.Release();
        }
    }
}
