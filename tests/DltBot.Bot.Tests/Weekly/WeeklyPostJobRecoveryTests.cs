using DltBot.Bot.Weekly;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Quartz;
using Quartz.Extensibility;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>
/// A run another cluster node recovers is fired by a one-off trigger at the dead node's fire time; its occurrence is
/// the guild's weekly slot that fire stood for, read from the guild's own cron trigger.
/// </summary>
public sealed class WeeklyPostJobRecoveryTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task A_recovered_late_fire_after_midnight_is_the_slot_of_the_week_the_dead_node_claimed()
    {
        // Sunday 6 December 2026, 23:59 in Berlin (22:59Z), ISO week 2026-W49; the dead node fired it two minutes late.
        var slot = new DateTimeOffset(2026, 12, 6, 22, 59, 0, TimeSpan.Zero);
        var firedAt = slot.AddMinutes(2);
        var cron = TriggerBuilder.Create().WithIdentity(WeeklyQuartzKeys.Trigger("g1")).ForJob(WeeklyQuartzKeys.Job("g1"))
            .WithSchedule(CronScheduleBuilder.Create(new CronExpression("0 59 23 ? * SUN")).InTimeZone(Berlin)).Build();
        var scheduler = new Mock<IScheduler>();
        scheduler.Setup(s => s.GetTrigger(cron.Key, It.IsAny<CancellationToken>())).ReturnsAsync(cron);
        var recovery = TriggerBuilder.Create().WithIdentity("recover_dead-node_1", "RECOVERING_JOBS").ForJob(WeeklyQuartzKeys.Job("g1")).StartAt(firedAt)
            .UsingJobData(SchedulerConstants.FailedJobOriginalTriggerName, cron.Key.Name)
            .UsingJobData(SchedulerConstants.FailedJobOriginalTriggerGroup, cron.Key.Group)
            .Build();
        var job = new WeeklyPostJob(Mock.Of<IWeeklyRunner>(), NullLogger<WeeklyPostJob>.Instance);
        var context = JobExecutionContextBuilder.For(job).WithScheduler(scheduler.Object).WithTrigger(recovery)
            .FiredAt(firedAt.AddSeconds(20), firedAt).Recovering(true).Build();
        Assert.Equal(cron.Key, context.RecoveringTriggerKey);

        var occurrence = await WeeklyPostJob.OccurrenceAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(slot, occurrence);
        Assert.Equal(firedAt, WeeklyPostJob.Occurrence(context)); // what the one-off trigger alone would say: Monday, the next week
    }
}
