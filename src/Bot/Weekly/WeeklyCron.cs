using System.Globalization;
using DltBot.Storage;
using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>A guild's weekly schedule as a Quartz cron expression in its zone: what the trigger runs on, and what commands show as "next run".</summary>
public static class WeeklyCron
{
    /// <summary>Seconds, minutes, hours, any day of the month, any month, the day of the week: <c>0 30 18 ? * MON</c>.</summary>
    public static string Expression(WeeklySchedule schedule)
    {
        if (schedule.LocalTime.Second != 0 || schedule.LocalTime.Millisecond != 0 || schedule.LocalTime.Microsecond != 0)
            throw new ArgumentException($"the weekly post's time {schedule.LocalTime:HH:mm:ss.fff} is not a whole minute.", nameof(schedule));
        if (!Enum.IsDefined(schedule.Day))
            throw new ArgumentException($"the weekly post's day {(int)schedule.Day} is not a day of the week.", nameof(schedule));
        var day = schedule.Day.ToString()[..3].ToUpperInvariant();
        return string.Create(CultureInfo.InvariantCulture, $"0 {schedule.LocalTime.Minute} {schedule.LocalTime.Hour} ? * {day}");
    }

    /// <summary>The IANA zone (<c>Europe/Berlin</c>).</summary>
    /// <exception cref="UnknownTimeZoneException">The id names no zone this machine knows.</exception>
    public static TimeZoneInfo Zone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId)) throw new UnknownTimeZoneException(timeZoneId ?? "");
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
        }
        // A path-like id ("Europe/") reaches the zoneinfo folder itself and fails as a security or argument error.
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException or ArgumentException)
        {
            throw new UnknownTimeZoneException(timeZoneId, e);
        }
    }

    /// <exception cref="UnknownTimeZoneException">The schedule's zone is unknown.</exception>
    public static CronExpression Cron(WeeklySchedule schedule) => new(Expression(schedule), Zone(schedule.TimeZoneId));

    /// <summary>
    /// The first run strictly after <paramref name="afterUtc"/>. On a spring-forward day a time the clocks skip runs at
    /// the instant they jump to (02:30 runs at 03:00); on a fall-back day a repeated time runs once, at its first pass.
    /// </summary>
    /// <exception cref="UnknownTimeZoneException">The schedule's zone is unknown.</exception>
    public static DateTimeOffset NextRun(WeeklySchedule schedule, DateTimeOffset afterUtc) => NextRun(Cron(schedule), afterUtc);

    internal static DateTimeOffset NextRun(CronExpression cron, DateTimeOffset afterUtc) =>
        cron.GetNextValidTimeAfter(afterUtc)
        ?? throw new InvalidOperationException($"the weekly cron {cron.CronExpressionString} has no run after {afterUtc:O}.");

    /// <summary>
    /// The occurrence a fire at <paramref name="firedFor"/> stands for: the latest run at or before it. A regular fire is
    /// its own occurrence; a late catch-up fire stands for the run it missed. Quartz fires a few milliseconds after the
    /// slot and its cron matching ignores the fraction of a second, so the fraction is dropped: the slot, not the fire.
    /// </summary>
    internal static DateTimeOffset OccurrenceAt(CronExpression cron, DateTimeOffset firedFor)
    {
        var second = new DateTimeOffset(firedFor.UtcTicks - (firedFor.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return cron.IsSatisfiedBy(second) ? second : cron.GetPreviousValidTimeBefore(second) ?? firedFor;
    }
}

/// <summary>A schedule's time zone is not one this machine knows.</summary>
public sealed class UnknownTimeZoneException(string timeZoneId, Exception? inner = null)
    : Exception($"the time zone \"{timeZoneId}\" is not a known IANA time zone id (for example Europe/Berlin or America/New_York).", inner)
{
    public string TimeZoneId { get; } = timeZoneId;
}
