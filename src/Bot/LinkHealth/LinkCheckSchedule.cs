using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace DltBot.Bot.LinkHealth;

/// <summary>
/// At start: the link check's trigger is made to match <c>LinkCheck:Schedule</c> (UTC), or removed when it is empty. An
/// unchanged trigger is left alone, so a run missed while the bot was down fires once when it is back (FireAndProceed).
/// </summary>
internal sealed partial class LinkCheckSchedule(ISchedulerFactory schedulers, IOptions<LinkCheckOptions> options, TimeProvider time, ILogger<LinkCheckSchedule> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var expression = options.Value.Schedule?.Trim();
        if (string.IsNullOrEmpty(expression))
        {
            await scheduler.DeleteJob(LinkCheckJob.Key, cancellationToken).ConfigureAwait(false);
            LogOff(logger);
            return;
        }
        var cron = new CronExpression(expression, TimeZoneInfo.Utc);
        if (await scheduler.GetTrigger(LinkCheckJob.TriggerKey, cancellationToken).ConfigureAwait(false) is ICronTrigger existing
            && existing.CronExpressionString == cron.CronExpressionString && existing.TimeZone.Id == TimeZoneInfo.Utc.Id)
        {
            LogScheduled(logger, expression, existing.NextFireTimeUtc);
            return;
        }
        var job = JobBuilder.Create<LinkCheckJob>().WithIdentity(LinkCheckJob.Key).WithDescription("link check of every list entry")
            .StoreDurably().DisallowConcurrentExecution().Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(LinkCheckJob.TriggerKey)
            .ForJob(LinkCheckJob.Key)
            .WithDescription($"link check: {expression} UTC")
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartAt(time.GetUtcNow())
            .Build();
        await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
        LogScheduled(logger, expression, cron.GetNextValidTimeAfter(time.GetUtcNow()));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(6320, LogLevel.Information, "Link check scheduled: {Expression} UTC, next at {Next:O}.", EventName = "LinkCheckScheduled")]
    private static partial void LogScheduled(ILogger logger, string expression, DateTimeOffset? next);

    [LoggerMessage(6321, LogLevel.Information, "Link check not scheduled: LinkCheck:Schedule is empty.", EventName = "LinkCheckOff")]
    private static partial void LogOff(ILogger logger);
}
