using DltBot.Catalog.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Weekly;

/// <summary>A guild's weekly time in its own zone: which ISO week a time belongs to, and when the next run is.</summary>
public static class WeeklyClock
{
    /// <summary>The schedule's zone; UTC when the id is not known here (setup validated it, but zones can differ between machines).</summary>
    public static TimeZoneInfo Zone(WeeklySchedule schedule) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    public static IsoWeekKey WeekOf(DateTimeOffset utc, WeeklySchedule schedule) => IsoWeekKey.Of(utc, Zone(schedule));

    /// <summary>
    /// The first scheduled time strictly after <paramref name="afterUtc"/>. Only the poll's duration depends on it, so a
    /// time skipped by a DST change is simply read with the zone's standard offset.
    /// </summary>
    public static DateTimeOffset NextRunAfter(WeeklySchedule schedule, DateTimeOffset afterUtc)
    {
        var zone = Zone(schedule);
        var local = TimeZoneInfo.ConvertTime(afterUtc, zone);
        var days = ((int)schedule.Day - (int)local.DayOfWeek + 7) % 7;
        var candidate = DateOnly.FromDateTime(local.DateTime).AddDays(days).ToDateTime(schedule.LocalTime);
        for (var i = 0; i < 3; i++)
        {
            var at = new DateTimeOffset(candidate, zone.GetUtcOffset(candidate));
            if (at > afterUtc) return at.ToUniversalTime();
            candidate = candidate.AddDays(7);
        }
        throw new InvalidOperationException("a weekly time always comes within three weeks");
    }
}
