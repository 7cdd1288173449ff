using System.Data.Common;
using Dapper;
using DltBot.Storage.Sql;

namespace DltBot.Storage.Migrations;

/// <summary>
/// Applies <see cref="SchemaMigrations"/> in order, each in its own transaction together with its row in
/// <c>schema_migrations</c>, so a crash leaves a version fully applied or not at all.
/// </summary>
internal sealed class Migrator(IStoreProvider provider, TimeProvider time, IReadOnlyList<Migration> migrations)
{
    private const string JournalSql = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_utc TEXT NOT NULL
        )
        """;

    public int Latest => migrations.Count == 0 ? 0 : migrations[^1].Version;

    /// <summary>The schema version of the database; 0 when it has none yet.</summary>
    public async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        var hasJournal = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(provider.TableExistsSql, new { name = "schema_migrations" }, tx, cancellationToken: ct));
        if (hasJournal == 0) return 0;
        return (int)await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", transaction: tx, cancellationToken: ct));
    }

    public async Task<MigrationResult> MigrateAsync(DbConnection connection, CancellationToken ct)
    {
        var from = await CurrentVersionAsync(connection, null, ct);
        RefuseNewer(from);
        if (from == Latest) return new MigrationResult(from, from, []);

        await using var migrating = await provider.LockMigrationsAsync(connection, ct);
        // Another process may have migrated while this one waited for the lock: report what this one did.
        from = await CurrentVersionAsync(connection, null, ct);
        RefuseNewer(from);
        var applied = new List<string>();
        foreach (var migration in migrations.Where(m => m.Version > from))
        {
            await using var tx = await provider.BeginWriteAsync(connection, ct);
            // Another process may have migrated while this one waited for the write lock.
            var current = await CurrentVersionAsync(connection, tx, ct);
            RefuseNewer(current);
            if (current >= migration.Version) continue;
            await connection.ExecuteAsync(new CommandDefinition(JournalSql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(migration.Sql(provider), transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_utc) VALUES (@version, @name, @at)",
                new { version = migration.Version, name = migration.Name, at = StoredTime.Format(time.GetUtcNow()) }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            applied.Add($"{migration.Version}: {migration.Name}");
        }
        return new MigrationResult(from, await CurrentVersionAsync(connection, null, ct), applied);
    }

    /// <summary>Refuses a database a newer build migrated: this build would not know what its tables mean.</summary>
    public void RefuseNewer(int found)
    {
        if (found > Latest) throw new DatabaseTooNewException(provider.Describe, found, Latest);
    }
}
