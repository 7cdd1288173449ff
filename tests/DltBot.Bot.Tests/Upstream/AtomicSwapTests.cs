using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Search;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Tests.Upstream;

/// <summary>Searches running while a refresh swaps the base list see the old list or the new one, never a mix.</summary>
public sealed class AtomicSwapTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Place Guild = Place.Guild(1001, null);

    private static CatalogSnapshot Snapshot(string markdown, string name) =>
        new(new MarkdownCatalogParser().Parse(markdown).Imported.List, [], name, At);

    [Fact]
    public async Task Concurrent_searches_during_swaps_each_see_one_whole_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = Snapshot(UpstreamLists.Old, "old");
        var @new = Snapshot(UpstreamLists.New, "new");
        var views = new CatalogViews(SearchEngine.Create, changesSearch: SearchEngine.CreateForChanges);
        views.Publish(old);
        // A server with a change of its own searches through the layered index: it must not mix lists either.
        views.SetChanges(Guild.Key, [new OverlayEntry("example-org-course", new EntryFields("Our course", "https://example.org/course", "Course", 2020, "课程"), false)]);

        const int Swaps = 40;
        using var done = new CancellationTokenSource();
        var checks = 0;
        var readers = Enumerable.Range(0, 4).Select(n => Task.Run(() =>
        {
            var place = n % 2 == 0 ? Place.Local : Guild;
            while (!done.IsCancellationRequested)
            {
                var view = views.ViewFor(place);
                var isNew = view.Snapshot.Source == "new";
                // The list itself is one version throughout...
                Assert.Equal(isNew, view.List.FindEntry("example-org-new") is not null);
                Assert.Equal(!isNew, view.List.FindEntry("example-org-gone") is not null);
                Assert.Equal(isNew ? "New title" : "Old title", view.List.FindEntry("arxiv:2207.04630")!.Title);
                // ...and its search answers from that same version.
                var brandNew = view.Search.Search(new SearchQuery("Brand new"));
                Assert.Equal(isNew, brandNew.Hits.Any(h => h.Entry.Id == "example-org-new"));
                var going = view.Search.Search(new SearchQuery("Going away"));
                Assert.Equal(!isNew, going.Hits.Any(h => h.Entry.Id == "example-org-gone"));
                foreach (var hit in brandNew.Hits.Concat(going.Hits))
                    Assert.Equal(view.List.FindEntry(hit.Entry.Id)?.Title, hit.Entry.Title);
                Interlocked.Increment(ref checks);
            }
        }, ct)).ToList();

        for (var i = 0; i < Swaps; i++)
            await views.PublishPreparedAsync(i % 2 == 0 ? @new : old, ct);
        await done.CancelAsync();
        await Task.WhenAll(readers);

        Assert.True(checks > 0);
        Assert.Equal("old", views.Base.Snapshot.Source);
        Assert.Equal("Our course", views.ViewFor(Guild).List.FindEntry("example-org-course")!.Title);
    }
}
