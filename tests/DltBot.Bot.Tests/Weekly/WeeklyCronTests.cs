using DltBot.Bot.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>The weekly cron across daylight-saving changes (2026 dates), without a scheduler or a clock.</summary>
public sealed class WeeklyCronTests
{
    private static WeeklySchedule At(DayOfWeek day, int hour, int minute, string zone) =>
        new("c1", day, new TimeOnly(hour, minute), zone, RoleId: null, Thread: true, Poll: false);

    private static List<DateTimeOffset> Runs(WeeklySchedule schedule, DateTimeOffset fromUtc, DateTimeOffset toUtc)
    {
        var runs = new List<DateTimeOffset>();
        for (var run = WeeklyCron.NextRun(schedule, fromUtc); run < toUtc; run = WeeklyCron.NextRun(schedule, run)) runs.Add(run);
        return runs;
    }

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    public void A_weekly_1800_stays_1800_local_through_both_changes_of_the_year(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);

        var runs = Runs(At(DayOfWeek.Sunday, 18, 0, zoneId), Utc(2026, 1, 1, 0), Utc(2027, 1, 1, 0));

        Assert.Equal(52, runs.Count);
        Assert.All(runs, run =>
        {
            var local = TimeZoneInfo.ConvertTime(run, zone);
            Assert.Equal((DayOfWeek.Sunday, new TimeOnly(18, 0)), (local.DayOfWeek, TimeOnly.FromDateTime(local.DateTime)));
        });
        // Both offsets are used: the UTC time moved with the clocks rather than the local time moving with UTC.
        Assert.Equal(2, runs.Select(r => zone.GetUtcOffset(r)).Distinct().Count());
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.Equal(7, (TimeZoneInfo.ConvertTime(pair.Second, zone).Date - TimeZoneInfo.ConvertTime(pair.First, zone).Date).Days));
    }

    [Theory]
    // New York springs forward on Sunday 8 March 2026 at 02:00 EST to 03:00 EDT (07:00Z).
    [InlineData("America/New_York", 2026, 3, 8, 7)]
    // Berlin springs forward on Sunday 29 March 2026 at 02:00 CET to 03:00 CEST (01:00Z).
    [InlineData("Europe/Berlin", 2026, 3, 29, 1)]
    public void A_time_the_clocks_skip_runs_once_at_the_instant_they_jump_to(string zoneId, int year, int month, int day, int jumpHourUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var changeDay = new DateTime(year, month, day);

        var runs = Runs(At(DayOfWeek.Sunday, 2, 30, zoneId), Utc(year, month, day, 0).AddDays(-8), Utc(year, month, day, 0).AddDays(9));

        Assert.Equal(3, runs.Count);
        var onChangeDay = Assert.Single(runs, r => TimeZoneInfo.ConvertTime(r, zone).Date == changeDay);
        Assert.Equal(Utc(year, month, day, jumpHourUtc), onChangeDay);
        Assert.Equal(new TimeOnly(3, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(onChangeDay, zone).DateTime));
        // The weeks around it run at 02:30 as set.
        Assert.All(runs.Where(r => r != onChangeDay), r => Assert.Equal(new TimeOnly(2, 30), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(r, zone).DateTime)));
    }

    [Theory]
    // New York falls back on Sunday 1 November 2026 at 02:00 EDT to 01:00 EST: 01:30 happens at 05:30Z and at 06:30Z.
    [InlineData("America/New_York", 1, 30, 2026, 11, 1, 5)]
    // Berlin falls back on Sunday 25 October 2026 at 03:00 CEST to 02:00 CET: 02:30 happens at 00:30Z and at 01:30Z.
    [InlineData("Europe/Berlin", 2, 30, 2026, 10, 25, 0)]
    public void A_time_the_clocks_repeat_runs_once_at_its_first_pass(string zoneId, int hour, int minute, int year, int month, int day, int firstPassHourUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var changeDay = new DateTime(year, month, day);

        var runs = Runs(At(DayOfWeek.Sunday, hour, minute, zoneId), Utc(year, month, day, 0).AddDays(-8), Utc(year, month, day, 0).AddDays(9));

        Assert.Equal(3, runs.Count);
        var onChangeDay = Assert.Single(runs, r => TimeZoneInfo.ConvertTime(r, zone).Date == changeDay);
        Assert.Equal(Utc(year, month, day, firstPassHourUtc, minute), onChangeDay);
        Assert.True(zone.IsAmbiguousTime(onChangeDay));
    }

    [Fact]
    public void The_occurrence_of_a_fire_is_the_run_itself_or_the_run_a_late_fire_missed()
    {
        var schedule = At(DayOfWeek.Sunday, 2, 30, "America/New_York");
        var cron = WeeklyCron.Cron(schedule);
        var skipped = Utc(2026, 3, 8, 7); // 02:30 did not exist; it ran at 03:00 EDT

        Assert.Equal(skipped, WeeklyCron.OccurrenceAt(cron, skipped));
        Assert.Equal(skipped, WeeklyCron.OccurrenceAt(cron, skipped.AddHours(5)));
        Assert.Equal(Utc(2026, 3, 15, 6, 30), WeeklyCron.OccurrenceAt(cron, Utc(2026, 3, 15, 6, 30)));
    }

    [Fact]
    public void A_fire_a_fraction_of_a_second_after_its_slot_stands_for_the_slot()
    {
        var cron = WeeklyCron.Cron(At(DayOfWeek.Sunday, 6, 30, "UTC"));
        var slot = Utc(2026, 3, 15, 6, 30);

        // Quartz fires a little after the slot; the occurrence (and what status shows of it) is the slot itself.
        Assert.Equal(slot, WeeklyCron.OccurrenceAt(cron, slot.AddMilliseconds(217.7131)));
        Assert.Equal(slot, WeeklyCron.OccurrenceAt(cron, slot.AddSeconds(59.9)));
    }

    [Theory]
    [InlineData(DayOfWeek.Monday, 9, 5, "0 5 9 ? * MON")]
    [InlineData(DayOfWeek.Sunday, 18, 0, "0 0 18 ? * SUN")]
    [InlineData(DayOfWeek.Saturday, 0, 59, "0 59 0 ? * SAT")]
    public void The_expression_names_the_minute_hour_and_day(DayOfWeek day, int hour, int minute, string expected) =>
        Assert.Equal(expected, WeeklyCron.Expression(At(day, hour, minute, "UTC")));

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("Europe/")]
    public void An_unknown_zone_is_a_clear_error_that_names_it(string zone)
    {
        var e = Assert.Throws<UnknownTimeZoneException>(() => WeeklyCron.NextRun(At(DayOfWeek.Monday, 9, 0, zone), Utc(2026, 1, 1, 0)));
        Assert.Contains($"\"{zone}\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("IANA", e.Message, StringComparison.Ordinal);
    }
}
