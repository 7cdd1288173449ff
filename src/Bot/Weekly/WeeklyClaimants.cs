using System.Globalization;
using Dapper;
using Npgsql;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Who this process claims weekly occurrences as, and whether another claimant has stopped: an unconfirmed claim is
/// taken over only when its claimant is gone, so a slow run on a live instance is never posted twice.
/// </summary>
public interface IWeeklyClaimants
{
    /// <summary>This process's claimant id: unique per process start (a restarted process is a new claimant).</summary>
    string Self { get; }

    /// <summary>True when <paramref name="claimant"/> can no longer finish its claims (its process stopped).</summary>
    Task<bool> IsGoneAsync(string claimant, CancellationToken ct);
}

public static class WeeklyClaimantId
{
    /// <summary><c>host:pid:random</c>, well under the 200 characters Quartz allows an instance id.</summary>
    public static string New() =>
        string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");
}

/// <summary>
/// One process per database (SQLite, guarded by the data directory's lock file): every claimant but this one belongs to
/// a process that stopped.
/// </summary>
public sealed class SoleProcessClaimants(string? self = null) : IWeeklyClaimants
{
    public string Self { get; } = self ?? WeeklyClaimantId.New();

    public Task<bool> IsGoneAsync(string claimant, CancellationToken ct) => Task.FromResult(claimant != Self);
}

/// <summary>
/// Several processes on one PostgreSQL database, each a node of the clustered Quartz scheduler whose instance id is its
/// claimant id. A claimant is gone when its node has no row in <c>qrtz_scheduler_state</c> (Quartz deletes the row of
/// a node it has failed over, before it fires that node's recovered jobs) or its last check-in is older than twice its
/// check-in interval (a node that died when no other node was running to notice). The same evidence Quartz itself
/// fails over on, so the runner and the scheduler agree on who is dead.
/// </summary>
public sealed class QuartzClusterClaimants(string self, string schedulerName, string connectionString, TimeProvider time) : IWeeklyClaimants
{
    public string Self { get; } = self;

    public async Task<bool> IsGoneAsync(string claimant, CancellationToken ct)
    {
        if (claimant == Self) return false;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(long LastCheckin, long Interval)?>(new CommandDefinition(
            "SELECT last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = @schedulerName AND instance_name = @claimant",
            new { schedulerName, claimant }, cancellationToken: ct)).ConfigureAwait(false);
        if (row is not { } state) return true;
        return QuartzTime.FromStored(state.LastCheckin) + 2 * QuartzTime.IntervalFromStored(state.Interval) < time.GetUtcNow();
    }
}

/// <summary>
/// How Quartz's ADO store writes times (StdAdoDelegate.GetDbDateTimeValue and GetDbTimeSpanValue, part of its schema
/// contract): instants as UTC ticks, durations as whole milliseconds.
/// </summary>
internal static class QuartzTime
{
    public static DateTimeOffset FromStored(long ticks) => new(ticks, TimeSpan.Zero);

    public static TimeSpan IntervalFromStored(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
