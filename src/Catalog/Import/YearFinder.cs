using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>
/// Finds the year an entry's text gives: <c>(2021)</c>, <c>(2022.7.…)</c>, <c>(2021.12.1)</c>, <c>(2021, ICML)</c>,
/// <c>2023.1,</c>, <c>(2019)。</c>. A parenthesised year wins over one in running text, which wins over one in the title.
/// </summary>
internal static partial class YearFinder
{
    public static int? Find(string descriptionWords, string title) =>
        InParentheses(descriptionWords) ?? FirstYear(descriptionWords) ?? FirstYear(title);

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

    [GeneratedRegex(@"[(（]([^()（）]*)[)）]")]
    private static partial Regex Parenthesised();

    // Not part of a longer number, a decimal (0.2019) or an arXiv id (2006.15136).
    [GeneratedRegex(@"(?<![\d.])(?:19[5-9]\d|20\d\d)(?!\d)(?!\.\d{4,5})")]
    private static partial Regex Year();
}
