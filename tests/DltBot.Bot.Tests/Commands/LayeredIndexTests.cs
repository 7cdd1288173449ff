using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Tests.Commands;

/// <summary>A guild's id index is layered over the shared one; it must answer exactly as an index built from scratch would.</summary>
public sealed class LayeredIndexTests
{
    private static readonly OverlayEntry[] Changes =
    [
        new("arxiv:2210.01117", new EntryFields("Omnigrok, edited", "https://arxiv.org/abs/2210.01117v3", "optimization", 2023, "edited"), Removed: false),
        new("arxiv:2012.10931", new EntryFields("Recent advances in deep learning theory", null, "overview", 2021, ""), Removed: true),
        new("arxiv:1710.11029", new EntryFields("Stochastic gradient descent performs variational inference", "https://example.org/sgd", "generalization", 2017, "moved"), Removed: false),
        new("example-org-notes", new EntryFields("Notes", "https://example.org/notes", "overview", 2024, "added"), Removed: false),
        new("generalization/pac-bayes-notes", new EntryFields("PAC-Bayes notes", null, "generalization", null, ""), Removed: true),
    ];

    private static CatalogView GuildView()
    {
        var views = new CatalogViews(_ => FakeSearch.Returning());
        views.Publish(TestCatalog.Snapshot);
        return views.SetChanges("g", Changes);
    }

    [Fact]
    public void Every_lookup_agrees_with_an_index_built_from_the_guilds_whole_list()
    {
        var layered = GuildView().Index;
        var fresh = new CatalogIndex(CatalogOverlay.Apply(TestCatalog.List, Changes, Catalog.TopicDirectory.Default));

        Assert.Equal(fresh.All.Select(e => e.Entry.Id).Order(), layered.All.Select(e => e.Entry.Id).Order());
        Assert.Equal(fresh.EntryCount, layered.EntryCount);
        string[] keys =
        [
            .. TestCatalog.List.AllEntries().SelectMany(e => new[] { e.Id, e.Title, e.Url ?? "" }),
            .. Changes.SelectMany(c => new[] { c.Id, c.Fields.Title, c.Fields.Url ?? "" }),
            "2210.01117", "1710.11029",
        ];
        foreach (var key in keys.Where(k => k.Length > 0))
        {
            var expected = fresh.Find(key);
            var actual = layered.Find(key);
            Assert.True(expected?.Entry == actual?.Entry, $"Find(\"{key}\"): expected {expected?.Entry.Title ?? "nothing"}, got {actual?.Entry.Title ?? "nothing"}");
            Assert.Equal(expected?.Section.Topic.Key, actual?.Section.Topic.Key);
        }
    }

    [Fact]
    public void Removed_ids_stay_taken_and_arxiv_papers_are_found_by_any_link_form()
    {
        var index = GuildView().Index;

        Assert.Null(index.Find("arxiv:2012.10931"));
        Assert.Null(index.Find("arxiv:2012.10931/1.1"));
        Assert.True(index.IsTaken("arxiv:2012.10931/1.1"));
        Assert.True(index.IsTaken("EXAMPLE-ORG-NOTES"));
        Assert.False(index.IsTaken("example-org-other"));
        Assert.Equal("arxiv:2210.01117", index.FindArxiv("2210.01117")?.Entry.Id);
        Assert.Null(index.FindArxiv("2012.10931"));
        Assert.Equal("generalization", index.Find("arxiv:1710.11029")!.Value.Section.Topic.Key);
    }
}
