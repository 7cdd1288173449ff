using DltBot.Catalog.Model;

namespace DltBot.Catalog.Import;

/// <summary>The fields of one list item, read from its own Markdown (children excluded).</summary>
internal sealed record ParsedItem(
    MarkerKind Kind,
    string Number,
    string Prefix,
    string Title,
    string? Url,
    IReadOnlyList<Link> Links,
    int? Year,
    string Description,
    IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Turns an item's Markdown into its fields. The same function serves import and export (to tell whether an entry's
/// fields still match its source), so the two can never disagree.
/// </summary>
internal static class ItemText
{
    private const int MaxTextTitle = 120;
    private const int MinTitle = 4;
    private const string SentenceEnds = "。；;：:！？!?.";
    private const string ClauseBreaks = "，,";
    private const string SentenceBreaks = SentenceEnds + ClauseBreaks;

    /// <param name="source">The item's own lines as written, starting with its marker line.</param>
    /// <param name="trailingSource">Lines of the item written after its children, or null.</param>
    public static ParsedItem Parse(string source, string? trailingSource, int line, int trailingLine = 0)
    {
        var lines = SplitLines(source);
        var marker = ListMarker.Parse(lines[0]) ?? ListMarker.Missing(lines[0]);
        lines[0] = lines[0][Math.Min(marker.ContentStart, lines[0].Length)..];
        var ownLines = lines.Select(l => l.TrimStart()).ToList();
        if (marker.Kind == MarkerKind.Missing && ownLines.Count == 1 && ownLines[0].StartsWith('|'))
            ownLines[0] = ownLines[0].Replace('|', ' '); // a table row: its cells read as one line of text
        var text = string.Join('\n', ownLines);
        if (trailingSource is not null)
            text += "\n\n" + string.Join('\n', SplitLines(trailingSource).Select(l => l.TrimStart()));

        var (tokens, inlineProblems) = ItemInlines.Read(text);
        var problems = inlineProblems
            .Select(p => new ImportProblem(LineOf(p.LineIndex, ownLines.Count, line, trailingLine), p.Message))
            .ToList();

        var links = tokens.OfType<LinkToken>().Select(l => new Link(InlineText.Unescape(InlineText.NormalizeLines(InlineText.StripHtml(l.Text))), l.Url)).ToList();
        var firstLink = tokens.Select((t, i) => (t, i)).FirstOrDefault(x => x.t is LinkToken);
        var before = firstLink.t is null ? tokens : tokens.Take(firstLink.i).ToList();
        var beforeText = InlineText.ToWordsOnly(before);

        string prefix, title, description, descriptionWords;
        if (firstLink.t is LinkToken && !beforeText.Any(char.IsLetterOrDigit))
        {
            // The title is the link; whatever stands before it (🔥) is decoration.
            var after = tokens.Skip(firstLink.i + 1).ToList();
            // Emphasis around the title link (**[t](u)**) is decoration too.
            prefix = beforeText.Trim().Trim('*', '_').Trim();
            title = links[0].Text;
            var afterText = InlineText.ToMarkdownText(after);
            if (beforeText.TrimEnd().EndsWith("**", StringComparison.Ordinal) || beforeText.TrimEnd().EndsWith("__", StringComparison.Ordinal))
                afterText = afterText.TrimStart('*', '_');
            description = TrimLeadingSeparators(afterText);
            descriptionWords = InlineText.ToWordsOnly(after);
        }
        else
        {
            prefix = "";
            (title, description) = SplitTextTitle(InlineText.ToMarkdownText(before), InlineText.ToMarkdownText(tokens));
            descriptionWords = InlineText.ToWordsOnly(tokens);
        }

        var year = YearFinder.Find(descriptionWords, title);
        return new ParsedItem(marker.Kind, marker.Number, prefix, title, links.Count > 0 ? links[0].Url : null, links, year,
            description, problems);
    }

    /// <summary>
    /// Without a leading link the title is the first line of the text before the first link, cut at a sentence break
    /// (or a space) when it runs longer than <see cref="MaxTextTitle"/>; the description is everything after it.
    /// </summary>
    private static (string Title, string Description) SplitTextTitle(string leading, string full)
    {
        var firstLine = leading.Split('\n')[0];
        var cut = firstLine.Length;
        if (cut > MaxTextTitle)
        {
            cut = BreakOutsideParentheses(firstLine, SentenceEnds) ?? BreakOutsideParentheses(firstLine, ClauseBreaks) ?? -1;
            if (cut < 0)
            {
                var space = firstLine.LastIndexOf(' ', MaxTextTitle);
                cut = space > MinTitle ? space : MaxTextTitle;
            }
        }
        var title = TrimTrailingSeparators(firstLine[..cut]);
        var description = full.Length > cut ? TrimLeadingSeparators(full[cut..]) : "";
        return (title, description);
    }

    /// <summary>The first break character within the title length that is not inside parentheses.</summary>
    private static int? BreakOutsideParentheses(string text, string breaks)
    {
        var depth = 0;
        for (var i = 0; i < Math.Min(text.Length, MaxTextTitle); i++)
        {
            var c = text[i];
            if (c is '(' or '（' or '[') depth++;
            else if (c is ')' or '）' or ']') depth = Math.Max(0, depth - 1);
            else if (depth == 0 && i >= MinTitle && breaks.Contains(c) && (c != '.' || i + 1 < text.Length && text[i + 1] == ' '))
                return i;
        }
        return null;
    }

    internal static string TrimTrailingSeparators(string text) => text.TrimEnd().TrimEnd(SentenceBreaks.ToCharArray()).TrimEnd();

    /// <summary>Also the dash or bar awesome lists put between a link and its description.</summary>
    internal static string TrimLeadingSeparators(string text) => text.TrimStart().TrimStart((SentenceBreaks + "-–—|").ToCharArray()).TrimStart();

    internal static List<string> SplitLines(string source) =>
        source.Replace("\r\n", "\n").Replace("\t", "    ").TrimEnd('\n').Split('\n').ToList();

    private static int LineOf(int lineIndex, int ownLines, int line, int trailingLine) =>
        lineIndex < ownLines || trailingLine == 0
            ? line + Math.Min(lineIndex, ownLines - 1)
            : trailingLine + lineIndex - ownLines - 1;
}
