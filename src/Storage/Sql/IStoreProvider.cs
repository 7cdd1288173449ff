using System.Data.Common;

namespace DltBot.Storage.Sql;

/// <summary>
/// Everything that differs between database engines, in one place; the stores and migrations use portable SQL
/// (<c>INSERT … RETURNING</c>, <c>ON CONFLICT DO NOTHING</c>, <c>COALESCE</c>, text and integer columns) otherwise.
/// Implemented by <see cref="SqliteProvider"/> and <see cref="PostgresProvider"/>.
/// </summary>
public interface IStoreProvider
{
    /// <summary>How messages name the database: <c>SQLite database /data/dltbot.db</c>.</summary>
    string Describe { get; }

    /// <summary>The column type of an auto-numbered primary key (the change log's sequence).</summary>
    string IdentityPrimaryKey { get; }

    /// <summary>A query giving 1 when a table of the name <c>@name</c> exists, else 0.</summary>
    string TableExistsSql { get; }

    /// <summary>An open connection set up for use (journal mode, foreign keys, busy timeout).</summary>
    Task<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>A transaction that takes the write lock at once, so two writers queue instead of failing mid-way.</summary>
    Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct);

    /// <summary>
    /// Held around a whole migration run, so that of several processes starting at once one migrates and the others
    /// wait and then find nothing to do.
    /// </summary>
    Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct);

    /// <summary>True when a write failed only because it raced another and may simply be run again (rolled back first).</summary>
    bool IsTransient(Exception failure);

    /// <summary>
    /// True when <paramref name="failure"/> says the connection itself was gone (the server restarted and ended the
    /// session a pool still held, or the socket broke), not that the work was refused. Such work, when nothing of it can
    /// have committed, is run once more on a fresh connection after <see cref="DiscardIdleConnections"/>.
    /// </summary>
    bool IsConnectionLost(Exception failure) => false;

    /// <summary>Drops the idle pooled connections, which share the fate of one found dead (a server restart ends them all).</summary>
    void DiscardIdleConnections()
    {
    }

    /// <summary>The engine's own integrity findings; empty when it finds nothing wrong.</summary>
    Task<IReadOnlyList<string>> CheckIntegrityAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Copies the database, consistent as of one moment, to a new file.</summary>
    Task BackupAsync(DbConnection connection, string path, CancellationToken ct);

    /// <summary>The engine's error as a <see cref="StoreUnavailableException"/>, or null when it is not an engine error.</summary>
    StoreUnavailableException? Translate(Exception failure, string doing);

    /// <summary>
    /// Tells other processes on the same database that <paramref name="guild"/>'s entries changed, inside the write
    /// transaction so the word goes out only if the change commits. One process on one file (SQLite) has no one to tell.
    /// </summary>
    Task NotifyChangeAsync(DbConnection connection, DbTransaction transaction, string guild, CancellationToken ct) => Task.CompletedTask;
}
