using DltBot.Catalog.Curation;
using static DltBot.Catalog.Tests.Curation.CatalogDiffTests;

namespace DltBot.Catalog.Tests.Curation;

/// <summary>A server's changes over a base list that changed upstream: re-applied by id, conflicts named.</summary>
public sealed class UpstreamChangesTests
{
    private static readonly TopicDirectory Topics = TopicDirectory.Default;

    private static OverlayEntry Change(string id, string title, string? url, string topic, int? year = null, string note = "", bool removed = false) =>
        new(id, new EntryFields(title, url, topic, year, note), removed);

    /// <summary>The base fields the server saw when it first changed an entry of <see cref="CatalogDiffTests.Old"/>.</summary>
    private static EntryFields SeenIn(string markdown, string id)
    {
        var list = Parse(markdown);
        var entry = list.FindEntry(id)!;
        return EntryFields.Of(entry, list.SectionOf(entry)!);
    }

    [Fact]
    public void The_servers_edit_is_reapplied_by_id_over_the_new_base_and_upstreams_other_changes_show()
    {
        var edit = Change("arxiv:2207.04630", "Our title", "https://arxiv.org/abs/2207.04630", "Overview", 2022, "我们的说明");

        var list = CatalogOverlay.Apply(Parse(New), [edit], Topics);

        Assert.Equal("Our title", list.FindEntry("arxiv:2207.04630")!.Title);
        Assert.Equal("我们的说明", list.FindEntry("arxiv:2207.04630")!.Description);
        Assert.NotNull(list.FindEntry("example-org-new"));
        Assert.Equal("A sub-item, renamed", list.FindEntry("example-org-sub")!.Title);
    }

    [Fact]
    public void An_entry_removed_upstream_disappears_unless_the_server_edited_it()
    {
        var newBase = Parse(New);
        Assert.Null(CatalogOverlay.Apply(newBase, [], Topics).FindEntry("example-org-gone"));

        var edited = Change("example-org-gone", "Still ours", "https://example.org/gone", "Overview", note: "保留");
        var list = CatalogOverlay.Apply(newBase, [edited], Topics);

        var kept = list.FindEntry("example-org-gone");
        Assert.NotNull(kept);
        Assert.Equal("Still ours", kept.Title);
        Assert.Equal("Overview", list.SectionOf(kept)!.Topic.Key);
    }

    [Fact]
    public void An_entry_the_server_removed_stays_removed_and_is_no_conflict()
    {
        var removed = Change("arxiv:2207.04630", "Old title", "https://arxiv.org/abs/2207.04630", "Overview", 2022, removed: true);
        var baselines = new Dictionary<string, EntryFields> { ["arxiv:2207.04630"] = SeenIn(Old, "arxiv:2207.04630") };

        Assert.Null(CatalogOverlay.Apply(Parse(New), [removed], Topics).FindEntry("arxiv:2207.04630"));
        Assert.Empty(UpstreamConflicts.Find(Parse(New), [removed], baselines));
    }

    [Fact]
    public void Entries_the_server_changed_that_changed_upstream_too_are_conflicts()
    {
        OverlayEntry[] overlay =
        [
            Change("arxiv:2207.04630", "Our title", "https://arxiv.org/abs/2207.04630", "Overview", 2022),
            Change("example-org-gone", "Still ours", "https://example.org/gone", "Overview"),
            Change("arxiv:2012.10931", "Ours, upstream never touched it", "https://arxiv.org/abs/2012.10931", "Overview", 2021),
            Change("example-org-new", "We added it first", "https://example.org/new", "Overview"),
            Change("example-org-ours", "Only ours", "https://example.org/ours", "Overview"),
        ];
        string[] changedBaseEntries = ["arxiv:2207.04630", "example-org-gone", "arxiv:2012.10931"];
        var baselines = changedBaseEntries.ToDictionary(id => id, id => SeenIn(Old, id));

        var conflicts = UpstreamConflicts.Find(Parse(New), overlay, baselines);

        Assert.Equal(
            [
                ("arxiv:2207.04630", ConflictKind.EditedUpstream),
                ("example-org-gone", ConflictKind.RemovedUpstream),
                ("example-org-new", ConflictKind.AddedUpstream),
            ],
            conflicts.Select(c => (c.Id, c.Kind)));
        Assert.Equal([EntryField.Title, EntryField.Note], conflicts[0].Fields);
        Assert.Equal("Our title", conflicts[0].Title);
    }

    [Fact]
    public void Before_upstream_changes_nothing_is_a_conflict()
    {
        OverlayEntry[] overlay = [Change("arxiv:2207.04630", "Our title", "https://arxiv.org/abs/2207.04630", "Overview", 2022)];
        var baselines = new Dictionary<string, EntryFields> { ["arxiv:2207.04630"] = SeenIn(Old, "arxiv:2207.04630") };

        Assert.Empty(UpstreamConflicts.Find(Parse(Old), overlay, baselines));
    }
}
