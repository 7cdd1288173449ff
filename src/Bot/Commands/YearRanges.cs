using System.Globalization;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands;

/// <summary>Year filters as people type them.</summary>
public static class YearRanges
{
    /// <summary>"2020", "2019-2022" (also with an en dash or "..") in 1900..2100, from not after to; null otherwise.</summary>
    public static YearRange? Parse(string text)
    {
        var parts = text.Trim().Replace("..", "-").Replace('–', '-').Replace('—', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2) return null;
        if (!TryYear(parts[0], out var from)) return null;
        var to = from;
        if (parts.Length == 2 && !TryYear(parts[1], out to)) return null;
        return from <= to ? new YearRange(from, to) : null;

        static bool TryYear(string s, out int year) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2100;
    }
}
