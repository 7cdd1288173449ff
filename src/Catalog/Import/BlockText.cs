using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DltBot.Catalog.Import;

/// <summary>
/// Reads the header (title and preamble) and a section's heading and intro from their Markdown. Import and export both use
/// it, so export can tell whether those fields still match what was written.
/// </summary>
internal static class BlockText
{
    /// <summary>The title is the first level-1 heading; the preamble is the rest, less headings and a table of contents.</summary>
    public static (string Title, string Preamble) ReadHeader(string source)
    {
        var lines = ItemText.SplitLines(source);
        var text = string.Join('\n', lines);
        var document = CatalogMarkdown.Parse(text);
        var title = document.OfType<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        return (title is null ? "" : HeadingTitle(text, title),
            PlainText(lines, b => b is HeadingBlock || b is ListBlock list && TableOfContents.Is(list)));
    }

    /// <summary>
    /// The title is the last heading (headings before it, which group it or are a skipped table of contents, travel with
    /// its source); the intro is the text after it.
    /// </summary>
    public static (string Title, string Intro) ReadSection(string source)
    {
        var lines = ItemText.SplitLines(source);
        var text = string.Join('\n', lines);
        var heading = CatalogMarkdown.Parse(text).OfType<HeadingBlock>().LastOrDefault();
        if (heading is null) return (lines[0].Trim(), PlainText(lines.Skip(1).ToList(), _ => false));
        return (HeadingTitle(text, heading), PlainText(lines.Skip(LastLine(text, heading) + 1).ToList(), _ => false));
    }

    /// <summary>0-based line of a section's own heading in its source (after any headings it travels with).</summary>
    public static int OwnHeadingLine(string source)
    {
        var text = string.Join('\n', ItemText.SplitLines(source));
        var heading = CatalogMarkdown.Parse(text).OfType<HeadingBlock>().LastOrDefault();
        return heading is null ? 0 : FirstLine(text, heading);
    }

    /// <summary>The heading's words, without its <c>#</c> marks or underline, badges, or the targets of its links.</summary>
    public static string HeadingTitle(string text, HeadingBlock heading)
    {
        var inlines = heading.Inline?.ToList() ?? [];
        if (inlines.Count == 0 || inlines[0].Span.Start < 0) return "";
        var start = inlines[0].Span.Start;
        var end = Math.Min(inlines.Max(i => i.Span.End), text.Length - 1);
        if (end < start) return "";
        var written = string.Join(' ', text[start..(end + 1)].Split('\n').Select(l => l.Trim()));
        return InlineText.ToWordsOnly(ItemInlines.Read(written).Tokens).Trim();
    }

    /// <summary>0-based line on which a block starts (Markdig puts a setext heading on its underline).</summary>
    public static int FirstLine(string text, Block block) => LineAt(text, block.Span.Start);

    /// <summary>0-based line on which a block ends.</summary>
    public static int LastLine(string text, Block block) => LineAt(text, block.Span.End);

    private static int LineAt(string text, int offset) => text.AsSpan(0, Math.Clamp(offset, 0, text.Length)).Count('\n');

    /// <summary>The text of the lines, less the blocks <paramref name="skipped"/> picks and tables (their rows are entries).</summary>
    private static string PlainText(IReadOnlyList<string> lines, Func<Block, bool> skipped)
    {
        var text = string.Join('\n', lines);
        var skip = new HashSet<int>();
        foreach (var block in CatalogMarkdown.Parse(text).Where(b => b is Markdig.Extensions.Tables.Table || skipped(b)))
            for (var line = FirstLine(text, block); line <= LastLine(text, block); line++) skip.Add(line);
        var kept = lines.Where((_, i) => !skip.Contains(i));
        return InlineText.ToMarkdownText(ItemInlines.Read(string.Join('\n', kept)).Tokens);
    }
}

/// <summary>A list whose every item links only into the page itself (<c>[Papers](#papers)</c>): a table of contents.</summary>
internal static class TableOfContents
{
    public static bool Is(ListBlock list)
    {
        var items = list.Descendants<ListItemBlock>().ToList();
        return items.Count > 0 && items.All(item =>
        {
            var links = item.Descendants<LinkInline>().Where(l => !l.IsImage && !IsNestedIn(l, item)).ToList();
            return links.Count > 0 && links.All(l => (l.Url ?? "").StartsWith('#'));
        });
    }

    /// <summary>True when the link belongs to a list item nested inside <paramref name="item"/>, which is judged on its own.</summary>
    private static bool IsNestedIn(LinkInline link, ListItemBlock item)
    {
        Inline root = link;
        while (root.Parent is not null) root = root.Parent;
        for (Block? block = (root as ContainerInline)?.ParentBlock; block is not null && block != item; block = block.Parent)
            if (block is ListItemBlock) return true;
        return false;
    }
}
