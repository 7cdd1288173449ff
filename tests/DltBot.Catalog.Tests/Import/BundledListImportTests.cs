using DltBot.Catalog.Model;

namespace DltBot.Catalog.Tests.Import;

/// <summary>
/// Counts taken by hand from catalog/deep-learning-theory.md: 15 '##' headings, 100 numbered entries at the left margin,
/// 55 indented '+' or numbered items plus the one sub-item whose '+' was left out (line 40).
/// </summary>
public sealed class BundledListImportTests
{
    private static ReadingList List => BundledList.Imported.List;

    private static Entry At(int line) =>
        List.AllEntries().SingleOrDefault(e => e.Line == line) ?? throw new Xunit.Sdk.XunitException($"no entry at line {line}");

    [Fact]
    public void Title_is_the_first_heading()
    {
        Assert.Equal("Deep Learning Theory", List.Title);
        Assert.NotEmpty(List.Preamble);
    }

    [Fact]
    public void All_fifteen_sections_come_through_in_order_with_their_topics()
    {
        Assert.Equal(
            ["Overview", "Courses", "Architecture", "Approximation", "Optimization", "Geometry", "Books", "Sessions and conferences",
             "Generalization", "Others", "Deep modeling", "Formal mathematics and computers", "Discussion", "Mathematicians", "Approximation (LLMs and emergence)"],
            List.Sections.Select(s => s.Topic.English));
        Assert.Equal([3, 21, 63, 66, 76, 91, 95, 107, 114, 127, 178, 186, 202, 210, 218], List.Sections.Select(s => s.Line));
        Assert.Equal("近似", List.Sections[14].Title);
        Assert.Equal("数学家", List.Sections[13].Title);
    }

    [Fact]
    public void Entries_per_section_match_the_file()
    {
        Assert.Equal([3, 6, 1, 1, 4, 1, 8, 5, 6, 34, 5, 13, 5, 1, 7], List.Sections.Select(s => s.Entries.Count));
        Assert.Equal(100, List.Sections.Sum(s => s.Entries.Count));
    }

    [Fact]
    public void Sub_items_per_section_match_the_file()
    {
        Assert.Equal([6, 26, 0, 7, 6, 1, 0, 0, 2, 4, 0, 0, 0, 4, 0],
            List.Sections.Select(s => s.Entries.Sum(e => e.SelfAndDescendants().Count() - 1)));
        Assert.Equal(156, List.AllEntries().Count());
    }

    [Fact]
    public void Links_and_years_are_counted()
    {
        // 144 "](" in the file, one of them inside an HTML comment, plus one bare URL (line 18).
        Assert.Equal(144, List.AllEntries().Sum(e => e.Links.Count));
        Assert.Equal(86, List.AllEntries().Count(e => e.Year is not null));
        // 41 items have no link of their own: commentary sub-items and the three entries at lines 67, 77, 92.
        Assert.Equal(115, List.AllEntries().Count(e => e.Url is not null));
    }

