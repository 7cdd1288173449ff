using System.Data.Common;
using Dapper;
using DltBot.Catalog.Curation;
using DltBot.Storage.Migrations;
using DltBot.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Storage.Tests;

/// <summary>The engines the store's suite runs on.</summary>
public enum StoreEngine { Sqlite, Postgres }

/// <summary>
/// A fresh, empty database of one engine for one test, with a temp folder beside it (backups), removed afterwards.
/// </summary>
internal abstract class TestDatabase : IAsyncDisposable
{
    protected TestDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "dltbot-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public static async Task<TestDatabase> CreateAsync(StoreEngine engine) => engine switch
    {
        StoreEngine.Sqlite => new TempDatabase(),
        StoreEngine.Postgres => await PostgresTestDatabase.CreateFreshAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, null),
    };

    public string Folder { get; }
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>What the store's messages call the database (a path, or a database name).</summary>
    public abstract string Name { get; }

    /// <param name="lockTimeout">How long a writer waits for another (SQLite's busy timeout, PostgreSQL's lock timeout).</param>
    /// <param name="readOnly">A connection that may read but not write.</param>
    public abstract IStoreProvider Provider(TimeSpan? lockTimeout = null, bool readOnly = false);

    public Stores Open(TimeSpan? lockTimeout = null, bool readOnly = false) => Stores.Create(Provider(lockTimeout, readOnly), Time);

    /// <summary>Stores that know only <paramref name="migrations"/> (an older or a newer build).</summary>
    public Stores OpenWith(IReadOnlyList<Migration> migrations) => Stores.Create(Provider(), Time, migrations);

    /// <summary>A plain connection beside the store's, for looking at or tampering with the tables.</summary>
    public abstract DbConnection Raw();

    /// <summary>The names of the tables the database has.</summary>
    public abstract Task<ISet<string>> TablesAsync();

    /// <summary>Another writer in the middle of a transaction, holding the write lock until disposed.</summary>
    public abstract Task<IAsyncDisposable> HoldWriteLockAsync();

    public virtual ValueTask DisposeAsync()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { } // a child process may still be letting go of a file; the temp folder is cleaned anyway
        return ValueTask.CompletedTask;
    }

    /// <summary>Disposes a transaction, then its connection.</summary>
    protected sealed class Holder(DbConnection connection, DbTransaction tx) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await tx.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A real SQLite file in a folder of its own.</summary>
internal sealed class TempDatabase : TestDatabase
{
    public TempDatabase() => Path_ = Path.Combine(Folder, "dltbot.db");

    public string Path_ { get; }

    public override string Name => Path_;

    public override IStoreProvider Provider(TimeSpan? lockTimeout = null, bool readOnly = false) =>
        new SqliteProvider(new SqliteStoreOptions(Path_, lockTimeout, readOnly));

    public Stores OpenAt(string path) => Stores.Sqlite(new SqliteStoreOptions(path), Time);

    public override DbConnection Raw() => RawSqlite();

    public SqliteConnection RawSqlite()
    {
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path_, Pooling = false }.ToString());
        c.Open();
        return c;
    }

    public override async Task<ISet<string>> TablesAsync()
    {
        await using var raw = Raw();
        return (await raw.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet();
    }

    public override Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var holder = RawSqlite();
        var tx = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, now
        return Task.FromResult<IAsyncDisposable>(new Holder(holder, tx));
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}

internal static class Sample
{
    public static readonly Actor Alice = new("111", "Alice");
    public static readonly Actor Bob = new("222", "Bob");

    public static EntryFields Fields(string title = "Grokking", string? url = "https://arxiv.org/abs/2201.02177",
        string topic = "generalization", int? year = 2022, string note = "note") => new(title, url, topic, year, note);
}
