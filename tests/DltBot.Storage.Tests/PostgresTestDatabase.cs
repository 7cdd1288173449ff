using System.Data.Common;
using System.Diagnostics;
using Dapper;
using DltBot.Storage.Sql;
using Npgsql;

namespace DltBot.Storage.Tests;

/// <summary>
/// A database of its own on the server <c>DLTBOT_TEST_POSTGRES</c> names, created for one test and dropped after it.
/// Without that variable, or when the server does not answer, the test is skipped with the reason, never passed.
/// </summary>
internal sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "DLTBOT_TEST_POSTGRES";

    private static readonly Lazy<Task<string?>> Unavailable = new(FindUnavailableReasonAsync);

    private readonly NpgsqlConnectionStringBuilder _server;

    private PostgresTestDatabase(NpgsqlConnectionStringBuilder server, string database)
    {
        _server = server;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
    }

    public string Database { get; }
    public string ConnectionString { get; }
    public override string Name => Database;

    /// <summary>The server's connection string, or a skip naming what is missing.</summary>
    public static async Task<NpgsqlConnectionStringBuilder> ServerAsync()
    {
        if (await Unavailable.Value is { } reason) Assert.Skip(reason);
        return new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable));
    }

    public static async Task<PostgresTestDatabase> CreateFreshAsync()
    {
        var server = await ServerAsync();
        var database = $"dltbot_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            // C collation: text sorts by code point, as in SQLite, whatever the server's default locale.
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        return new PostgresTestDatabase(server, database);
    }

    public override IStoreProvider Provider(TimeSpan? lockTimeout = null, bool readOnly = false) =>
        new PostgresProvider(new PostgresStoreOptions(readOnly ? ReadOnlyConnectionString : ConnectionString, lockTimeout));

    private string ReadOnlyConnectionString =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c default_transaction_read_only=on" }.ConnectionString;

    public override DbConnection Raw()
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        c.Open();
        return c;
    }

    public override async Task<ISet<string>> TablesAsync()
    {
        await using var raw = Raw();
        return (await raw.QueryAsync<string>("SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()")).ToHashSet();
    }

    public override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var holder = Raw();
        var tx = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync($"SELECT pg_advisory_xact_lock({PostgresProvider.WriteLockKey})", transaction: tx);
        return new Holder(holder, tx);
    }

    /// <summary>A new database restored from a <c>pg_dump --format=custom</c> file with <c>pg_restore</c>, dropped with this one.</summary>
    public async Task<Stores> RestoreAsync(string dumpPath)
    {
        var pgRestore = FindProgram("pg_restore");
        if (pgRestore is null) Assert.Skip("pg_restore is not installed (PostgreSQL client tools), so the backup cannot be restored here.");
        var restored = $"{Database}_r{_restored.Count}";
        await using (var admin = new NpgsqlConnection(_server.ConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE \"{restored}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        _restored.Add(restored);
        var start = new ProcessStartInfo(pgRestore) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--no-password", "--exit-on-error", $"--dbname={restored}", dumpPath }) start.ArgumentList.Add(argument);
        if (_server.Host is { } host) start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_server.Username is { } user) start.Environment["PGUSER"] = user;
        if (_server.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pg_restore failed: {await errors}");
        var connection = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = restored }.ConnectionString;
        return Stores.Postgres(new PostgresStoreOptions(connection), Time);
    }

    private readonly List<string> _restored = [];

    /// <summary>A PostgreSQL client program on PATH, else the newest in /usr/lib/postgresql/*/bin (Debian's layout).</summary>
    private static string? FindProgram(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.EnumerateDirectories("/usr/lib/postgresql").OrderByDescending(f => f, StringComparer.Ordinal).Select(f => Path.Combine(f, "bin", name))
                : [])
            .FirstOrDefault(File.Exists);

    public override async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        await using (var pooled = new NpgsqlConnection(ReadOnlyConnectionString)) NpgsqlConnection.ClearPool(pooled);
        await using (var admin = new NpgsqlConnection(_server.ConnectionString))
        {
            await admin.OpenAsync();
            foreach (var database in _restored.Append(Database))
            {
                await using (var pooled = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database }.ConnectionString))
                    NpgsqlConnection.ClearPool(pooled);
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
        }
        await base.DisposeAsync();
    }

    private static async Task<string?> FindUnavailableReasonAsync()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
            return $"PostgreSQL is not available: set {Variable} to an Npgsql connection string of a server where the tests may create databases (.ci/run starts one).";
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value) { Timeout = 5 };
            await using var probe = new NpgsqlConnection(builder.ConnectionString);
            await probe.OpenAsync();
            await probe.ExecuteScalarAsync<int>("SELECT 1");
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or TimeoutException)
        {
            return $"PostgreSQL is not available: the server {Variable} names did not answer ({e.Message.ReplaceLineEndings(" ")}).";
        }
    }
}

/// <summary>
/// The store test's database for its engine, made before each test and dropped after it. A test class of the suite
/// derives from this once per engine (nested classes <c>Sqlite</c> and <c>Postgres</c>).
/// </summary>
public abstract class StoreTest(StoreEngine engine) : IAsyncLifetime
{
    private TestDatabase? _db;

    public StoreEngine Engine => engine;

    internal TestDatabase Db => _db ?? throw new InvalidOperationException("the test database is made in InitializeAsync");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public async ValueTask InitializeAsync() => _db = await TestDatabase.CreateAsync(engine);

    public async ValueTask DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
