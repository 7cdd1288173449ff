using DltBot.Catalog.Import;

namespace DltBot.Catalog.Tests.Import;

public sealed class CatalogCheckTests
{
    [Fact]
    public void Reports_duplicate_urls_at_the_second_occurrence()
    {
        var imported = MarkdownCatalogImporter.Import(
            "## A\n1. [a](https://arxiv.org/abs/2101.00001)\n2. [b](https://b.org)\n## B\n3. [c](https://arxiv.org/pdf/2101.00001v2.pdf)\n4. [d](https://www.b.org/) see [again](https://a.org/x#y)\n5. [e](https://a.org/x)\n");
        var findings = CatalogCheck.Run(imported);
        Assert.Equal([5, 6, 7], findings.Select(f => f.Line));
        Assert.Contains("line 2", findings[0].Message);
        Assert.Contains("duplicate link", findings[1].Message);
        Assert.Contains("line 6", findings[2].Message);
    }

    [Fact]
    public void Same_url_twice_within_one_entry_is_not_a_duplicate()
    {
        var imported = MarkdownCatalogImporter.Import("## A\n1. [a](https://a.org) and again [a](https://a.org)\n");
        Assert.Empty(CatalogCheck.Run(imported));
    }

    [Fact]
    public void Reports_entries_without_a_link_and_says_when_children_carry_them()
    {
        var imported = MarkdownCatalogImporter.Import("## A\n7. SGD\n    + 7.1 [n](https://n.org)\n8. Just words\n");
        var findings = CatalogCheck.Run(imported);
        Assert.Equal([2, 4], findings.Select(f => f.Line));
        Assert.Contains("1 of its sub-items", findings[0].Message);
        Assert.EndsWith("has no link", findings[1].Message);
    }

    [Fact]
    public void Includes_import_problems_sorted_by_line()
    {
        var imported = MarkdownCatalogImporter.Import("## A\n1. Words\n2. [x]((https://x.org))\n");
        var findings = CatalogCheck.Run(imported);
        Assert.Equal([2, 3], findings.Select(f => f.Line));
        Assert.Contains("doubled parentheses", findings[1].Message);
    }

    [Fact]
    public void Bundled_list_findings()
    {
        var findings = CatalogCheck.Run(BundledList.Imported);
        // 5 import problems, and 3 entries (lines 67, 77, 92) whose links are all in their sub-items; no duplicate URLs.
        Assert.Equal([40, 67, 77, 87, 92, 145, 149, 179], findings.Select(f => f.Line));
        Assert.DoesNotContain(findings, f => f.Message.Contains("duplicate"));
    }

    [Fact]
    public void Reports_a_number_used_twice_in_one_section_but_not_across_sections()
    {
        var imported = MarkdownCatalogImporter.Import("## A\n9. [a](https://a.org)\n9. [b](https://b.org)\n## B\n9. [c](https://c.org)\n");
        var finding = Assert.Single(CatalogCheck.Run(imported));
        Assert.Equal(3, finding.Line);
        Assert.Contains("first at line 2", finding.Message);
    }

    [Fact]
    public void Reports_lines_with_lost_characters()
    {
        var imported = MarkdownCatalogImporter.Import("# T\n\uFFFD intro\n## A\n1. [a](https://a.org) ok\n    + 1.1 lost \uFFFD\uFFFD\n");
        var findings = CatalogCheck.Run(imported);
        Assert.Equal([2, 5], findings.Select(f => f.Line));
        Assert.StartsWith("2 character(s) lost", findings[1].Message);
    }

    [Fact]
    public void Lost_characters_in_a_grouped_section_are_reported_at_their_own_line()
    {
        var imported = MarkdownCatalogImporter.Import("# T\n## Group\n### Sub \uFFFD\n- [a](https://a.org)\n");
        Assert.Equal("Group › Sub \uFFFD", Assert.Single(imported.List.Sections).Title);
        var lost = Assert.Single(CatalogCheck.Run(imported), f => f.Message.Contains("lost"));
        Assert.Equal(3, lost.Line);
    }
}
