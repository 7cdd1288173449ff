using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace DltBot.Storage.Sql;

/// <summary>Which PostgreSQL database to use and how long a writer waits for another.</summary>
/// <param name="ConnectionString">An Npgsql connection string (<c>Host=…;Port=…;Database=…;Username=…;Password=…</c>).</param>
/// <param name="LockTimeout">How long a write waits for the write lock another writer holds.</param>
/// <param name="PgDump">The <c>pg_dump</c> program for <c>db backup</c>; null looks on PATH and in /usr/lib/postgresql/*/bin.</param>
public sealed record PostgresStoreOptions(string ConnectionString, TimeSpan? LockTimeout = null, string? PgDump = null)
{
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(5);

    /// <summary>What is wrong with <paramref name="connectionString"/> as an Npgsql connection string; null when nothing.</summary>
    public static string? FindProblem(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) return "the PostgreSQL connection string is empty.";
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            return $"the PostgreSQL connection string is not valid: {e.Message.Split(" (Parameter", 2)[0]}";
        }
    }
}

/// <summary>
/// PostgreSQL through Npgsql. Writers take one transaction-scoped advisory lock, so they queue one at a time like
/// SQLite's BEGIN IMMEDIATE: the change log's sequence then grows in commit order, and a read-then-write in a store
/// method sees no other writer in between. Reads take no lock. Migrations run under a session advisory lock.
/// </summary>
public sealed class PostgresProvider : IStoreProvider
{
    // Advisory lock keys, database-wide: "dltbot" in ASCII followed by a number, unlikely to meet another application's.
    internal const long WriteLockKey = 0x646c74626f74_01;
    internal const long MigrationLockKey = 0x646c74626f74_02;

    // SQLSTATE codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
    private const string SerializationFailure = "40001", DeadlockDetected = "40P01", LockNotAvailable = "55P03",
        ReadOnlyTransaction = "25006", DiskFull = "53100", OutOfMemory = "53200", TooManyConnections = "53300",
        AdminShutdown = "57P01", CrashShutdown = "57P02", CannotConnectNow = "57P03", DatabaseMissing = "3D000",
        InvalidPassword = "28P01", InvalidAuthorization = "28000", DataCorrupted = "XX001", IndexCorrupted = "XX002",
        QueryCanceled = "57014";

    private readonly PostgresStoreOptions _options;
    private readonly string _connectionString = "";
    private readonly string? _problem;
    private readonly TimeSpan _lockTimeout;

    /// <summary>
    /// Opens nothing yet. A connection string that is not one (the configuration validator refuses it at start) makes
    /// every use fail as unavailable with what is wrong, never a crash while the services are put together.
    /// </summary>
    public PostgresProvider(PostgresStoreOptions options)
    {
        _options = options;
        _lockTimeout = options.LockTimeout ?? PostgresStoreOptions.DefaultLockTimeout;
        _problem = PostgresStoreOptions.FindProblem(options.ConnectionString);
        if (_problem is not null)
        {
            Describe = "PostgreSQL database";
            return;
        }
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        _connectionString = builder.ConnectionString;
        Describe = $"PostgreSQL database {builder.Database ?? builder.Username ?? "(default)"} on {builder.Host ?? "localhost"}:{builder.Port}";
    }

    /// <summary>Names the database and server, never the password.</summary>
    public string Describe { get; }

    public string IdentityPrimaryKey => "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";

