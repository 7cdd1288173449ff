using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Tells SQLite's query planner the shape of Quartz's tables before the scheduler starts: one scheduler, and trigger
/// and job names unique within it. Without statistics the planner assumes an equality on an index's first column leaves
/// about ten rows, so for Quartz's batched look-ups (<c>SCHED_NAME = @s AND ((TRIGGER_NAME = @n0 AND TRIGGER_GROUP =
/// @g0) OR ...)</c> of triggers and of jobs, made for every batch it fires) it walked every row of the one scheduler
/// instead of seeking each key: 20,000 triggers in the weekly bench, which was most of a run's CPU. Fixed figures
/// of a large bot rather than <c>ANALYZE</c>: a small bot's real figures would plan for a handful of rows and keep those
/// plans as it grows, while these give plans that seek on any size (SQLite's documented way to pin plans).
/// </summary>
internal sealed partial class SqliteSchedulerStatistics(WeeklyJobStoreTarget target, ISchedulerFactory schedulers, ILogger<SqliteSchedulerStatistics> logger) : IHostedService
{
    /// <summary>
    /// Per index (named as in Quartz's SQLite schema): the rows, then the rows per distinct value of each leading
    /// column prefix. A scheduler name matches every row, a group half of them, a name (with its group) one.
    /// </summary>
    internal static readonly IReadOnlyList<(string Table, string Index, string Stat)> Figures =
    [
        ("QRTZ_TRIGGERS", "sqlite_autoindex_QRTZ_TRIGGERS_1", "10000 10000 1 1"),
        ("QRTZ_TRIGGERS", "IDX_QRTZ_T_G_N", "10000 10000 5000 1"),
        ("QRTZ_TRIGGERS", "IDX_QRTZ_T_J", "10000 10000 1 1"),
        ("QRTZ_TRIGGERS", "IDX_QRTZ_T_C", "10000 10000 10000"),
        ("QRTZ_TRIGGERS", "IDX_QRTZ_T_NFT_ST", "10000 10000 5000 10 10 10"),
        ("QRTZ_JOB_DETAILS", "sqlite_autoindex_QRTZ_JOB_DETAILS_1", "10000 10000 1 1"),
        ("QRTZ_JOB_DETAILS", "IDX_QRTZ_J_G_N", "10000 10000 5000 1"),
        ("QRTZ_CRON_TRIGGERS", "sqlite_autoindex_QRTZ_CRON_TRIGGERS_1", "10000 10000 1 1"),
        ("QRTZ_SIMPLE_TRIGGERS", "sqlite_autoindex_QRTZ_SIMPLE_TRIGGERS_1", "10000 10000 1 1"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (target.SqlitePath is not { } path) return;
        try
        {
            // The store makes the data directory on its first use, which may come after this; the scheduler cannot open a
            // file in a directory that is not there, and one that failed to start stays shut down for the process.
            if (Path.GetDirectoryName(path) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
            // The scheduler creates Quartz's tables when it is made (ProvisionSchema); the figures are for their indexes.
            await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            await WriteAsync(WeeklyJobStore.SqliteConnectionString(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or SchedulerException or IOException or UnauthorizedAccessException)
        {
            // Plans made without the figures are slower with many guilds, never wrong: the bot starts anyway, and a
            // database that cannot be used at all is reported by the store and the scheduler as they meet it.
            LogNotWritten(logger, path, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Replaces the figures of <see cref="Figures"/>' indexes and has every connection to the file load them. A
    /// connection reads statistics only when it loads the schema, and a change of the schema's version is what makes it
    /// load it again: without that, a connection that had loaded the schema before kept planning without the figures
    /// for its life, and so did the one that created Quartz's indexes (its own CREATE INDEX adds them to its schema
    /// without statistics). That connection stays in Quartz's pool and serves most of its statements: the weekly bench
    /// found it walking the triggers on every batch after the figures were written.
    /// </summary>
    private static async Task WriteAsync(string connectionString, CancellationToken ct)
    {
        // Once at start, and kept out of Quartz's pool, whose connections are set up by their factory.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(ct).ConfigureAwait(false);
        // Creates sqlite_stat1 if it is missing, without analysing any table (SQLite does not allow CREATE TABLE of it).
        await connection.ExecuteAsync(new CommandDefinition("ANALYZE sqlite_schema", cancellationToken: ct)).ConfigureAwait(false);
        await using var tx = connection.BeginTransaction(deferred: false);
        foreach (var (table, index, stat) in Figures)
        {
            var row = new { table, index, stat };
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM sqlite_stat1 WHERE tbl = @table AND idx = @index", row, tx, cancellationToken: ct)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (@table, @index, @stat)", row, tx, cancellationToken: ct)).ConfigureAwait(false);
        }
        // What any schema change does, and only ever upwards: each connection sees a new version at its next statement
        // and reloads the schema with the figures (the PRAGMA takes no expression, hence the read first).
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA schema_version", transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(FormattableString.Invariant($"PRAGMA schema_version = {version + 1}"), transaction: tx, cancellationToken: ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    [LoggerMessage(6213, LogLevel.Warning, "Paper of the week: the query planner's figures for the scheduler's tables in {Path} could not be written ({Reason}); the scheduler runs, slower with many guilds.", EventName = "WeeklySchedulerStatisticsNotWritten")]
    private static partial void LogNotWritten(ILogger logger, string path, string reason);
}
