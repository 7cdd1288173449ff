using DltBot.Storage.Migrations;
using DltBot.Storage.Sql;

namespace DltBot.Storage;

/// <summary>The store's faces over one database; register each as a singleton.</summary>
/// <param name="Weekly">The paper of the week's settings, occurrences, queue and suggestions.</param>
public sealed record Stores(IEntryStore Entries, ICuratorRoles CuratorRoles, IDatabaseMaintenance Maintenance, WeeklyStores Weekly)
{
    /// <summary>Changes committed by other processes on this database (silent on SQLite).</summary>
    public ICatalogChangeFeed ChangeFeed { get; init; } = new SilentChangeFeed();

    /// <summary>Start-up work one process of a deploy does (always granted on SQLite, which has one process).</summary>
    public IStartupLocks StartupLocks { get; init; } = new SoleProcessLocks();

    /// <summary>The latest check of every URL the link check visits.</summary>
    public required ILinkChecks LinkChecks { get; init; }

    /// <summary>
    /// Stores over <paramref name="provider"/>. Nothing is opened yet; the first use migrates the schema (or refuses a
    /// newer one), and the host should call <see cref="IDatabaseMaintenance.MigrateAsync"/> at start to fail early.
    /// </summary>
    public static Stores Create(IStoreProvider provider, TimeProvider time) => Create(provider, time, SchemaMigrations.All);

    public static Stores Sqlite(SqliteStoreOptions options, TimeProvider time) => Create(new SqliteProvider(options), time);

    /// <summary>Stores over a PostgreSQL database; several processes may share it (writers queue on an advisory lock).</summary>
    public static Stores Postgres(PostgresStoreOptions options, TimeProvider time)
    {
        var provider = new PostgresProvider(options);
        return Create(provider, time) with { ChangeFeed = new PostgresChangeFeed(provider, time), StartupLocks = new PostgresStartupLocks(provider) };
    }

    internal static Stores Create(IStoreProvider provider, TimeProvider time, IReadOnlyList<Migration> migrations)
    {
        var db = new StoreDatabase(provider, time, migrations);
        var weekly = new WeeklyStores(new WeeklySettingsStore(db), new WeeklyOccurrenceStore(db), new WeeklyQueueStore(db), new WeeklySuggestionStore(db));
        return new Stores(new EntryStore(db), new CuratorRoles(db), new DatabaseMaintenance(db), weekly) { LinkChecks = new LinkCheckStore(db) };
    }
}
