using Dapper;
using DltBot.Storage;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Before the clustered scheduler starts: creates it (which provisions Quartz's tables) and makes sure its two lock rows
/// exist, one node at a time under a PostgreSQL advisory lock. Quartz survives a concurrent first start on its own,
/// but by retrying after a pause: two nodes that find no lock row both insert it, and the loser waits a second (on
/// the scheduler's clock) before it tries again. Done once here, no node ever races for them.
/// </summary>
internal sealed class ClusterSchemaGate(ISchedulerFactory schedulers, IStartupLocks locks, WeeklyJobStoreTarget target) : IHostedService
{
    public const string LockName = "quartz-schema";

    /// <summary>The row locks every clustered Quartz node takes (<c>qrtz_locks.lock_name</c>).</summary>
    private static readonly string[] QuartzLocks = ["TRIGGER_ACCESS", "STATE_ACCESS"];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var held = await locks.AcquireAsync(LockName, cancellationToken).ConfigureAwait(false);
        await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        await using var connection = new NpgsqlConnection(target.PostgresConnection);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in QuartzLocks)
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO qrtz_locks (sched_name, lock_name) VALUES (@scheduler, @name) ON CONFLICT DO NOTHING",
                new { scheduler = target.SchedulerName, name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
