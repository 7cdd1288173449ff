using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DltBot.Catalog.Tests.Import;

/// <summary>
/// Plain Markdig (CommonMark, no fix-ups) against the importer: where the list is valid CommonMark the two agree; where
/// it is not, the differences are exactly the spots the importer's fix-ups around Markdig exist for.
/// </summary>
public sealed class MarkdigAgreementTests
{
    private static readonly MarkdownDocument Document =
        Markdown.Parse(BundledList.Text, new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build());

    [Fact]
    public void Section_headings_are_the_level_two_headings()
    {
        var headings = Document.Descendants<HeadingBlock>().Where(h => h.Level == 2).Select(h => h.Line + 1);
        Assert.Equal(headings, BundledList.Imported.List.Sections.Select(s => s.Line));
    }

    [Fact]
    public void Every_commonmark_link_is_found_with_the_same_target()
    {
        var ours = BundledList.Imported.List.AllEntries().SelectMany(e => e.Links).Select(l => l.Url).ToHashSet();
        var theirs = Document.Descendants<LinkInline>().Where(l => !l.IsImage).Select(l => l.Url!.Trim().Trim('(', ')')).ToList();
        Assert.Equal(140, theirs.Count);
        Assert.All(theirs, url => Assert.Contains(url, ours));
    }

    [Fact]
    public void Top_level_entries_are_the_top_level_list_items_plus_the_two_plus_entry()
    {
        var theirs = Document.Descendants<ListItemBlock>()
            .Where(i => i.Parent is ListBlock { Parent: MarkdownDocument })
            .Select(i => i.Line + 1)
            .ToHashSet();
        var ours = BundledList.Imported.List.Sections.SelectMany(s => s.Entries).Select(e => e.Line).ToHashSet();
        Assert.Equal([24], ours.Except(theirs));
        Assert.Empty(theirs.Except(ours));
    }
}
