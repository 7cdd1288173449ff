using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Tests.Import;

/// <summary>One small document per messy case the list contains.</summary>
public sealed class MessyMarkdownTests
{
    private static ImportResult Import(params string[] lines) => MarkdownCatalogImporter.Import(string.Join("\n", lines) + "\n");

    private static Entry Only(ImportResult result) => Assert.Single(result.List.Sections.SelectMany(s => s.Entries));

    [Fact]
    public void Numbering_that_repeats_across_sections_and_skips_is_kept()
    {
        var result = Import("# T", "## A", "1. [a](https://a.org)", "3. [b](https://b.org)", "## B", "1. [c](https://c.org)", "2+. [d](https://d.org)");
        Assert.Equal(["1", "3"], result.List.Sections[0].Entries.Select(e => e.Number));
        Assert.Equal(["1", "2+"], result.List.Sections[1].Entries.Select(e => e.Number));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Plus_items_with_dotted_numbers_nest_two_levels()
    {
        var entry = Only(Import("## A", "6. NN", "    + 6.1 [x](https://x.org) one", "        + deeper", "    + 6.2 two"));
        Assert.Equal(["6.1", "6.2"], entry.Children.Select(c => c.Number));
        Assert.Equal("deeper", Assert.Single(entry.Children[0].Children).Title);
        Assert.Equal("", entry.Children[0].Children[0].Number);
    }

    [Fact]
    public void Sub_item_with_missing_marker_is_read_as_sibling_and_reported()
    {
        var result = Import("## A", "1. P", "    + a", "        + B1 (x)", "        B2 without marker", "        + B3");
        var a = Only(result).Children[0];
        Assert.Equal(["B1 (x)", "B2 without marker", "B3"], a.Children.Select(c => c.Title));
        var problem = Assert.Single(result.Problems);
        Assert.Equal(5, problem.Line);
    }

    [Fact]
    public void Lower_case_wrapped_line_of_a_sub_item_is_a_continuation()
    {
        var result = Import("## A", "1. P", "    + a long sentence that", "    goes on here", "    + b");
        Assert.Equal(["a long sentence that goes on here", "b"], Only(result).Children.Select(c => c.Title));
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Wrapped_line_of_a_top_level_entry_is_not_a_missing_marker()
    {
        var entry = Only(Import("## A", "1. [t](https://t.org)first part", "second part"));
        Assert.Empty(entry.Children);
        Assert.Equal("first part second part", entry.Description);
    }

    [Fact]
    public void Stray_plus_inside_a_line_is_text()
    {
        var entry = Only(Import("## A", "1. P", "    + a + + b"));
        Assert.Equal("a + + b", Assert.Single(entry.Children).Title);
    }

    [Fact]
    public void Entry_without_own_link_takes_its_leading_text_as_title()
    {
        var entry = Only(Import("## A", "7. SGD", "    + 7.1 [nag](https://nag.org)"));
        Assert.Equal("SGD", entry.Title);
        Assert.Null(entry.Url);
        Assert.Equal("https://nag.org", entry.Children[0].Url);
    }

    [Fact]
    public void Url_broken_across_lines_is_joined_and_reported()
    {
        var result = Import("## A", "1. [t](https://t.org)see [demo](https://demo.", "github.io/#x=1).");
        var entry = Only(result);
        Assert.Equal("https://demo.github.io/#x=1", entry.Links[1].Url);
        Assert.Equal("see [demo](https://demo.github.io/#x=1).", entry.Description);
        Assert.Equal(2, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void Spaces_around_the_target_are_trimmed()
    {
        var result = Import("## A", "1. [t]( https://t.org/a )");
        Assert.Equal("https://t.org/a", Only(result).Url);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Doubled_parentheses_are_one_link()
    {
        var result = Import("## A", "1. [t](https://t.org)see [z]((https://z.org/q)) after");
        var entry = Only(result);
        Assert.Equal(["https://t.org", "https://z.org/q"], entry.Links.Select(l => l.Url));
        Assert.Equal("see [z](https://z.org/q) after", entry.Description);
        Assert.Single(result.Problems);
    }

    [Fact]
    public void Parentheses_inside_a_url_are_kept()
    {
        var entry = Only(Import("## A", "1. [UAT](https://en.wikipedia.org/wiki/Theorem_(math))(1991)"));
        Assert.Equal("https://en.wikipedia.org/wiki/Theorem_(math)", entry.Url);
        Assert.Equal(1991, entry.Year);
    }

    [Fact]
    public void Bare_urls_are_links_too()
    {
        var entry = Only(Import("## A", "1. [t](https://t.org) 解读：https://zhuanlan.zhihu.com/p/1 。"));
        Assert.Equal("https://zhuanlan.zhihu.com/p/1", entry.Links[1].Url);
    }

    [Fact]
    public void Text_only_entry_with_bare_url_uses_it_as_primary()
    {
        var entry = Only(Import("## A", "1. https://t.org/x some words"));
        Assert.Equal("https://t.org/x", entry.Url);
    }

    [Fact]
    public void Heading_indented_by_a_space_is_a_section()
    {
        var result = Import("# T", " ## Indented", "1. [t](https://t.org)");
        Assert.Equal("Indented", Assert.Single(result.List.Sections).Title);
    }

    [Fact]
    public void Html_tags_are_stripped_and_comments_ignored()
    {
        var entry = Only(Import("## A", "1. [t](https://t.org) a <font color=\"red\"> b </font> c &amp; d", "<!-- ![img](./x.png) -->"));
        Assert.Equal("a b c & d", entry.Description);
        Assert.Single(entry.Links);
    }

    [Fact]
    public void Emoji_before_the_link_is_a_prefix_and_emoji_in_text_survive()
    {
        var entry = Only(Import("## A", "1. 🔥 [t](https://t.org) great 🎉"));
        Assert.Equal("🔥", entry.Prefix);
        Assert.Equal("t", entry.Title);
        Assert.Equal("great 🎉", entry.Description);
    }

    [Theory]
    [InlineData("(2021)", 2021)]
    [InlineData("(2022.7.马毅、沈向洋)", 2022)]
    [InlineData("2023.1, 该论文", 2023)]
    [InlineData("(2021.12.1)", 2021)]
    [InlineData("等(2019)。", 2019)]
    [InlineData("（2020）全角", 2020)]
    [InlineData("(2021, ICML)", 2021)]
    [InlineData("2020工作，2022年8月更新", 2020)]
    [InlineData("written (Smith) in 2017", 2017)]
    public void Year_forms(string text, int year) => Assert.Equal(year, Only(Import("## A", $"1. [t](https://t.org){text}")).Year);

    [Theory]
    [InlineData("18,19,20年均有")]
    [InlineData("see 2006.15136 on arXiv")]
    [InlineData("id 120190")]
    [InlineData("")]
    public void Not_a_year(string text) => Assert.Null(Only(Import("## A", $"1. [t](https://t.org/2021/x){text}")).Year);

    [Fact]
    public void Year_in_the_title_is_the_fallback()
    {
        Assert.Equal(2021, Only(Import("## A", "2+. [2021 Deep learning theory lecture note](https://mjt.org/dlt/ )")).Year);
    }

    [Fact]
    public void Paren_year_wins_over_a_year_in_running_text()
    {
        Assert.Equal(2020, Only(Import("## A", "1. [t](https://t.org)2019 something (2020)")).Year);
    }

    [Fact]
    public void Chinese_lines_wrapped_mid_sentence_join_without_space()
    {
        var entry = Only(Import("## A", "1. [t](https://t.org)将信息熵,抽象代数,拓", "扑学联系起来"));
        Assert.Equal("将信息熵,抽象代数,拓扑学联系起来", entry.Description);
    }

    [Fact]
    public void Nested_numbered_list_and_trailing_paragraph()
    {
        var entry = Only(Import("## A", "35. [t](https://t.org)intro", "    主要贡献：", "", "    1. one", "    2. two", "", "    总之 summary"));
        Assert.Equal(["1", "2"], entry.Children.Select(c => c.Number));
        Assert.Equal("intro主要贡献：\n\n总之 summary", entry.Description);
        Assert.Equal("    总之 summary\n", entry.TrailingSource);
    }

    [Fact]
    public void Text_between_two_sub_items_stays_with_the_sub_item_above_and_is_reported()
    {
        const string markdown = "## A\n1. [t](https://t.org)\n    + 1.1 first\n\n    loose paragraph\n    + 1.2 second\n";
        var result = MarkdownCatalogImporter.Import(markdown);
        var entry = Only(result);
        Assert.Equal(["1.1", "1.2"], entry.Children.Select(c => c.Number));
        Assert.Equal("loose paragraph", entry.Children[0].Description);
        Assert.Null(entry.TrailingSource);
        Assert.Equal(5, Assert.Single(result.Problems).Line);
        Assert.Equal(markdown, DltBot.Catalog.Export.CatalogExporter.ToMarkdown(result.List));
    }

    [Fact]
    public void Item_without_any_text_is_reported()
    {
        var result = Import("## A", "1. [t](https://t.org)", "2.");
        Assert.Equal(["1", "2"], result.List.Sections[0].Entries.Select(e => e.Number));
        Assert.Equal(3, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void Long_text_title_is_cut_at_a_sentence_break_outside_parentheses()
    {
        var text = "Across three types (equivalent to matrix, tensor, and hierarchical factorizations), we have a notion of rank that is implicitly lowered and more words.";
        var entry = Only(Import("## A", "1. P", $"    + 6.1 {text}")).Children[0];
        Assert.Equal("Across three types (equivalent to matrix, tensor, and hierarchical factorizations)", entry.Title);
        Assert.StartsWith("we have a notion", entry.Description);
    }

    [Fact]
    public void Unclosed_link_is_reported_and_kept_as_text()
    {
        var result = Import("## A", "1. [t](https://t.org) and [x](https://x.org broken text");
        var entry = Only(result);
        Assert.Equal(["https://t.org", "https://x.org"], entry.Links.Select(l => l.Url)); // the URL still counts, bare
        Assert.Contains("[x](https://x.org broken text", entry.Description);
        Assert.Equal(2, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void Image_is_text_not_a_link_and_not_a_problem()
    {
        var result = Import("## A", "1. [t](https://t.org) ![diagram](./imgs/x.png)");
        Assert.Single(Only(result).Links);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Indented_item_before_any_entry_is_reported_not_dropped()
    {
        var result = Import("## A", "    + orphan", "1. [t](https://t.org)");
        Assert.Equal(["orphan", "t"], result.List.Sections[0].Entries.Select(e => e.Title));
        Assert.Equal(2, Assert.Single(result.Problems).Line);
    }

    [Fact]
    public void Unindented_plus_after_an_entry_is_its_sub_item_and_reported()
    {
        var result = Import("## A", "1. [t](https://t.org)", "+ 1.1 child");
        Assert.Equal("1.1", Assert.Single(Only(result).Children).Number);
        Assert.Single(result.Problems);
    }

    [Fact]
    public void Text_without_sections_is_reported()
    {
        var result = Import("# Only a title", "some words");
        Assert.Empty(result.List.Sections);
        Assert.Equal("some words", result.List.Preamble);
        Assert.Single(result.Problems);
    }

    [Fact]
    public void Empty_input_gives_an_empty_list()
    {
        var result = MarkdownCatalogImporter.Import("");
        Assert.Equal("", result.List.Title);
        Assert.Empty(result.List.Sections);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Crlf_line_endings_are_read_like_lf()
    {
        var lf = MarkdownCatalogImporter.Import("## A\n1. [t](https://t.org) d (2021)\n    + 1.1 c\n").List;
        var crlf = MarkdownCatalogImporter.Import("## A\r\n1. [t](https://t.org) d (2021)\r\n    + 1.1 c\r\n").List;
        var (a, b) = (lf.Sections[0].Entries[0], crlf.Sections[0].Entries[0]);
        Assert.Equal((a.Title, a.Url, a.Description, a.Year, a.Children[0].Title), (b.Title, b.Url, b.Description, b.Year, b.Children[0].Title));
    }

    [Fact]
    public void Import_is_pure_same_input_same_output()
    {
        Assert.Equal(MarkdownCatalogImporter.Import(BundledList.Text).List, MarkdownCatalogImporter.Import(BundledList.Text).List);
    }
}
