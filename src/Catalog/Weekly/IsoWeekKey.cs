using System.Globalization;

namespace DltBot.Catalog.Weekly;

/// <summary>
/// An ISO 8601 week, the key of one weekly occurrence: <c>2026-W49</c>. The week is that of the scheduled time in the
/// guild's own zone, so a Sunday 23:30 run in Tokyo belongs to the Tokyo week, not the UTC one.
/// </summary>
public readonly record struct IsoWeekKey(int Year, int Week)
{
    /// <summary>The week of a local date.</summary>
    public static IsoWeekKey Of(DateOnly localDate)
    {
        var date = localDate.ToDateTime(TimeOnly.MinValue);
        return new(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    /// <summary>The week that <paramref name="utc"/> falls in, seen in <paramref name="zone"/>.</summary>
    public static IsoWeekKey Of(DateTimeOffset utc, TimeZoneInfo zone) =>
        Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utc, zone).DateTime));

    /// <summary>Parses <c>2026-W49</c>; a forced extra post's suffix (<c>+1</c>) is not part of the week.</summary>
    public static bool TryParse(string? text, out IsoWeekKey week)
    {
        week = default;
        if (text is null) return false;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var core = plus < 0 ? text : text[..plus];
        if (core.Length != 8 || core[4] != '-' || core[5] != 'W') return false;
        if (!int.TryParse(core.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return false;
        if (!int.TryParse(core.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return false;
        if (year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year)) return false;
        week = new(year, number);
        return true;
    }

    /// <summary>The Monday that starts the week.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public IsoWeekKey Next() => Of(Monday.AddDays(7));

    public IsoWeekKey Previous() => Of(Monday.AddDays(-7));

    /// <summary>The key of the <paramref name="n"/>-th forced extra post in this week: <c>2026-W49+1</c>.</summary>
    public string Extra(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return $"{this}+{n.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The short form for thread names: <c>W49</c>.</summary>
    public string WeekLabel => $"W{Week.ToString("00", CultureInfo.InvariantCulture)}";

    public override string ToString() =>
        $"{Year.ToString("0000", CultureInfo.InvariantCulture)}-W{Week.ToString("00", CultureInfo.InvariantCulture)}";
}
