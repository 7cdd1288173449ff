using System.Data.Common;

namespace DltBot.Storage.Sql;

/// <summary>
/// Everything that differs between database engines, in one place; the stores and migrations use portable SQL
/// (<c>INSERT … RETURNING</c>, <c>ON CONFLICT DO NOTHING</c>, <c>COALESCE</c>, text and integer columns) otherwise.
/// A PostgreSQL provider would use <c>BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY</c>, <c>information_schema.tables</c>,
/// an advisory lock around migrations, <c>pg_dump</c> for backup and <c>amcheck</c> for the integrity check.
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

    /// <summary>The engine's own integrity findings; empty when it finds nothing wrong.</summary>
    Task<IReadOnlyList<string>> CheckIntegrityAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Copies the database, consistent as of one moment, to a new file.</summary>
    Task BackupAsync(DbConnection connection, string path, CancellationToken ct);

    /// <summary>The engine's error as a <see cref="StoreUnavailableException"/>, or null when it is not an engine error.</summary>
    StoreUnavailableException? Translate(Exception failure, string doing);
}
