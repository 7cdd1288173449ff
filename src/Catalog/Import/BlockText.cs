using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>
/// Reads the header (title and preamble) and a section's heading and intro from their Markdown. Import and export both use
/// it, so export can tell whether those fields still match what was written.
/// </summary>
internal static partial class BlockText
{
    public static Match MatchHeading(string line) => Heading().Match(line);

    public static (string Title, string Preamble) ReadHeader(string source)
    {
        string? title = null;
        var rest = new List<string>();
        foreach (var line in ItemText.SplitLines(source))
        {
            var heading = Heading().Match(line);
            if (title is null && heading.Success && heading.Groups[1].Length == 1) title = heading.Groups[2].Value.Trim();
            else rest.Add(line);
        }
        return (title ?? "", PlainText(rest));
    }

    public static (string Title, string Intro) ReadSection(string source)
    {
        var lines = ItemText.SplitLines(source);
        var heading = Heading().Match(lines[0]);
        return (heading.Success ? heading.Groups[2].Value.Trim() : lines[0].Trim(), PlainText(lines.Skip(1)));
    }

    private static string PlainText(IEnumerable<string> lines) =>
        InlineScanner.ToMarkdownText(InlineScanner.Scan(string.Join('\n', lines)).Tokens);

    [GeneratedRegex(@"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();
}
