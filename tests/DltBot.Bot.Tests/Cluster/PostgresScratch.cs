using Dapper;
using Npgsql;

namespace DltBot.Bot.Tests.Cluster;

/// <summary>
/// A database of its own on the server <c>DLTBOT_TEST_POSTGRES</c> names, dropped after the test. Without that
/// variable, or when the server does not answer, the test is skipped with the reason, never passed.
/// </summary>
internal sealed class PostgresScratch : IAsyncDisposable
{
    public const string Variable = "DLTBOT_TEST_POSTGRES";

    private static readonly Lazy<Task<string?>> Unavailable = new(FindUnavailableReasonAsync);

    private readonly NpgsqlConnectionStringBuilder _server;

    private PostgresScratch(NpgsqlConnectionStringBuilder server, string database)
    {
        _server = server;
        Database = database;
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
    }

    public string Database { get; }
    public string ConnectionString { get; }

    /// <summary>The configuration an instance on this database reads.</summary>
    public Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Dltbot"] = ConnectionString,
        ["Data:Directory"] = dataDirectory,
    };

    public static async Task<PostgresScratch> CreateAsync()
    {
        if (await Unavailable.Value is { } reason) Assert.Skip(reason);
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(Variable));
        var database = $"dltbot_cluster_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"CREATE DATABASE \"{database}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        return new PostgresScratch(server, database);
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var pooled = new NpgsqlConnection(ConnectionString)) NpgsqlConnection.ClearPool(pooled);
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)");
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
