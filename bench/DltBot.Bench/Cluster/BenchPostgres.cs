using System.Globalization;
using Dapper;
using Npgsql;

namespace DltBot.Bench.Cluster;

/// <summary>
/// A database of the bench's own on the PostgreSQL server it was given (<c>--postgres=</c> or env
/// <c>DLTBOT_TEST_POSTGRES</c>), dropped at the end. The server itself is not started here: .ci/run shows how to start a
/// private one.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    public const string Variable = "DLTBOT_TEST_POSTGRES";

    private readonly string _server;

    private BenchPostgres(string server, string database)
    {
        _server = server;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    public string Database { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// The connection string for one instance: Npgsql pools connections per connection string, so each instance names
    /// itself and gets a pool of its own, as a separate process would.
    /// </summary>
    public string For(string instance) => new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = "dltbot-bench-" + instance }.ConnectionString;

    /// <summary>Creates the scratch database, or returns why it cannot (in one line naming the setting).</summary>
    public static async Task<(BenchPostgres? Database, string? Absent)> CreateAsync(string? server, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(server))
            return (null, $"PostgreSQL is absent: set {Variable} (or pass --postgres=<Npgsql connection string>) to a server where the bench may create a database; .ci/run shows how to start a private one.");
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(server) { Timeout = 5 };
        }
        catch (ArgumentException e)
        {
            return (null, $"PostgreSQL is absent: the connection string is not one Npgsql reads ({e.Message.ReplaceLineEndings(" ")}).");
        }

        var database = string.Create(CultureInfo.InvariantCulture, $"dltbot_bench_{Guid.NewGuid():N}");
        try
        {
            await using var admin = new NpgsqlConnection(builder.ConnectionString);
            await admin.OpenAsync(ct);
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            return (null, $"PostgreSQL is absent: the server at {builder.Host}:{builder.Port} did not let the bench create a database ({e.Message.ReplaceLineEndings(" ")}).");
        }

        return (new BenchPostgres(builder.ConnectionString, database), null);
    }

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
    }
}

/// <summary>
/// CPU time of a PostgreSQL server on this machine (its postmaster and every backend, from /proc): the part of a run on
/// PostgreSQL that the bench process's own CPU time does not show. Unavailable for a remote server or outside Linux.
/// </summary>
internal sealed class PostgresServerCpu
{
    // USER_HZ: the unit of /proc/<pid>/stat's times on every Linux build we run on.
    private const double TicksPerSecond = 100;

    private readonly int _postmaster;

    private PostgresServerCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<PostgresServerCpu?> FindAsync(BenchPostgres database, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var backend = await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()");
        return Stat(backend) is { } stat && stat.Comm == "postgres" && Stat(stat.ParentId) is not null ? new PostgresServerCpu(stat.ParentId) : null;
    }

    /// <summary>The server's CPU so far: the postmaster, its children still running, and those that exited (cutime).</summary>
    public TimeSpan Total()
    {
        var ticks = 0L;
        if (Stat(_postmaster) is { } postmaster) ticks += postmaster.Own + postmaster.Children;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (Stat(pid) is { } child && child.ParentId == _postmaster) ticks += child.Own;
        }
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static ProcStat? Stat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid ... utime stime cutime cstime": comm may hold spaces, so split after its last ')'.
        var close = text.LastIndexOf(')');
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || close < open) return null;
        var fields = text[(close + 2)..].Split(' ');
        long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
        return new ProcStat(text[(open + 1)..close], (int)Field(4), Field(14) + Field(15), Field(16) + Field(17));
    }

    private sealed record ProcStat(string Comm, int ParentId, long Own, long Children);
}
