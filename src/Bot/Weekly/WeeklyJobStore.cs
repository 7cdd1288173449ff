using DltBot.Bot.Configuration;
using DltBot.Bot.Curation;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Where Quartz keeps triggers: the bot's own database, its QRTZ_ tables beside ours. The one place that picks the
/// engine. SQLite cannot be clustered (Quartz refuses it), so a SQLite database has one scheduler. On PostgreSQL every
/// instance is a node of one clustered scheduler: a due trigger is acquired under Quartz's row lock by exactly one node,
/// and the jobs of a node that stops checking in are fired again on another (RequestRecovery).
/// </summary>
internal static class WeeklyJobStore
{
    /// <summary>Every instance on one PostgreSQL database is a node of the scheduler of this name (<c>Quartz:SchedulerName</c> overrides it).</summary>
    public const string ClusterName = "dltbot";

    public const string SchedulerNameKey = "Quartz:SchedulerName";

    /// <summary>
    /// How often a node records that it is alive. A node that misses its check-in by this much again (Quartz adds its
    /// own 7.5 s of slack) is failed over: a dead instance's run is taken over within about 15-25 s.
    /// </summary>
    public static readonly TimeSpan CheckinInterval = TimeSpan.FromSeconds(7.5);

    /// <summary>Where this configuration keeps the schedule.</summary>
    public static WeeklyJobStoreTarget Target(IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var postgres = Enum.TryParse<StorageProvider>(options.Provider?.Trim(), ignoreCase: true, out var provider) && provider == StorageProvider.Postgres;
        if (!postgres)
        {
            var path = DatabasePath(configuration);
            return new WeeklyJobStoreTarget(SchedulerName(path), path, null);
        }
        var name = configuration[SchedulerNameKey];
        return new WeeklyJobStoreTarget(string.IsNullOrWhiteSpace(name) ? ClusterName : name.Trim(), null,
            configuration.GetConnectionString(StorageOptions.ConnectionName) ?? "");
    }

    public static void Configure(IPersistentStoreBuilder store, WeeklyJobStoreTarget target)
    {
        if (target.PostgresConnection is { } connection)
        {
            store.UsePostgres(Npgsql.NpgsqlFactory.Instance, connection);
            store.UseClustering(c => c.CheckinInterval = CheckinInterval);
        }
        else
        {
            store.UseSqlite(SqliteSchedulerConnections.Instance, SqliteConnectionString(target.SqlitePath!));
        }
        // CREATE IF NOT EXISTS from the script embedded in Quartz: idempotent, and our migrations never touch QRTZ_ tables.
        // Nodes starting at once on PostgreSQL race safely: Quartz treats a failed CREATE as a lost race and re-checks the
        // schema until it is complete (AdoJobStoreBase.CreateSchema), so no lock of ours is needed around it.
        store.ProvisionSchema();
        store.ConfigureStore(o =>
        {
            o.MisfireThreshold = MisfireThreshold;
            o.MisfireHandlerFrequency = MisfireHandlerFrequency;
            // Quartz's only real threads (the misfire handler, the cluster check-in) are foreground by default, so a
            // scheduler whose shutdown did not finish (a job still running when the host gave up waiting) kept the
            // process from exiting. The host's lifetime decides when the bot ends, not Quartz's threads.
            o.UseBackgroundThreads = true;
        });
    }

    /// <summary>
    /// A scheduler's rows are keyed by its name in every QRTZ_ table, so it must not change between versions; and Quartz
    /// keeps one scheduler per name in a process. One database, one name: <c>dltbot-</c> and a hash of the file's path,
    /// so two bots on two data directories (tests run many in one process) never share a scheduler.
    /// </summary>
    public static string SchedulerName(string databasePath) =>
        "dltbot-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(databasePath)))[..12];

    /// <summary>
    /// How late a trigger may be and still be acquired by the scheduler's normal loop, in fire-time order. Quartz leaves a
    /// trigger later than this to its misfire handler, which runs only every <see cref="MisfireHandlerFrequency"/>: with
    /// the 60 s this was, a popular minute's burst (5,000 servers take 5 minutes at Discord's 50 requests/s) left every
    /// node idle from a minute after the slot until the handler's next pass, up to a minute lost per burst (22 s in the
    /// cluster bench). Fifteen minutes covers a burst of 15,000 servers. Being late by less than this changes nothing else:
    /// the fire keeps its scheduled time, and the runner's grace (<c>PaperOfTheWeek:MisfireGrace</c>) still decides a
    /// late run; longer downtime goes through the misfire instruction as before.
    /// </summary>
    public static readonly TimeSpan MisfireThreshold = TimeSpan.FromMinutes(15);

    /// <summary>How often the misfire handler looks for triggers later than the threshold (Quartz's default would be the threshold).</summary>
    public static readonly TimeSpan MisfireHandlerFrequency = TimeSpan.FromSeconds(60);

    /// <summary>Due triggers acquired per store round trip (at most the thread pool's size, 10 by default).</summary>
    public const int MaxBatchSize = 10;

    /// <summary>The same file as the store (<see cref="StorageServiceCollectionExtensions.AddCuration"/>): <c>ConnectionStrings:Dltbot</c>, else <c>&lt;Data:Directory&gt;/dltbot.db</c>.</summary>
    public static string DatabasePath(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString(StorageOptions.ConnectionName);
        if (!string.IsNullOrWhiteSpace(connection)) return Path.GetFullPath(new SqliteConnectionStringBuilder(connection).DataSource);
        var data = configuration.GetSection(DataOptions.SectionName).Get<DataOptions>() ?? new DataOptions();
        return Path.Combine(Path.GetFullPath(data.Directory), "dltbot.db");
    }

    /// <summary>Quartz's connections to the SQLite file, made by <see cref="SqliteSchedulerConnections"/>.</summary>
    internal static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Pooling = true,
        // Our store holds the write lock only for short transactions; Microsoft.Data.Sqlite retries a busy file this long.
        DefaultTimeout = 30,
    }.ToString();
}

/// <summary>The scheduler's name and its database: a SQLite file, or a PostgreSQL connection string (clustered).</summary>
internal sealed record WeeklyJobStoreTarget(string SchedulerName, string? SqlitePath, string? PostgresConnection)
{
    public bool Clustered => PostgresConnection is not null;
}
