using DltBot.Bot.Configuration;
using DltBot.Bot.Curation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Where Quartz keeps triggers: the bot's own database, its QRTZ_ tables beside ours. The one place that picks the
/// engine; the scale-out issue adds PostgreSQL (clustered) here. SQLite cannot be clustered (Quartz refuses it), so a
/// SQLite database has one scheduler.
/// </summary>
internal static class WeeklyJobStore
{
    /// <summary>
    /// A scheduler's rows are keyed by its name in every QRTZ_ table, so it must not change between versions; and Quartz
    /// keeps one scheduler per name in a process. One database, one name: <c>dltbot-</c> and a hash of the file's path,
    /// so two bots on two data directories (tests run many in one process) never share a scheduler.
    /// </summary>
    public static string SchedulerName(string databasePath) =>
        "dltbot-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(databasePath)))[..12];

    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromSeconds(60);

    /// <summary>Due triggers acquired per store round trip (at most the thread pool's size, 10 by default).</summary>
    public const int MaxBatchSize = 10;

    public static void Configure(IPersistentStoreBuilder store, string databasePath)
    {
        store.UseSqlite(ConnectionString(databasePath));
        // CREATE IF NOT EXISTS from the script embedded in Quartz: idempotent, and our migrations never touch QRTZ_ tables.
        store.ProvisionSchema();
        store.ConfigureStore(o => o.MisfireThreshold = MisfireThreshold);
    }

    /// <summary>The same file as the store (<see cref="StorageServiceCollectionExtensions.AddCuration"/>): <c>ConnectionStrings:Dltbot</c>, else <c>&lt;Data:Directory&gt;/dltbot.db</c>.</summary>
    public static string DatabasePath(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString(StorageOptions.ConnectionName);
        if (!string.IsNullOrWhiteSpace(connection)) return Path.GetFullPath(new SqliteConnectionStringBuilder(connection).DataSource);
        var data = configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
        return Path.Combine(Path.GetFullPath(data.Directory), "dltbot.db");
    }

    private static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        // Our store holds the write lock only for short transactions; Microsoft.Data.Sqlite retries a busy file this long.
        DefaultTimeout = 30,
    }.ToString();
}
