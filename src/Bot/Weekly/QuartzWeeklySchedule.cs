using DltBot.Storage;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Keeps each guild's Quartz trigger in step with its settings. The trigger's misfire instruction is
/// <see cref="CronTriggerMisfireInstruction.FireAndProceed"/>: a bot that was down at the scheduled time fires once
/// when it is back, however late, and then keeps its schedule; <see cref="WeeklyPostJob"/> turns that fire back into
/// the missed occurrence, and the runner posts it within <see cref="PaperOfTheWeekOptions.MisfireGrace"/> or records it
/// as missed. (DoNothing would lose the catch-up; IgnoreMisfires would replay every missed week.)
/// </summary>
internal sealed class QuartzWeeklySchedule(ISchedulerFactory schedulers, TimeProvider time) : IWeeklySchedule
{
    public async Task ApplyAsync(string guild, WeeklySettings? settings, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guild);
        var scheduler = await schedulers.GetScheduler(ct).ConfigureAwait(false);
        var triggerKey = WeeklyQuartzKeys.Trigger(guild);
        if (settings is null)
        {
            await scheduler.DeleteJob(WeeklyQuartzKeys.Job(guild), ct).ConfigureAwait(false);
            return;
        }

        var cron = WeeklyCron.Cron(settings.Schedule);
        if (await scheduler.GetTrigger(triggerKey, ct).ConfigureAwait(false) is ICronTrigger existing && Matches(existing, cron))
        {
            // Unchanged: the stored trigger keeps its next fire time, and with it a misfire a restart must catch up.
            await UpgradeJobAsync(scheduler, guild, ct).ConfigureAwait(false);
            var state = await scheduler.GetTriggerState(triggerKey, ct).ConfigureAwait(false);
            if (settings.Paused)
            {
                if (state != TriggerState.Paused) await scheduler.PauseTrigger(triggerKey, ct).ConfigureAwait(false);
                return;
            }
            if (state is not (TriggerState.Paused or TriggerState.Error)) return;
            // Resuming makes a fresh trigger: resuming the old one would apply its misfire instruction and post a week
            // that passed while the moderators had it paused.
        }

        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(triggerKey)
            .ForJob(WeeklyQuartzKeys.Job(guild))
            .WithDescription($"paper of the week: {WeeklyCron.Expression(settings.Schedule)} in {cron.TimeZone.Id}")
            .WithSchedule(CronScheduleBuilder.Create(cron).InTimeZone(cron.TimeZone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartAt(time.GetUtcNow())
            .Build();
        // Stored paused in the same operation when the guild is paused, so it never fires in between.
        await scheduler.ScheduleJob(Job(guild), trigger, new ScheduleJobOptions { Replace = true, Paused = settings.Paused }, ct).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextRunAsync(string guild, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct).ConfigureAwait(false);
        var key = WeeklyQuartzKeys.Trigger(guild);
        if (await scheduler.GetTrigger(key, ct).ConfigureAwait(false) is not { } trigger) return null;
        var state = await scheduler.GetTriggerState(key, ct).ConfigureAwait(false);
        return state is TriggerState.Paused or TriggerState.Error or TriggerState.Complete ? null : trigger.NextFireTimeUtc;
    }

    /// <summary>The guilds that have a weekly job, to delete the ones whose settings are gone.</summary>
    public async Task<IReadOnlyList<string>> ScheduledGuildsAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct).ConfigureAwait(false);
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(WeeklyQuartzKeys.Group), ct).ConfigureAwait(false);
        return keys.Select(k => k.Name).ToList();
    }

    /// <summary>
    /// Jobs stored before 2026-12 were non-concurrent, which cost every fire seven statements (blocking the guild's
    /// triggers and unblocking them after) and serialized nothing the claim did not already. Replacing the job keeps its
    /// triggers and their fire times.
    /// </summary>
    private static async Task UpgradeJobAsync(IScheduler scheduler, string guild, CancellationToken ct)
    {
        if (await scheduler.GetJobDetail(WeeklyQuartzKeys.Job(guild), ct).ConfigureAwait(false) is { ConcurrentExecutionDisallowed: true })
            await scheduler.AddJob(Job(guild), new AddJobOptions { Replace = true }, ct).ConfigureAwait(false);
    }

    private static bool Matches(ICronTrigger trigger, CronExpression cron) =>
        trigger.CronExpressionString == cron.CronExpressionString
        && trigger.TimeZone.Id == cron.TimeZone.Id
        && trigger.MisfireInstruction == CronTriggerMisfireInstruction.FireAndProceed;

    private static IJobDetail Job(string guild) =>
        JobBuilder.Create<WeeklyPostJob>()
            .WithIdentity(WeeklyQuartzKeys.Job(guild))
            .WithDescription($"paper of the week for guild {guild}")
            .StoreDurably()
            .RequestRecovery()
            .Build();
}
