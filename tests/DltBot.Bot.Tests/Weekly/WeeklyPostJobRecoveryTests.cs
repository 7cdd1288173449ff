using DltBot.Bot.Weekly;
using DltBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
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
        var job = new WeeklyPostJob(Mock.Of<IWeeklyRunner>(), Options.Create(new PaperOfTheWeekOptions()), TimeProvider.System, NullLogger<WeeklyPostJob>.Instance);
        var context = JobExecutionContextBuilder.For(job).WithScheduler(scheduler.Object).WithTrigger(recovery)
            .FiredAt(firedAt.AddSeconds(20), firedAt).Recovering(true).Build();
        Assert.Equal(cron.Key, context.RecoveringTriggerKey);

        var occurrence = await WeeklyPostJob.OccurrenceAsync(context, TestContext.Current.CancellationToken);

        Assert.Equal(slot, occurrence);
        Assert.Equal(firedAt, WeeklyPostJob.Occurrence(context)); // what the one-off trigger alone would say: Monday, the next week
    }

    [Fact]
    public async Task A_run_the_store_could_not_serve_is_tried_again_for_the_same_occurrence_with_a_growing_delay()
    {
        var slot = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(slot.AddSeconds(6));
        var (scheduler, scheduled) = RecordingScheduler();
        var runner = new Mock<IWeeklyRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<WeeklyRunRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException("database is locked"));
        var job = new WeeklyPostJob(runner.Object, Options.Create(new PaperOfTheWeekOptions()), time, NullLogger<WeeklyPostJob>.Instance);
        var weekly = TriggerBuilder.Create().WithIdentity(WeeklyQuartzKeys.Trigger("g1")).ForJob(WeeklyQuartzKeys.Job("g1")).StartAt(slot).Build();

        await job.Execute(JobExecutionContextBuilder.For(job).WithJob(GuildJob).WithScheduler(scheduler).WithTrigger(weekly).FiredAt(slot.AddSeconds(6), slot).Build(), Ct);
        var first = Assert.Single(scheduled);
        Assert.Equal(slot.AddSeconds(36), first.StartTimeUtc);
        Assert.Equal(WeeklyQuartzKeys.Job("g1"), first.JobKey);

        // The retry fires (late, as a busy scheduler may): it is the same week, and the next wait is twice as long.
        time.SetUtcNow(slot.AddSeconds(40));
        await job.Execute(JobExecutionContextBuilder.For(job).WithJob(GuildJob).WithScheduler(scheduler).WithTrigger(first).FiredAt(slot.AddSeconds(40), first.StartTimeUtc).Build(), Ct);
        runner.Verify(r => r.RunAsync(new WeeklyRunRequest("g1", slot, RunKind.Scheduled, false), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Equal(2, scheduled.Count);
        Assert.Equal(slot.AddSeconds(100), scheduled[1].StartTimeUtc);
        Assert.NotEqual(first.Key, scheduled[1].Key);
    }

    [Fact]
    public async Task A_run_the_store_could_not_serve_is_given_up_when_another_try_would_fall_past_the_grace_period()
    {
        var slot = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(slot.AddHours(12).AddSeconds(-10));
        var (scheduler, scheduled) = RecordingScheduler();
        var runner = new Mock<IWeeklyRunner>();
        runner.Setup(r => r.RunAsync(It.IsAny<WeeklyRunRequest>(), It.IsAny<CancellationToken>())).ThrowsAsync(new StoreUnavailableException("database is locked"));
        var job = new WeeklyPostJob(runner.Object, Options.Create(new PaperOfTheWeekOptions { MisfireGrace = TimeSpan.FromHours(12) }), time, NullLogger<WeeklyPostJob>.Instance);
        var weekly = TriggerBuilder.Create().WithIdentity(WeeklyQuartzKeys.Trigger("g1")).ForJob(WeeklyQuartzKeys.Job("g1")).StartAt(slot).Build();

        await job.Execute(JobExecutionContextBuilder.For(job).WithJob(GuildJob).WithScheduler(scheduler).WithTrigger(weekly).FiredAt(time.GetUtcNow(), slot).Build(), Ct);

        Assert.Empty(scheduled);
    }

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(6, 600)]
    [InlineData(40, 600)]
    public void The_wait_before_another_try_doubles_from_30_seconds_to_10_minutes(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), WeeklyPostJob.RetryDelay(attempt));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IJobDetail GuildJob = JobBuilder.Create<WeeklyPostJob>().WithIdentity(WeeklyQuartzKeys.Job("g1")).Build();

    private static (IScheduler Scheduler, List<ITrigger> Scheduled) RecordingScheduler()
    {
        var scheduled = new List<ITrigger>();
        var scheduler = new Mock<IScheduler>();
        scheduler.Setup(s => s.ScheduleJob(It.IsAny<ITrigger>(), It.IsAny<ScheduleJobOptions>(), It.IsAny<CancellationToken>()))
            .Callback<ITrigger, ScheduleJobOptions, CancellationToken>((t, _, _) => scheduled.Add(t))
            .ReturnsAsync((ITrigger t, ScheduleJobOptions _, CancellationToken _) => t.StartTimeUtc);
        return (scheduler.Object, scheduled);
    }
}