    [Fact]
    public void Numbering_is_kept_as_written_with_repeats_skips_and_plus()
    {
        Assert.Equal(["2", "2+", "3", "4", "5", "6"], List.Sections[1].Entries.Select(e => e.Number));
        Assert.Equal(["10", "11", "19", "20", "21", "22", "23", "24"], List.Sections[6].Entries.Select(e => e.Number));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], List.Sections[8].Entries.Select(e => e.Number));
        Assert.Equal("4", List.Sections[9].Entries[0].Number);
        Assert.Equal("44", List.Sections[9].Entries[^1].Number);
    }

    [Fact]
    public void Two_plus_entry_at_line_24()
    {
        var entry = At(24);
        Assert.Equal("2+", entry.Number);
        Assert.Equal("2021 Deep learning theory lecture note", entry.Title);
        Assert.Equal("https://mjt.cs.illinois.edu/dlt/", entry.Url); // written with a space before ')'
        Assert.Equal(2021, entry.Year);
        Assert.Equal([25], entry.Children.Select(c => c.Line));
        Assert.Equal("2.1", entry.Children[0].Number);
    }

    [Fact]
    public void Sub_item_without_plus_marker_at_line_40_is_its_own_sub_item()
    {
        var parent = At(36);
        Assert.Equal("3.2", parent.Number);
        Assert.Equal([38, 39, 40, 41, 42], parent.Children.Select(c => c.Line));
        Assert.StartsWith("Dynamics of Neural Network Optimization", At(40).Title);
        Assert.Contains(BundledList.Imported.Problems, p => p.Line == 40);
    }

    [Fact]
    public void Stray_plus_signs_inside_a_line_stay_text()
    {
        Assert.Contains("Langevin + + Dynamics", At(39).Title);
        Assert.Contains("and + controlling", At(50).Title);
    }

    [Fact]
    public void Nested_sub_items_go_two_levels_deep()
    {
        var mathsDl = At(27);
        Assert.Equal(["3.1", "3.2", "3.3"], mathsDl.Children.Select(c => c.Number));
        Assert.Equal(4, mathsDl.Children[0].Children.Count);
        var seminars = At(55);
        Assert.Equal(["1", "2", "3", "4", "5"], seminars.Children.Select(c => c.Number));
        Assert.Equal([56, 57, 58, 59, 60], seminars.Children.Select(c => c.Line));
    }

    [Fact]
    public void Url_broken_across_two_lines_is_joined()
    {
        Assert.Equal("https://minerva-demo.github.io/#category=Algebra&index=1", At(145).Links[1].Url);
        Assert.Equal("https://github.com/twitter-research/graph-neural-pde", At(149).Links[1].Url);
        Assert.Equal("https://github.com/deepmodeling", At(179).Links[1].Url);
        Assert.Contains(BundledList.Imported.Problems, p => p.Line == 145 && p.Message.Contains("broken across lines"));
    }

    [Fact]
    public void Doubled_parentheses_around_a_target_are_read_as_one_link()
    {
        var adai = At(87);
        Assert.Equal("9.2", adai.Number);
        Assert.Equal("https://www.zhihu.com/question/323747423/answer/2576604040", adai.Links[1].Url);
        Assert.Equal("Adai-zhihu", adai.Links[1].Text);
        Assert.Contains(BundledList.Imported.Problems, p => p.Line == 87 && p.Message.Contains("doubled parentheses"));
    }

    [Theory]
    [InlineData(96, 2019)]   // 等(2019)。  year followed by Chinese punctuation
    [InlineData(18, 2022)]   // (2022.7.马毅…)
    [InlineData(169, 2023)]  // 2023.1, 该论文…
    [InlineData(101, 2021)]  // (2021) … (2021.12.1)
    [InlineData(45, 2022)]   // (2022 Winter)
    [InlineData(120, 2022)]  // (Noam Razin • Jul 15, 2022)
    [InlineData(74, 2023)]   // only the title gives it
    [InlineData(68, 1991)]
    public void Years_are_read_from_the_text(int line, int year) => Assert.Equal(year, At(line).Year);

    [Theory]
    [InlineData(27)]  // "18,19,20年均有" is not a year
    [InlineData(85)]  // arXiv number in the URL is not a year
    [InlineData(81)]  // date in the URL is not a year
    public void No_year_when_the_text_gives_none(int line) => Assert.Null(At(line).Year);

    [Fact]
    public void Entry_without_own_link_keeps_children_with_links()
    {
        var entry = At(67);
        Assert.Equal("NN Approximation Theory", entry.Title);
        Assert.Null(entry.Url);
        Assert.Empty(entry.Links);
        Assert.Equal(7, entry.Children.Count);
        Assert.All(entry.Children, c => Assert.NotNull(c.Url));
        Assert.Equal("6.0", entry.Children[0].Number);
    }

    [Fact]
    public void Emoji_before_the_title_link_is_kept_as_prefix()
    {
        Assert.Equal("🔥", At(18).Prefix);
        Assert.Equal("On the Principles of Parsimony and Self-Consistency for the Emergence of Intelligence", At(18).Title);
        Assert.Equal("🔥", At(176).Prefix);
        Assert.Equal("CRATE", At(176).Title);
    }

    [Fact]
    public void Inline_html_is_stripped_from_the_description()
    {
        var crate = At(176);
        Assert.DoesNotContain("<font", crate.Description);
        Assert.DoesNotContain("</font>", crate.Description);
        Assert.Contains("<font color=\"red\">", crate.Source);
    }

    [Fact]
    public void Bare_url_in_the_text_is_a_further_link()
    {
        var entry = At(18);
        Assert.Equal("https://arxiv.org/abs/2207.04630", entry.Url);
        Assert.Equal("https://zhuanlan.zhihu.com/p/543041107", entry.Links[1].Url);
    }

    [Fact]
    public void Image_inside_an_html_comment_is_not_a_link()
    {
        var entry = At(191);
        Assert.Single(entry.Links);
        Assert.Contains("<!--", entry.Source);
        Assert.DoesNotContain("imgs", entry.Description);
    }

    [Fact]
    public void Heading_indented_by_a_space_is_a_section()
    {
        Assert.Equal("DeepModeling", List.Sections[10].Title);
        Assert.Equal(178, List.Sections[10].Line);
    }

    [Fact]
    public void Section_intro_text_is_kept()
    {
        Assert.Equal(210, List.Sections[13].Line);
        Assert.NotEmpty(List.Sections[13].Intro);
        Assert.Empty(List.Sections[0].Intro);
    }

    [Fact]
    public void Paragraph_after_nested_list_belongs_back_to_the_entry()
    {
        var entry = At(160);
        Assert.Equal("35", entry.Number);
        Assert.Equal([163, 164, 165, 166], entry.Children.Select(c => c.Line));
        Assert.NotNull(entry.TrailingSource);
        Assert.Contains("chatgpt", entry.Description);
    }

    [Fact]
    public void Arxiv_ids_are_normalized()
    {
        Assert.Equal("arxiv:2210.01117", At(170).Id);
        Assert.Equal("arxiv:2012.10931", At(4).Id); // pdf link with .pdf
    }

    [Fact]
    public void Ids_are_unique_short_and_readable()
    {
        var ids = List.AllEntries().Select(e => e.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id =>
        {
            Assert.InRange(id.Length, 1, 64);
            Assert.Matches(@"^[\p{L}\p{N}][\p{L}\p{N}:.\-]*$", id);
        });
    }

    [Fact]
    public void Only_the_messy_spots_are_reported()
    {
        Assert.Equal([40, 87, 145, 149, 179], BundledList.Imported.Problems.Select(p => p.Line));
    }

    [Fact]
    public void Every_entry_keeps_its_source_and_line()
    {
        var lines = BundledList.Text.Split('\n');
        Assert.All(List.AllEntries(), e =>
        {
            Assert.NotNull(e.Source);
            Assert.StartsWith(lines[e.Line - 1].TrimEnd('\r'), e.Source);
            Assert.False(string.IsNullOrWhiteSpace(e.Title), $"entry at line {e.Line} has no title");
        });
    }
}
