using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Catalog.Tests.Search;

namespace DltBot.Catalog.Tests.Curation;

public sealed class CatalogOverlayTests
{
    private static readonly TopicDirectory Topics = TopicDirectory.Default;
    private static readonly ReadingList Base = SampleCatalog.Build();

    private static ReadingList Apply(params OverlayEntry[] overlay) => CatalogOverlay.Apply(Base, overlay, Topics);

    private static OverlayEntry Fields(string id, string title, string? url, string topic, int? year = null, string note = "", bool removed = false) =>
        new(id, new EntryFields(title, url, topic, year, note), removed);

    [Fact]
    public void Walking_only_the_sections_with_changes_gives_the_same_list_as_walking_them_all()
    {
        var ids = Base.AllEntries().Select(e => e.Id).ToList();
        OverlayEntry[] overlay =
        [
            Fields(ids[0], "Edited", "https://example.org/edited", "generalization", 2020),
            Fields(ids[^1], "Removed", null, "course", removed: true),
            Fields(ids[1], "Moved", null, "course"),
            Fields("new-one", "Added", "https://example.org/new", "optimization", 2025),
        ];
        var sectionOf = Base.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (e.Id, s)))
            .DistinctBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(p => p.Id, p => p.s, StringComparer.OrdinalIgnoreCase);

        var walkedAll = CatalogOverlay.Overlay(Base, overlay, Topics);
        var walkedSome = CatalogOverlay.Overlay(Base, overlay, Topics, id => sectionOf.GetValueOrDefault(id));

        Assert.Equal(walkedAll.List, walkedSome.List);
        Assert.Equal(walkedAll.Removed.Order(), walkedSome.Removed.Order());
        Assert.Equal(walkedAll.Replaced.Select(r => (r.Entry.Id, r.Section.Topic.Key)), walkedSome.Replaced.Select(r => (r.Entry.Id, r.Section.Topic.Key)));
    }

    [Fact]
    public void An_empty_overlay_gives_the_base_list_back()
    {
        Assert.Same(Base, Apply());
    }

    [Fact]
    public void An_addition_goes_at_the_end_of_its_topics_section()
    {
        var list = Apply(Fields("arxiv:2401.00001", "New paper", "https://arxiv.org/abs/2401.00001", "generalization", 2024, "note"));

        var section = list.Sections.Single(s => s.Topic.Key == "generalization");
        var added = section.Entries[^1];
        Assert.Equal(("arxiv:2401.00001", "New paper", "https://arxiv.org/abs/2401.00001", 2024, "note"),
            (added.Id, added.Title, added.Url, added.Year, added.Description));
        Assert.Equal([new Link("New paper", "https://arxiv.org/abs/2401.00001")], added.Links);
        Assert.Equal(4, section.Entries.Count);
        Assert.Same(list.FindEntry("arxiv:2401.00001"), added);
    }

    [Fact]
    public void Additions_keep_the_order_of_the_overlay()
    {
        var list = Apply(Fields("b", "B", null, "course"), Fields("a", "A", null, "course"));

        Assert.Equal(["b", "a"], list.Sections.Single(s => s.Topic.Key == "course").Entries.TakeLast(2).Select(e => e.Id));
    }

    [Fact]
    public void An_edit_replaces_the_fields_in_place_and_moves_the_primary_link()
    {
        var list = Apply(Fields("offconvex-beyondntk", "Beyond NTK", "https://example.org/ntk", "Optimization", 2020, "new note"));

        var section = list.Sections.Single(s => s.Topic.Key == "optimization");
        Assert.Equal(["arxiv:1412.6980", "offconvex-beyondntk"], section.Entries.Select(e => e.Id));
        var edited = section.Entries[1];
        Assert.Equal(("Beyond NTK", "https://example.org/ntk", 2020, "new note"), (edited.Title, edited.Url, edited.Year, edited.Description));
        Assert.Equal([new Link("Beyond NTK", "https://example.org/ntk")], edited.Links);
    }

    [Fact]
    public void An_edit_is_matched_by_id_regardless_of_case()
    {
        var list = Apply(Fields("ARXIV:2210.01117", "Omnigrok", "https://arxiv.org/abs/2210.01117", "generalization", 2022));

        Assert.Equal("Omnigrok", list.FindEntry("arxiv:2210.01117")!.Title);
        Assert.Equal(Base.AllEntries().Count(), list.AllEntries().Count());
    }

    [Fact]
    public void A_sub_item_can_be_edited_where_it_is()
    {
        var list = Apply(Fields("github-com-zeke-xie-adai", "Adai (edited)", "https://github.com/zeke-xie/adaptive-inertia-adai", "optimization", 2022));

        var adam = list.FindEntry("arxiv:1412.6980")!;
        Assert.Equal("Adai (edited)", Assert.Single(adam.Children).Title);
    }

    [Fact]
    public void A_removed_entry_is_hidden_with_its_sub_items_and_the_rest_stays()
    {
        var list = Apply(Fields("arxiv:1412.6980", "Adam", "https://arxiv.org/abs/1412.6980", "optimization", removed: true));

        Assert.Null(list.FindEntry("arxiv:1412.6980"));
        Assert.Null(list.FindEntry("github-com-zeke-xie-adai"));
        Assert.Equal(Base.AllEntries().Count() - 2, list.AllEntries().Count());
        Assert.Same(Base.Sections[1], list.Sections[1]);
    }

    [Fact]
    public void A_removed_addition_is_not_shown()
    {
        var list = Apply(Fields("gone", "Gone", null, "course", removed: true));

        Assert.Null(list.FindEntry("gone"));
    }

    [Fact]
    public void An_edit_of_an_entry_the_base_no_longer_has_is_kept_as_an_addition()
    {
        var list = Apply(Fields("arxiv:1111.11111", "Dropped from the list upstream", "https://arxiv.org/abs/1111.11111", "course", 2011));

        Assert.Equal("arxiv:1111.11111", list.Sections.Single(s => s.Topic.Key == "course").Entries[^1].Id);
    }

    [Fact]
    public void Changing_the_topic_moves_the_entry_to_the_end_of_the_other_section()
    {
        var list = Apply(Fields("arxiv:2210.01117", "Omnigrok", "https://arxiv.org/abs/2210.01117", "course", 2022));

        Assert.DoesNotContain(list.Sections.Single(s => s.Topic.Key == "generalization").Entries, e => e.Id == "arxiv:2210.01117");
        Assert.Equal("arxiv:2210.01117", list.Sections.Single(s => s.Topic.Key == "course").Entries[^1].Id);
    }

    [Fact]
    public void A_topic_no_section_has_gets_a_new_section_at_the_end()
    {
        var list = Apply(Fields("x", "X", null, "Brand New Topic"));

        var last = list.Sections[^1];
        Assert.Equal(("Brand New Topic", "x"), (last.Topic.Key, Assert.Single(last.Entries).Id));
        Assert.Equal(Base.Sections.Count + 1, list.Sections.Count);
    }

    [Fact]
    public void The_base_list_is_not_changed()
    {
        var before = SampleCatalog.Build();
        _ = Apply(Fields("arxiv:1412.6980", "Adam", null, "course", removed: true), Fields("n", "N", null, "course"));

        Assert.Equal(before, Base);
    }

    [Fact]
    public void Untouched_sections_are_the_same_objects()
    {
        var list = Apply(Fields("n", "N", null, "course"));

        Assert.Same(Base.Sections[0], list.Sections[0]);
        Assert.NotSame(Base.Sections[2], list.Sections[2]);
    }
}
