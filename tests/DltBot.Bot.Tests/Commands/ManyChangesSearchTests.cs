using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Search;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Tests.Commands;

/// <summary>A server with many changes searches like any other: the shared index is never asked for more than it allows.</summary>
public sealed class ManyChangesSearchTests
{
    private static readonly Topic Papers = new("papers", "Papers", "论文", []);

    private static ReadingList ListOf(int count) => new("List", "", [new Section("Papers", Papers,
        [.. Enumerable.Range(1, count).Select(i => new Entry($"p{i}", $"{i}", $"Grokking study {i}", $"https://example.org/p{i}",
            [new Link($"Grokking study {i}", $"https://example.org/p{i}")], 2020, "grokking", [], i))], 1)]);

    [Fact]
    public void A_server_that_removed_and_added_more_entries_than_one_search_page_holds_still_finds_the_rest()
    {
        var views = new CatalogViews(SearchEngine.Create);
        views.Publish(new CatalogSnapshot(ListOf(150), [], "test", DateTimeOffset.UnixEpoch));
        var changes = Enumerable.Range(1, 120).Select(i => new OverlayEntry($"p{i}", new EntryFields($"Grokking study {i}", $"https://example.org/p{i}", "papers", 2020, "grokking"), Removed: true))
            .Concat(Enumerable.Range(1, 120).Select(i => new OverlayEntry($"added{i}", new EntryFields($"Added grokking note {i}", $"https://example.org/a{i}", "papers", 2021, "grokking"), Removed: false)))
            .ToList();

        var response = views.SetChanges("g", changes).Search.Search(new SearchQuery("grokking", Limit: 100));

        Assert.Null(response.Error);
        Assert.Equal(100, response.Hits.Count);
        Assert.DoesNotContain(response.Hits, h => h.Entry.Id is "p1" or "p120");
        Assert.Equal(150, response.Total);
    }
}
