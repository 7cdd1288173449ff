using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace DltBot.Storage.Sql;

/// <summary>Where the SQLite database is and how long a writer waits for another.</summary>
/// <param name="ReadOnly">Open without write access (inspection of a copy); writes then fail as unavailable.</param>
public sealed record SqliteStoreOptions(string Path, TimeSpan? BusyTimeout = null, bool ReadOnly = false)
{
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);
}

/// <summary>SQLite in WAL mode with foreign keys on and a busy timeout.</summary>
public sealed class SqliteProvider : IStoreProvider
{
    // SQLite's primary result codes (https://sqlite.org/rescode.html).
    private const int Busy = 5, Locked = 6, NoMemory = 7, ReadOnly = 8, IoError = 10, Corrupt = 11, Full = 13,
        CantOpen = 14, Protocol = 15, NotADatabase = 26;

    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;
    private readonly TimeSpan _busyTimeout;
    private readonly SqliteHandleSetup _handleSetup;
    private volatile bool _folderMade;

    public SqliteProvider(SqliteStoreOptions options)
    {
        _options = options;
        _busyTimeout = options.BusyTimeout ?? SqliteStoreOptions.DefaultBusyTimeout;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.Path,
            Mode = options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            ForeignKeys = true,
            // Pooled: closing the last connection to a WAL file checkpoints and syncs it, which would cost every change.
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for the command timeout on top of busy_timeout.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_busyTimeout.TotalSeconds)),
        }.ToString();
        // Settings of the SQLite handle that no Microsoft.Data.Sqlite keyword sets: run once per pooled handle (OpenAsync).
        var handleSetup = $"PRAGMA busy_timeout = {(int)_busyTimeout.TotalMilliseconds};";
        // WAL lets readers go on while one writer commits; it is recorded in the file, so this only matters the first time.
        // FULL sync, an fsync per commit, keeps a committed change through power loss too, not only through a crash of
        // the process: NORMAL in WAL could lose the last commits, and a lost weekly claim whose post had been sent
        // would post again after the machine comes back, later than Discord's nonce remembers (minutes). Quartz's own
        // tables in this file need no such care (a trigger fired again is stopped by the claim), and their connections
        // sync at checkpoints only; each sync here costs a weekly run about 75 µs of CPU on a VM, paid for that reason.
        if (!options.ReadOnly) handleSetup += " PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
        _handleSetup = new SqliteHandleSetup(handleSetup);
    }

    public string Path => _options.Path;

    public string Describe => $"SQLite database {_options.Path}";

    public string IdentityPrimaryKey => "INTEGER PRIMARY KEY AUTOINCREMENT";

    public string TableExistsSql => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (!_folderMade && !_options.ReadOnly)
        {
            if (System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_options.Path)) is { } folder) Directory.CreateDirectory(folder);
            _folderMade = true;
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Foreign keys come from the connection string; the rest are settings of the SQLite handle, which the pool
            // keeps open between uses: set once per handle, so a pooled open costs no statement (it was 4 PRAGMAs).
            _handleSetup.EnsureOn(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct) =>
        // deferred: false is BEGIN IMMEDIATE: the write lock is taken now, not at the first write after a read,
        // which in WAL mode would fail at once with SQLITE_BUSY_SNAPSHOT instead of waiting.
        await Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    /// <summary>
    /// Nothing beyond the write lock: each migration runs under BEGIN IMMEDIATE and re-reads the version, and one
    /// process owns the data directory anyway.
    /// </summary>
    public Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <summary>A busy database is waited for (busy timeout), not retried.</summary>
    public bool IsTransient(Exception failure) => false;

    public async Task<IReadOnlyList<string>> CheckIntegrityAsync(DbConnection connection, CancellationToken ct)
    {
        var findings = new List<string>();
        var integrity = await connection.QueryAsync<string>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: ct));
        findings.AddRange(integrity.Where(line => line != "ok").Select(line => $"integrity: {line}"));
        var foreignKeys = await connection.QueryAsync<ForeignKeyProblem>(new CommandDefinition("PRAGMA foreign_key_check", cancellationToken: ct));
        findings.AddRange(foreignKeys.Select(p => $"foreign key: {p.Table} row {p.RowId} points at a missing {p.Parent} row"));
        return findings;
    }

    public Task BackupAsync(DbConnection connection, string path, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        destination.Open();
        // The online backup API copies every page in one step under a read lock: one consistent moment, while other
        // connections keep writing to the WAL.
        ((SqliteConnection)connection).BackupDatabase(destination);
        return Task.CompletedTask;
    }

    public StoreUnavailableException? Translate(Exception failure, string doing)
    {
        var what = $"{Describe} {doing}";
        return failure switch
        {
            StoreUnavailableException known => known,
            SqliteException e => (e.SqliteErrorCode & 0xFF) switch
            {
                Busy or Locked => new StoreUnavailableException($"{what}: the database is locked by another process (waited {_busyTimeout.TotalSeconds:0.#} s).", e),
                ReadOnly => new StoreUnavailableException($"{what}: the database is read-only.", e),
                Full => new StoreUnavailableException($"{what}: the disk is full.", e),
                CantOpen => new StoreUnavailableException($"{what}: the file cannot be opened (missing folder, permissions, or not a file).", e),
                Corrupt or NotADatabase => new StoreUnavailableException($"{what}: the file is damaged or not a database; restore a backup.", e),
                IoError or Protocol => new StoreUnavailableException($"{what}: disk I/O failure ({e.Message}).", e),
                NoMemory => new StoreUnavailableException($"{what}: out of memory.", e),
                _ => new StoreUnavailableException($"{what}: {e.Message}", e),
            },
            IOException or UnauthorizedAccessException => new StoreUnavailableException($"{what}: {failure.Message}", failure),
            _ => null,
        };
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class ForeignKeyProblem
    {
        public string Table { get; set; } = "";
        public long? RowId { get; set; }
        public string Parent { get; set; } = "";
    }
}
