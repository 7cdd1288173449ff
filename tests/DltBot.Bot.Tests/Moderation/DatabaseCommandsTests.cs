using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests.Moderation;

/// <summary><c>dltbot db migrate|backup|check</c> in-process, on a database in a temp folder.</summary>
public sealed class DatabaseCommandsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-db-").FullName;

    private static readonly int Latest = DltBot.Storage.Migrations.SchemaMigrations.Latest;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private BotHostSettings Settings() => new()
    {
        Paths = new AppPaths(root),
        Configuration = c => c.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Data:Directory", Path.Combine(root, "data"))]),
        Logging = l => l.ClearProviders(),
    };

    [Fact]
    public async Task Migrate_is_idempotent_check_passes_and_a_backup_is_a_healthy_database()
    {
        var (code, output, error) = await InProcessCli.RunAsync("", Settings(), "db", "migrate");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith($"Migrated the database from schema version 0 to {Latest}", output);

        (code, output, _) = await InProcessCli.RunAsync("", Settings(), "db", "migrate");
        Assert.Equal((0, $"The database is at schema version {Latest}; nothing to do."), (code, output.Trim()));

        (code, output, _) = await InProcessCli.RunAsync("", Settings(), "db", "check");
        Assert.Equal((0, $"The database is healthy (schema version {Latest})."), (code, output.Trim()));

        var copy = Path.Combine(root, "copy.db");
        (code, output, _) = await InProcessCli.RunAsync("", Settings(), "db", "backup", "--output", copy);
        Assert.Equal(0, code);
        Assert.Contains(copy, output);
        Assert.True(File.Exists(copy));
    }

    [Fact]
    public async Task A_database_newer_than_the_binary_is_refused_with_one_line()
    {
        Assert.Equal(0, (await InProcessCli.RunAsync("", Settings(), "db", "migrate")).Code);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(root, "data", "dltbot.db")};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO schema_migrations (version, name, applied_utc) VALUES (99, 'from the future', '2030-01-01T00:00:00Z')";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var (code, _, error) = await InProcessCli.RunAsync("", Settings(), "db", "migrate");
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("newer than this build", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
