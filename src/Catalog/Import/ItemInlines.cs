using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DltBot.Catalog.Import;

/// <summary>Problem found in an item's text, at a 0-based line of that text.</summary>
internal sealed record InlineProblem(int LineIndex, string Message);

/// <summary>
/// Reads an item's text into tokens with Markdig's inline parser: links are Markdig's links, HTML comments and images
/// are dropped, the rest stays text as written. Two habits of the seed list that CommonMark cannot read are fixed up
/// around the parse: a link target the author's editor wrapped onto the next line is joined before, and a target in
/// doubled parentheses (<c>[t]((url))</c>, which CommonMark reads as the URL <c>(url)</c>) is unwrapped after.
/// </summary>
internal static partial class ItemInlines
{
    public static (IReadOnlyList<InlineToken> Tokens, IReadOnlyList<InlineProblem> Problems) Read(string text)
    {
        var (joined, joins) = JoinWrappedTargets(text);
        var problems = new List<InlineProblem>();
        int LineOf(int offset) => joined.AsSpan(0, Math.Min(offset, joined.Length)).Count('\n') + joins.Count(j => j <= offset);

        var spans = new List<(int Start, int End, InlineToken? Token)>(); // End exclusive; a null token drops the span
        foreach (var node in CatalogMarkdown.Parse(joined).Descendants())
        {
            switch (node)
            {
                case HtmlBlock block when Slice(joined, block.Span).TrimStart().StartsWith("<!--", StringComparison.Ordinal):
                    spans.Add((block.Span.Start, block.Span.End + 1, null));
                    break;
                case HtmlInline html when html.Tag.StartsWith("<!--", StringComparison.Ordinal):
                    spans.Add((html.Span.Start, html.Span.End + 1, null));
                    break;
                case HtmlInline tag:
                    // Tags (<font>, <img src=…>) say nothing a reader needs, and their attributes are no links.
                    spans.Add((tag.Span.Start, tag.Span.End + 1, new TextToken(new string('\n', Slice(joined, tag.Span).Count(c => c == '\n')))));
                    break;
                case LinkInline { IsImage: true } image:
                    spans.Add((image.Span.Start, image.Span.End + 1, null));
                    break;
                case LinkInline link when ReadLink(joined, link, joins) is var (token, note):
                    spans.Add((link.Span.Start, link.Span.End + 1, token));
                    if (note is not null) problems.Add(new InlineProblem(LineOf(link.Span.Start), $"{note} ({((LinkToken)token!).Url})"));
                    break;
                case AutolinkInline auto when !auto.IsEmail:
                    spans.Add((auto.Span.Start, auto.Span.End + 1, new LinkToken(auto.Url, auto.Url, Bare: true)));
                    break;
            }
        }

        var tokens = new List<InlineToken>();
        var at = 0;
        foreach (var (start, end, token) in spans.Where(s => s.Start >= 0 && s.End <= joined.Length).OrderBy(s => s.Start).ThenByDescending(s => s.End))
        {
            if (start < at) continue; // inside a span already taken (an image inside a link's text)
            if (start > at) tokens.Add(TextOf(joined, at, start, problems, LineOf));
            // A dropped span keeps its line breaks, so a comment on a line of its own still separates paragraphs.
            tokens.Add(token ?? new TextToken(new string(joined.AsSpan(start, end - start).ToArray().Select(c => c == '\n' ? '\n' : ' ').ToArray())));
            at = end;
        }
        if (at < joined.Length) tokens.Add(TextOf(joined, at, joined.Length, problems, LineOf));
        return (InlineText.SplitBareUrls(tokens), problems);
    }

    /// <summary>The link's token and what had to be fixed to read it; null when it is no link the catalog keeps.</summary>
    private static (InlineToken? Token, string? Note)? ReadLink(string text, LinkInline link, List<int> joins)
    {
        var url = (link.Url ?? "").Trim();
        var doubled = url.Length > 2 && url[0] == '(' && url[^1] == ')';
        if (doubled) url = url[1..^1].Trim();
        if (url.Length == 0) return null;
        var labelEnd = LabelEnd(text, link.Span.Start, link.Span.End);
        if (labelEnd < 0) return null;
        var label = new StringBuilder();
        var at = link.Span.Start + 1;
        foreach (var image in link.Descendants<LinkInline>().Where(i => i.IsImage && i.Span.Start >= at && i.Span.End < labelEnd).OrderBy(i => i.Span.Start))
        {
            label.Append(text, at, image.Span.Start - at);
            at = image.Span.End + 1;
        }
        label.Append(text, at, labelEnd - at);
        // A link around nothing but images is a badge (build status, stars), not a reading-list link.
        if (label.ToString().Trim().Length == 0 && link.Descendants<LinkInline>().Any(i => i.IsImage)) return (null, null);

        var notes = new List<string>();
        if (joins.Any(j => j > link.Span.Start && j <= link.Span.End)) notes.Add("link target is broken across lines; joined");
        if (doubled) notes.Add("link target is wrapped in doubled parentheses; read as one");
        return (new LinkToken(label.ToString(), url, Bare: false), notes.Count == 0 ? null : string.Join("; ", notes));
    }

    /// <summary>Index of the <c>]</c> closing the link text that starts at <paramref name="start"/>.</summary>
    private static int LabelEnd(string text, int start, int end)
    {
        var depth = 0;
        for (var i = start; i <= end && i < text.Length; i++)
        {
            if (text[i] == '\\') { i++; continue; }
            if (text[i] == '[') depth++;
            else if (text[i] == ']' && --depth == 0) return i;
        }
        return -1;
    }

    private static TextToken TextOf(string text, int start, int end, List<InlineProblem> problems, Func<int, int> lineOf)
    {
        var slice = text[start..end];
        foreach (Match m in UnreadLink().Matches(slice))
            problems.Add(new InlineProblem(lineOf(start + m.Index), "link target is not closed; kept as text"));
        return new TextToken(slice);
    }

    private static string Slice(string text, SourceSpan span) =>
        span.Start >= 0 && span.End < text.Length ? text[span.Start..(span.End + 1)] : "";

    /// <summary>Joins a link target wrapped onto the next line; returns the offsets in the joined text where lines met.</summary>
    private static (string Text, List<int> Joins) JoinWrappedTargets(string text)
    {
        var joins = new List<int>();
        var removed = 0;
        var joined = WrappedTarget().Replace(text, m =>
        {
            joins.Add(m.Index - removed + m.Groups[1].Length);
            removed += m.Length - m.Groups[1].Length;
            return m.Groups[1].Value;
        });
        return (joined, joins);
    }

    [GeneratedRegex(@"(\]\([ \t]*\(?[ \t]*[^\s()\[\]]+)\n[ \t]*(?=[^\s()]+\))")]
    private static partial Regex WrappedTarget();

    /// <summary><c>[text](</c> left as text: Markdig found no link there, so the target is not closed.</summary>
    [GeneratedRegex(@"(?<!!)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(")]
    private static partial Regex UnreadLink();
}
