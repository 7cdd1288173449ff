using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl.Triggers;

namespace DltBot.Bot.Upstream;

/// <summary>
/// At start: a URL source gets the refresh job with a trigger every Catalog:RefreshInterval, first one interval after
/// now (the start has just loaded the list); a file source gets none (a stored one is deleted). A trigger with the same
/// interval is left alone, so instances that start one after another do not push the next refresh back each time.
/// </summary>
internal sealed partial class CatalogRefreshSchedule(ISchedulerFactory schedulers, IOptions<CatalogOptions> options, TimeProvider time,
    ILogger<CatalogRefreshSchedule> logger) : IHostedService
{
    public static readonly JobKey Job = new("refresh", "catalog");
    public static readonly TriggerKey Trigger = new("refresh", "catalog");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
            if (CatalogSource.Parse(options.Value.Source) is not CatalogSource.Url)
            {
                await scheduler.DeleteJob(Job, cancellationToken).ConfigureAwait(false);
                return;
            }
            var interval = options.Value.RefreshInterval;
            if (await scheduler.GetTrigger(Trigger, cancellationToken).ConfigureAwait(false) is ISimpleTrigger existing
                && existing.RepeatInterval == interval && existing.RepeatCount == SimpleTriggerImpl.RepeatIndefinitely)
                return;
            var job = JobBuilder.Create<CatalogRefreshJob>().WithIdentity(Job).WithDescription("refresh the catalog from its URL")
                .StoreDurably().DisallowConcurrentExecution().Build();
            var trigger = TriggerBuilder.Create(time).WithIdentity(Trigger).ForJob(Job)
                .WithDescription($"every {interval:c}")
                .StartAt(time.GetUtcNow() + interval)
                // After downtime: one refresh at once, then every interval again (no burst of the ones missed).
                .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
                .Build();
            await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
            LogScheduled(logger, interval);
        }
        catch (SchedulerException e)
        {
            LogNotScheduled(logger, e.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(1120, LogLevel.Information, "The catalog is refreshed from its URL every {Interval}.", EventName = "CatalogRefreshScheduled")]
    private static partial void LogScheduled(ILogger logger, TimeSpan interval);

    [LoggerMessage(1121, LogLevel.Warning, "The catalog refresh could not be scheduled ({Reason}); the list loaded at start stays until the next start.", EventName = "CatalogRefreshNotScheduled")]
    private static partial void LogNotScheduled(ILogger logger, string reason);
}
