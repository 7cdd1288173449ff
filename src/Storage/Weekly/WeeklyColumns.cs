using System.Globalization;

namespace DltBot.Storage;

/// <summary>How the weekly tables spell days, times and states: text a SQL shell shows plainly, the same in every engine.</summary>
internal static class WeeklyColumns
{
    private const string TimeFormat = "HH:mm";

    public static string Day(DayOfWeek day) => day.ToString().ToLowerInvariant();

    public static DayOfWeek ParseDay(string text) =>
        Enum.TryParse<DayOfWeek>(text, ignoreCase: true, out var day) && Enum.IsDefined(day)
            ? day
            : throw new InvalidDataException($"weekly_settings has an unknown day_of_week \"{text}\"");

    public static string Time(TimeOnly time)
    {
        if (time.Second != 0 || time.Millisecond != 0 || time.Microsecond != 0)
            throw new ArgumentException($"the weekly post's time {time:HH:mm:ss.fff} is not a whole minute.", nameof(time));
        return time.ToString(TimeFormat, CultureInfo.InvariantCulture);
    }

    public static TimeOnly ParseTime(string text) =>
        TimeOnly.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InvalidDataException($"weekly_settings has a local_time \"{text}\" that is not HH:mm");

    public static string State(OccurrenceState state) => state.ToString().ToLowerInvariant();

    public static OccurrenceState ParseState(string text) =>
        Enum.TryParse<OccurrenceState>(text, ignoreCase: true, out var state) && Enum.IsDefined(state)
            ? state
            : throw new InvalidDataException($"weekly_occurrences has an unknown state \"{text}\"");

    public static int Flag(bool value) => value ? 1 : 0;

    /// <summary>Entry ids are stored in the catalog's lowercase form, like the overlay's.</summary>
    public static string EntryId(string id) => EntryStore.NormalizeId(id);

    public static string Required(string value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"{name} is empty.", name) : value.Trim();
}
