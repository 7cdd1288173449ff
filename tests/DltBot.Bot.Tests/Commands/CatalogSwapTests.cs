using System.Diagnostics;
using System.Globalization;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Tests.Commands;

/// <summary>The catalog holder under a moderator's (or a refresh's) swaps: readers always see one whole list.</summary>
public sealed class CatalogSwapTests
{
    private const int Swaps = 100, Searchers = 200, EntriesPerList = 12;

    private static CatalogSnapshot Version(int version)
    {
        var topic = new Topic("optimization", "Optimization", "优化", []);
        var entries = Enumerable.Range(1, EntriesPerList).Select(i => new Entry(
            $"v{version}-e{i}", i.ToString(CultureInfo.InvariantCulture), $"Grokking paper {i} of list {version}",
            $"https://example.org/v{version}/{i}", [], 2020, "grokking 泛化", [], i)).ToList();
        return CatalogSnapshot.Of(new ReadingList($"List {version}", "", [new Section("Optimization", topic, entries, 1)]), $"v{version}");
    }

    [Fact]
    public async Task Swapping_snapshots_while_searches_run_never_errs_and_never_mixes_two_lists()
    {
        using var harness = CommandHarness.Create(Version(0), SearchEngine.Create);
        var ct = TestContext.Current.CancellationToken;
        var completed = 0;
        var torn = 0;
        var done = false;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        await harness.Catalogs.Base.PrepareSearchAsync();
        var searchers = Enumerable.Range(0, Searchers).Select(_ => Task.Run(async () =>
        {
            do
            {
                var reply = harness.Run("search", Language.English, ("query", "grokking"), ("limit", "25"));
                if (reply is not EntryListReply list)
                {
                    errors.Enqueue(reply.ToString());
                }
                else
                {
                    var versions = list.Rows.Select(r => r.Id.Split('-')[0]).Distinct().Count();
                    if (versions != 1 || list.Rows.Count != EntriesPerList || list.Page.Total != EntriesPerList) Interlocked.Increment(ref torn);
                }
                Interlocked.Increment(ref completed);
                await Task.Yield();
            }
            while (!Volatile.Read(ref done));
        }, ct)).ToList();

        for (var version = 1; version <= Swaps; version++)
        {
            await harness.Catalogs.PublishPreparedAsync(Version(version), ct);
            // Wait for a few searches to finish after each swap, so swaps and searches interleave on any machine.
            var seen = Volatile.Read(ref completed);
            while (Volatile.Read(ref completed) < seen + 3) await Task.Yield();
        }
        Volatile.Write(ref done, true);
        await Task.WhenAll(searchers).WaitAsync(TimeSpan.FromMinutes(2), ct);

        TestContext.Current.SendDiagnosticMessage(
            $"{Swaps} swaps, {completed} searches by {Searchers} concurrent searchers in {clock.ElapsedMilliseconds} ms; {errors.Count} errors, {torn} torn reads");
        Assert.Empty(errors);
        Assert.Equal(0, torn);
        Assert.Equal(Swaps, harness.Catalogs.Base.Version - 1);
        Assert.Equal($"List {Swaps}", harness.Catalogs.ViewFor(Place.Local).List.Title);
    }

    [Fact]
    public async Task When_two_publishes_race_the_later_list_wins()
    {
        using var harness = CommandHarness.Create(Version(1), SearchEngine.Create);
        var slowBuild = new TaskCompletionSource();
        var views = new CatalogViews(list =>
        {
            if (list.Title == "List 2") slowBuild.Task.Wait(TestContext.Current.CancellationToken);
            return SearchEngine.Create(list);
        });
        var older = views.PublishPreparedAsync(Version(2), TestContext.Current.CancellationToken);
        await views.PublishPreparedAsync(Version(3), TestContext.Current.CancellationToken);
        slowBuild.SetResult();
        await older;
        Assert.Equal("List 3", views.Base.List.Title);
    }

    [Fact]
    public void A_view_taken_before_a_swap_keeps_answering_from_its_own_list()
    {
        using var harness = CommandHarness.Create(Version(1), SearchEngine.Create);
        var before = harness.Catalogs.Base;
        harness.Catalogs.Publish(Version(2));

        Assert.Equal("v1-e1", before.Search.Search(new Catalog.Search.SearchQuery("grokking", Limit: 1)).Hits[0].Entry.Id);
        Assert.Equal("v2-e1", harness.Catalogs.Base.Search.Search(new Catalog.Search.SearchQuery("grokking", Limit: 1)).Hits[0].Entry.Id);
        Assert.True(harness.Catalogs.Base.Version > before.Version);
    }
}