    public string TableExistsSql =>
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name";

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (_problem is not null) throw new StoreUnavailableException($"{Describe}: {_problem}");
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken ct)
    {
        // Read committed: every statement after the lock sees every write committed before it was granted.
        var tx = await ((NpgsqlConnection)connection).BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"SET LOCAL lock_timeout = {Math.Max(1, (long)_lockTimeout.TotalMilliseconds)}; SELECT pg_advisory_xact_lock({WriteLockKey})",
                transaction: tx, cancellationToken: ct));
            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    public async Task<IAsyncDisposable> LockMigrationsAsync(DbConnection connection, CancellationToken ct)
    {
        // Session-level and without a timeout: a second instance waits as long as the first one migrates.
        await connection.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken: ct));
        return new SessionLock(connection, MigrationLockKey);
    }

    /// <summary>The LISTEN/NOTIFY channel a guild's catalog changes are announced on; the payload is the guild.</summary>
    public const string ChangeChannel = "dltbot_catalog_changes";

    /// <summary>
    /// <c>pg_notify</c> in the write transaction: PostgreSQL delivers it at commit, and never for a rolled-back change.
    /// </summary>
    public Task NotifyChangeAsync(DbConnection connection, DbTransaction transaction, string guild, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_notify(@channel, @guild)", new { channel = ChangeChannel, guild }, transaction, cancellationToken: ct));

    /// <summary>The connection string the store uses (the change feed and start-up locks open their own connections with it).</summary>
    internal string ConnectionString => _problem is null ? _connectionString : throw new StoreUnavailableException($"{Describe}: {_problem}");

    public bool IsTransient(Exception failure) =>
        failure is PostgresException { SqlState: SerializationFailure or DeadlockDetected };

    public bool IsConnectionLost(Exception failure) => failure switch
    {
        // The server ended the session: a fast or immediate shutdown (a restart), or a crash of another backend.
        PostgresException { SqlState: AdminShutdown or CrashShutdown } => true,
        PostgresException => false,
        NpgsqlException { InnerException: IOException or SocketException or EndOfStreamException } => true,
        _ => false,
    };

    public void DiscardIdleConnections()
    {
        if (_problem is not null) return;
        using var connection = new NpgsqlConnection(_connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>
    /// Foreign keys and CHECK constraints are enforced by the server on every write, so what is left to find is a
    /// constraint added NOT VALID and never validated, and an index a failed CREATE INDEX CONCURRENTLY left invalid.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckIntegrityAsync(DbConnection connection, CancellationToken ct)
    {
        var constraints = await connection.QueryAsync<(string Table, string Name)>(new CommandDefinition("""
            SELECT conrelid::regclass::text, conname::text FROM pg_constraint
            WHERE NOT convalidated AND connamespace = current_schema()::regnamespace ORDER BY 1, 2
            """, cancellationToken: ct));
        var indexes = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT i.indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE NOT i.indisvalid AND c.relnamespace = current_schema()::regnamespace ORDER BY 1
            """, cancellationToken: ct));
        return constraints.Select(c => $"constraint: {c.Name} on {c.Table} was never validated (ALTER TABLE … VALIDATE CONSTRAINT)")
            .Concat(indexes.Select(i => $"index: {i} is invalid; rebuild it with REINDEX"))
            .ToList();
    }

    /// <summary>
    /// Runs <c>pg_dump --format=custom</c> (restore with <c>pg_restore</c>): one snapshot, so consistent while others
    /// write. Without pg_dump installed the backup is refused with a line saying so, rather than written in a form of
    /// our own that no PostgreSQL tool restores.
    /// </summary>
    public async Task BackupAsync(DbConnection connection, string path, CancellationToken ct)
    {
        var program = FindPgDump() ?? throw new StoreUnavailableException(_options.PgDump is { Length: > 0 } configured
            ? $"{Describe} backing up: db backup on PostgreSQL runs pg_dump, and the configured {configured} does not exist; " +
              "install the PostgreSQL client tools (postgresql-client) or correct Storage:PgDump."
            : $"{Describe} backing up: db backup on PostgreSQL runs pg_dump, which was not found on PATH or in /usr/lib/postgresql/*/bin; " +
              "install the PostgreSQL client tools (postgresql-client) or set Storage:PgDump, or use the server's own backups.");
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--format=custom", "--no-password", $"--file={path}" }) start.ArgumentList.Add(argument);
        // Passed as libpq environment variables, so the password never shows in the process list.
        if (builder.Host is { } host) start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (builder.Database is { } database) start.Environment["PGDATABASE"] = database;
        if (builder.Username is { } user) start.Environment["PGUSER"] = user;
        if (builder.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (builder.SearchPath is { Length: > 0 } schema) start.ArgumentList.Add($"--schema={schema.Split(',')[0].Trim()}");

        using var process = Process.Start(start) ?? throw new StoreUnavailableException($"{Describe} backing up: {program} did not start.");
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        if (process.ExitCode != 0)
        {
            var firstLine = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
            throw new StoreUnavailableException($"{Describe} backing up: pg_dump failed with exit code {process.ExitCode}: {firstLine}");
        }
    }

    public StoreUnavailableException? Translate(Exception failure, string doing)
    {
        var what = $"{Describe} {doing}";
        return failure switch
        {
            StoreUnavailableException known => known,
            PostgresException e => e.SqlState switch
            {
                SerializationFailure or DeadlockDetected =>
                    new StoreUnavailableException($"{what}: the write kept conflicting with other writers ({DatabaseWriteAttempts} attempts); try again.", e),
                LockNotAvailable => new StoreUnavailableException($"{what}: the database is locked by another writer (waited {_lockTimeout.TotalSeconds:0.#} s).", e),
                ReadOnlyTransaction => new StoreUnavailableException($"{what}: the database is read-only (a standby, or default_transaction_read_only is on).", e),
                DiskFull => new StoreUnavailableException($"{what}: the server's disk is full.", e),
                OutOfMemory => new StoreUnavailableException($"{what}: the server is out of memory.", e),
                TooManyConnections => new StoreUnavailableException($"{what}: the server has too many connections.", e),
                AdminShutdown or CrashShutdown or CannotConnectNow =>
                    new StoreUnavailableException($"{what}: the server is shutting down or restarting ({e.SqlState}); try again in a moment.", e),
                DatabaseMissing => new StoreUnavailableException($"{what}: the database does not exist; create it first (createdb).", e),
                InvalidPassword or InvalidAuthorization => new StoreUnavailableException($"{what}: the server refused the login ({e.MessageText}).", e),
                DataCorrupted or IndexCorrupted => new StoreUnavailableException($"{what}: the server reports damaged data ({e.MessageText}); restore a backup.", e),
                QueryCanceled => new StoreUnavailableException($"{what}: the statement was cancelled by the server ({e.MessageText}).", e),
                _ => new StoreUnavailableException($"{what}: {e.SqlState} {e.MessageText}", e),
            },
            NpgsqlException { InnerException: SocketException or IOException or TimeoutException } e =>
                new StoreUnavailableException($"{what}: the server cannot be reached ({e.InnerException!.Message}).", e),
            NpgsqlException e => new StoreUnavailableException($"{what}: {OneLine(e.Message)}", e),
            TimeoutException e => new StoreUnavailableException($"{what}: the server did not answer in time.", e),
            IOException or UnauthorizedAccessException => new StoreUnavailableException($"{what}: {OneLine(failure.Message)}", failure),
            _ => null,
        };
    }

    private const int DatabaseWriteAttempts = StoreDatabase.WriteAttempts;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");

    private string? FindPgDump()
    {
        if (_options.PgDump is { Length: > 0 } configured) return File.Exists(configured) ? configured : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "pg_dump"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null) return onPath;
        const string Debian = "/usr/lib/postgresql";
        // The newest installed major version: pg_dump refuses servers newer than itself.
        return Directory.Exists(Debian)
            ? Directory.EnumerateDirectories(Debian)
                .Select(folder => (Version: int.TryParse(Path.GetFileName(folder), out var v) ? v : 0, Program: Path.Combine(folder, "bin", "pg_dump")))
                .Where(c => File.Exists(c.Program))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Program)
                .FirstOrDefault()
            : null;
    }

    /// <summary>Releases a session advisory lock; a broken connection has lost it with its session anyway.</summary>
    private sealed class SessionLock(DbConnection connection, long key) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (connection.State != ConnectionState.Open) return;
            try
            {
                await connection.ExecuteAsync($"SELECT pg_advisory_unlock({key})");
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its locks with it.
            }
        }
    }
}
