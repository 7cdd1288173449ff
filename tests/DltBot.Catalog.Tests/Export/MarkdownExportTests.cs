using DltBot.Catalog.Export;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Tests.Import;

namespace DltBot.Catalog.Tests.Export;

public sealed class MarkdownExportTests
{
    [Fact]
    public void Unchanged_bundled_list_exports_byte_for_byte() =>
        Assert.Equal(BundledList.Text, CatalogExporter.ToMarkdown(BundledList.Imported.List));

    [Fact]
    public void Import_of_export_equals_the_original()
    {
        var list = BundledList.Imported.List;
        Assert.Equal(list, MarkdownCatalogImporter.Import(CatalogExporter.ToMarkdown(list)).List);
    }

    [Theory]
    [InlineData("## A\r\n1. [t](https://t.org) x\r\n    + 1.1 c\r\n")]
    [InlineData("no title, no newline at the end")]
    [InlineData("# T\n\n## A\n1. [t](https://t.org)\n\n\n## B\n")]
    public void Odd_documents_round_trip(string markdown) =>
        Assert.Equal(markdown, CatalogExporter.ToMarkdown(MarkdownCatalogImporter.Import(markdown).List));

    [Fact]
    public void Changed_entry_is_rendered_from_its_fields_and_the_rest_stays_as_written()
    {
        var list = BundledList.Imported.List;
        var overview = list.Sections[0];
        var edited = overview.Entries[2] with { Description = "A new note (2024)", Year = 2024 };
        var changed = list with { Sections = [overview with { Entries = [overview.Entries[0], overview.Entries[1], edited] }, .. list.Sections.Skip(1)] };

        var markdown = CatalogExporter.ToMarkdown(changed);
        var reread = MarkdownCatalogImporter.Import(markdown).List;

        var entry = reread.Sections[0].Entries[2];
        Assert.Equal(("3", "Machine Learning in Physics and Geometry", "https://arxiv.org/abs/2303.12626", "A new note (2024)", 2024, "arxiv:2303.12626"),
            (entry.Number, entry.Title, entry.Url, entry.Description, entry.Year, entry.Id));
        Assert.Contains("3. [Machine Learning in Physics and Geometry](https://arxiv.org/abs/2303.12626) A new note (2024)\n", markdown);
        var originalLines = BundledList.Text.Split('\n');
        var newLines = markdown.Split('\n');
        Assert.Equal(originalLines.Length, newLines.Length);
        Assert.Equal(originalLines.Where((_, i) => i != 18), newLines.Where((_, i) => i != 18));
    }

    [Fact]
    public void New_entries_without_source_are_rendered_so_they_import_back()
    {
        var child = new Entry("", "1.1", "child note", null, [], null, "", [], 0);
        var linked = new Entry("", "2", "Paper", "https://arxiv.org/abs/2101.00001", [new Link("Paper", "https://arxiv.org/abs/2101.00001"), new Link("code", "https://github.com/x/y")],
            2021, "(2021)short [code](https://github.com/x/y)\n\nsecond paragraph", [child], 0, Prefix: "🔥");
        var plain = new Entry("", "3", "Words only", null, [], 2019, "a description", [], 0);
        var list = new ReadingList("T", "", [new Section("Sec", TopicDirectory.Default.ForHeading("Sec"), [linked, plain], 0)]);

        var reread = MarkdownCatalogImporter.Import(CatalogExporter.ToMarkdown(list));
        Assert.Empty(reread.Problems);
        var (a, b) = (reread.List.Sections[0].Entries[0], reread.List.Sections[0].Entries[1]);
        Assert.Equal((linked.Number, linked.Title, linked.Url, linked.Year, linked.Description, linked.Prefix), (a.Number, a.Title, a.Url, a.Year, a.Description, a.Prefix));
        Assert.Equal(linked.Links, a.Links);
        Assert.Equal(("1.1", "child note"), (a.Children[0].Number, a.Children[0].Title));
        Assert.Equal((plain.Title, plain.Description, plain.Year), (b.Title, b.Description.Split(' ')[0] + " " + b.Description.Split(' ')[1], b.Year));
    }

    [Fact]
    public void Renamed_section_is_rendered_and_its_entries_kept()
    {
        var list = MarkdownCatalogImporter.Import("# T\n## Old\n1. [t](https://t.org) d\n").List;
        var renamed = list with { Sections = [list.Sections[0] with { Title = "New" }] };
        Assert.Equal("# T\n## New\n1. [t](https://t.org) d\n", CatalogExporter.ToMarkdown(renamed));
    }

    [Fact]
    public void Every_bundled_entry_rendered_from_its_fields_reads_back_the_same()
    {
        static Entry Edit(Entry e) => e with { Description = e.Description.Length == 0 ? "note" : e.Description + " note", Children = e.Children.Select(Edit).ToList() };
        var list = BundledList.Imported.List;
        var edited = list with { Sections = list.Sections.Select(s => s with { Entries = s.Entries.Select(Edit).ToList() }).ToList() };

        var reread = MarkdownCatalogImporter.Import(CatalogExporter.ToMarkdown(edited)).List;

        var expected = edited.AllEntries().Select(e => (e.Number, e.Prefix, e.Title, e.Url, e.Year, e.Description, Links: string.Join(" ", e.Links))).ToList();
        var actual = reread.AllEntries().Select(e => (e.Number, e.Prefix, e.Title, e.Url, e.Year, e.Description, Links: string.Join(" ", e.Links))).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i]);
        Assert.Equal(list.AllEntries().Select(e => e.Id), reread.AllEntries().Select(e => e.Id));
    }
}
