using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>
/// Finds the year an entry's text gives: <c>(2021)</c>, <c>(2022.7.…)</c>, <c>(2021.12.1)</c>, <c>(2021, ICML)</c>,
/// <c>2023.1,</c>, <c>(2019)。</c>, <c>(NeurIPS 2021)</c>, and a venue with a two-digit year, <c>[ICML'20]</c>. A parenthesised
/// year wins over a venue's, which wins over one in running text, which wins over one in the title.
/// </summary>
internal static partial class YearFinder
{
    public static int? Find(string descriptionWords, string title) =>
        InParentheses(descriptionWords) ?? VenueYear(descriptionWords) ?? FirstYear(descriptionWords) ?? FirstYear(title);

    /// <summary><c>ICML'20</c>, <c>NeurIPS’19</c>: two digits after a venue name; before 50 is this century.</summary>
    private static int? VenueYear(string text)
    {
        var match = Venue().Match(text);
        if (!match.Success) return null;
        var twoDigits = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        return twoDigits < 50 ? 2000 + twoDigits : 1900 + twoDigits;
    }

    private static int? InParentheses(string text)
    {
        foreach (Match group in Parenthesised().Matches(text))
            if (FirstYear(group.Groups[1].Value) is { } year)
                return year;
        return null;
    }

    private static int? FirstYear(string text)
    {
        var match = Year().Match(text);
        return match.Success ? int.Parse(match.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(?<![A-Za-z])[A-Z][A-Za-z]{1,11} ?['’](\d{2})(?![\d\w])")]
    private static partial Regex Venue();

    [GeneratedRegex(@"[(（]([^()（）]*)[)）]")]
    private static partial Regex Parenthesised();

    // Not part of a longer number, a decimal (0.2019) or an arXiv id (2006.15136).
    [GeneratedRegex(@"(?<![\d.])(?:19[5-9]\d|20\d\d)(?!\d)(?!\.\d{4,5})")]
    private static partial Regex Year();
}
