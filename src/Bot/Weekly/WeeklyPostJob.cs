using System.Globalization;
using DltBot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// A guild's weekly trigger fired: hands the occurrence to the runner, which claims it, posts or records why not, and logs
/// the outcome (once, as it does for <c>post-now</c> and recovery). What the runner could not finish is logged here;
/// nothing is thrown back at Quartz except a shutdown's cancellation (the job asks for recovery, so a run cut short by a
/// crash is fired again at start and the runner's claim decides). A run the store could not serve (a database locked
/// past its busy timeout, a server away) is tried again later, within the grace period, by a one-off trigger for the same
/// occurrence; the runner's claim makes a second try post at most once.
/// </summary>
/// <remarks>
/// Not <see cref="DisallowConcurrentExecutionAttribute"/>: the runner's claim in the store already makes two fires of
/// one occurrence (a recovery and a retry, or a fire racing <c>post-now</c>) post once, and the grace period (at most
/// six days) keeps two weeks' runs of a guild from overlapping. Quartz's own serialization blocked and unblocked the
/// guild's triggers around every fire: seven statements a run (the weekly bench's bursts went from about 2.5 to 1.7 ms of
/// CPU per run without it).
/// </remarks>
internal sealed partial class WeeklyPostJob(IWeeklyRunner runner, IOptions<PaperOfTheWeekOptions> options, TimeProvider time, ILogger<WeeklyPostJob> logger) : IJob
{
    internal const string OccurrenceKey = "occurrence";
    internal const string AttemptKey = "attempt";
    internal static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);
    internal static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(10);

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
            await RetryLaterAsync(context, guild, occurrence, e.Message, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // One guild's unexpected failure is logged; it must not reach the scheduler, which would retry or stop the trigger.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e, guild, occurrence);
        }
    }

    /// <summary>
    /// Schedules the next try of this occurrence: 30 s after the first failure, doubling to 10 minutes, while the try still
    /// falls within the grace period; past it the occurrence is given up, said at error level.
    /// </summary>
    private async Task RetryLaterAsync(IJobExecutionContext context, string guild, DateTimeOffset occurrence, string reason, CancellationToken ct)
    {
        var attempt = context.MergedJobDataMap.TryGetInt(AttemptKey, out var tried) ? tried + 1 : 1;
        var at = time.GetUtcNow() + RetryDelay(attempt);
        if (at > occurrence + options.Value.MisfireGrace)
        {
            LogStoreUnavailableGaveUp(logger, guild, occurrence, reason);
            return;
        }
        // A key per attempt: the firing one-off trigger is deleted by key once this run completes.
        var retry = TriggerBuilder.Create(time)
            .WithIdentity($"{guild}.{occurrence.UtcTicks}.{attempt}", WeeklyQuartzKeys.RetryGroup)
            .ForJob(context.JobDetail.Key)
            .UsingJobData(OccurrenceKey, occurrence.ToString("O", CultureInfo.InvariantCulture))
            .UsingJobData(AttemptKey, attempt)
            .StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        try
        {
            await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), ct).ConfigureAwait(false);
            LogStoreUnavailableRetry(logger, guild, occurrence, reason, at);
        }
#pragma warning disable CA1031 // The scheduler's store may be down with ours; the error is logged with what was lost.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogRetryNotScheduled(logger, e, guild, occurrence, reason);
        }
    }

    internal static TimeSpan RetryDelay(int attempt) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(attempt - 1, 10)));

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
        if (context.MergedJobDataMap.TryGetString(OccurrenceKey, out var retried) && retried is not null)
            return DateTimeOffset.Parse(retried, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
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

    [LoggerMessage(6203, LogLevel.Error, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: the store is unavailable ({Reason}), and another try would fall past the grace period; this week is not posted.", EventName = "WeeklyRunStoreUnavailable")]
    private static partial void LogStoreUnavailableGaveUp(ILogger logger, string guild, DateTimeOffset scheduledUtc, string reason);

    [LoggerMessage(6205, LogLevel.Warning, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: the store is unavailable ({Reason}); trying again at {RetryUtc:O}.", EventName = "WeeklyRunRetry")]
    private static partial void LogStoreUnavailableRetry(ILogger logger, string guild, DateTimeOffset scheduledUtc, string reason, DateTimeOffset retryUtc);

    [LoggerMessage(6206, LogLevel.Error, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: the store is unavailable ({Reason}), and the scheduler could not take another try; this week is not posted unless a restart recovers it.", EventName = "WeeklyRunRetryNotScheduled")]
    private static partial void LogRetryNotScheduled(ILogger logger, Exception exception, string guild, DateTimeOffset scheduledUtc, string reason);

    [LoggerMessage(6204, LogLevel.Error, "Paper of the week for guild {Guild}, run of {ScheduledUtc:O}: failed unexpectedly.", EventName = "WeeklyRunFailed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string guild, DateTimeOffset scheduledUtc);
}
