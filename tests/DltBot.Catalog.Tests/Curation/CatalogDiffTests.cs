using DltBot.Catalog.Curation;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Tests.Curation;

public sealed class CatalogDiffTests
{
    internal const string Old = """
        # List
        ## Overview
        1. [Kept paper](https://arxiv.org/abs/2012.10931)(2021) 概述
            + 1.1 [A sub-item](https://example.org/sub)
        2. [Old title](https://arxiv.org/abs/2207.04630)(2022) 简约
        3. [Going away](https://example.org/gone) 旧的
        ## Course
        1. [A course](https://example.org/course)(2020) 课程
        """;

    internal const string New = """
        # List
        ## Overview
        1. [Kept paper](https://arxiv.org/abs/2012.10931)(2021) 概述
            + 1.1 [A sub-item, renamed](https://example.org/sub)
        2. [New title](https://arxiv.org/abs/2207.04630)(2022) 简约与自洽
        3. [Brand new](https://example.org/new)(2024) 新的
        ## Course
        4. [A course](https://example.org/course)(2020) 课程 [Code](https://github.com/x/y)
        """;

    internal static ReadingList Parse(string markdown) => MarkdownCatalogImporter.Import(markdown).List;

    [Fact]
    public void Names_added_removed_and_edited_entries_by_id_with_the_fields_that_changed()
    {
        var diff = CatalogDiff.Between(Parse(Old), Parse(New));

        Assert.Equal(["example-org-new"], diff.Added.Select(a => a.Id));
        Assert.Equal(["example-org-gone"], diff.Removed.Select(r => r.Id));
        var edited = diff.Edited.ToDictionary(e => e.Id, e => e.Fields);
        Assert.Equal([EntryField.Title, EntryField.Note], edited["arxiv:2207.04630"]);
        Assert.Equal([EntryField.Title], edited["example-org-sub"]);
        // Renumbered (1. → 4.) is not an edit; the added link is (and the note that now names it).
        Assert.Equal([EntryField.Links, EntryField.Note], edited["example-org-course"]);
        Assert.Equal(3, diff.Edited.Count);
        Assert.Equal("Old title", diff.Edited.Single(e => e.Id == "arxiv:2207.04630").Old.Title);
    }

    [Fact]
    public void A_list_against_itself_is_empty()
    {
        Assert.True(CatalogDiff.Between(Parse(Old), Parse(Old)).IsEmpty);
    }

    [Fact]
    public void An_entry_moved_to_another_section_changed_its_topic()
    {
        var moved = Parse(Old.Replace("3. [Going away](https://example.org/gone) 旧的\n", "", StringComparison.Ordinal)
            + "\n2. [Going away](https://example.org/gone) 旧的\n");

        var diff = CatalogDiff.Between(Parse(Old), moved);

        Assert.Equal([EntryField.Topic], Assert.Single(diff.Edited).Fields);
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void Ids_match_whatever_their_case()
    {
        var old = Parse(Old);
        var upper = old with
        {
            Sections = [.. old.Sections.Select(s => s with { Entries = [.. s.Entries.Select(e => e with { Id = e.Id.ToUpperInvariant() })] })],
        };

        Assert.True(CatalogDiff.Between(old, upper).IsEmpty);
    }
}
