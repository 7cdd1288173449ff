using DltBot.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// A guild's weekly trigger fired: hands the occurrence to the runner, which claims it, posts or records why not, and logs
/// the outcome (once, as it does for <c>post-now</c> and recovery). What the runner could not finish is logged here;
/// nothing is thrown back at Quartz except a shutdown's cancellation (the job asks for recovery, so a run cut short by a
/// crash is fired again at start and the runner's claim decides).
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class WeeklyPostJob(IWeeklyRunner runner, ILogger<WeeklyPostJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var guild = context.JobDetail.Key.Name;
        var occurrence = await OccurrenceAsync(context, cancellationToken).ConfigureAwait(false);
        try
        {
            await runner.RunAsync(new WeeklyRunRequest(guild, occurrence, RunKind.Scheduled), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(logger, guild, occurrence);
            throw;
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(logger, guild, occurrence, e.Message);
        }
#pragma warning disable CA1031 // One guild's unexpected failure is logged; it must not reach the scheduler, which would retry or stop the trigger.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, guild, occurrence);
        }
    }

    /// <summary>
    /// The run the fire stands for: the latest run at or before the fire. A regular fire is its own scheduled time. A
    /// catch-up fire after downtime (FireAndProceed) reports the first slot it missed (Quartz 4.7.3, tested); when more
    /// than one was missed, the latest is the one worth posting, and the runner posts it within the grace period or
    /// records it as missed past it.
    /// </summary>
    internal static DateTimeOffset Occurrence(IJobExecutionContext context)
    {
        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var firedFor = context.FireTimeUtc > scheduled ? context.FireTimeUtc : scheduled;
        return OccurrenceOf(context.Trigger, firedFor, scheduled);
    }

    /// <summary>
    /// As <see cref="Occurrence"/>; a run another node recovered after its node died (clustered, RequestRecovery) is
    /// fired by a one-off trigger scheduled at the dead node's fire time, so the occurrence is read from the guild's
    /// own weekly trigger at that time: the same week the dead node claimed, even when the fire was a late catch-up.
    /// </summary>
    internal static async ValueTask<DateTimeOffset> OccurrenceAsync(IJobExecutionContext context, CancellationToken ct)
    {
        if (!context.Recovering || context.RecoveringTriggerKey is not { } original) return Occurrence(context);
        var firedAt = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        return OccurrenceOf(await context.Scheduler.GetTrigger(original, ct).ConfigureAwait(false), firedAt, firedAt);
    }

    private static DateTimeOffset OccurrenceOf(ITrigger? trigger, DateTimeOffset firedFor, DateTimeOffset fallback) =>
        trigger is ICronTrigger { CronExpressionString: { } expression } cron
            ? WeeklyCron.OccurrenceAt(new CronExpression(expression, cron.TimeZone), firedFor)
            : fallback;

    [LoggerMessage(6202, LogLevel.Warning, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: stopped by shutdown; the runner's claim settles it at the next start.", EventName = "WeeklyRunStopped")]
    private static partial void LogStopped(ILogger logger, string guild, DateTimeOffset scheduledUtc);

    [LoggerMessage(6203, LogLevel.Error, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: the store is unavailable: {Reason}", EventName = "WeeklyRunStoreUnavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, string guild, DateTimeOffset scheduledUtc, string reason);

    [LoggerMessage(6204, LogLevel.Error, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: failed unexpectedly.", EventName = "WeeklyRunFailed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string guild, DateTimeOffset scheduledUtc);
}
