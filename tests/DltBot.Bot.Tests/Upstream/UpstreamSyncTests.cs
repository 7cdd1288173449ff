using System.Net;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Configuration;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Bot.Search;
using DltBot.Bot.Tests.Fakes;
using DltBot.Bot.Upstream;
using DltBot.Catalog.Curation;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Upstream;

/// <summary>
/// The refresh against a fake origin on 127.0.0.1: conditional requests and 304s, a changed list re-based under every
/// server with its changes re-applied by id, conflicts, and fetches that fail without touching the list.
/// </summary>
public sealed class UpstreamSyncTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Place G1 = Place.Guild(1001, null), G2 = Place.Guild(1002, null);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-upstream-").FullName;
    private readonly FakeTimeProvider time = new(Start);
    private readonly RecordingLogger<CatalogRefresher> log = new();
    private readonly CountingParser parser = new();
    private readonly SocketsHttpHandler http = new();
    private FakeOrigin origin = null!;
    private CatalogLoader loader = null!;
    private CatalogViews views = null!;
    private CatalogRefresher refresher = null!;
    private Stores stores = null!;
    private Curator curator = null!;

    public async ValueTask InitializeAsync()
    {
        origin = await FakeOrigin.StartAsync(Ct);
        var options = Options.Create(new CatalogOptions { Source = origin.Url, MaxBytes = 4096 });
        var factory = new StubHttpClientFactory(http);
        loader = new CatalogLoader(factory, options, Options.Create(new DataOptions { Directory = Path.Combine(root, "data") }),
            parser, time, NullLogger<CatalogLoader>.Instance, new AppPaths(Path.Combine(root, "app")));
        views = new CatalogViews(SearchEngine.Create, changesSearch: SearchEngine.CreateForChanges);
        refresher = new CatalogRefresher(new UpstreamFetcher(factory, options, time), loader, views, options, time, log);
        stores = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db")), time);
        curator = new Curator(stores.Entries, stores.Maintenance, views, NullLogger<Curator>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        refresher.Dispose();
        await origin.DisposeAsync();
        http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    /// <summary>The start: the origin serves <paramref name="markdown"/>, the bot loads it and every guild's changes.</summary>
    private async Task StartWithAsync(string markdown)
    {
        origin.Serve(markdown, Start.AddDays(-1));
        views.Publish(await loader.LoadAsync(cancellationToken: Ct));
        await curator.StartAsync(Ct);
    }

    private async Task EditAsync(Place place, string id, string title)
    {
        var view = views.ViewFor(place);
        var entry = view.List.FindEntry(id)!;
        var seen = EntryFields.Of(entry, view.List.SectionOf(entry)!);
        var outcome = await stores.Entries.EditAsync(place.Key, new EntryEdit(id, 0, seen, seen with { Title = title }), new Actor("m", "mod"), null, Ct);
        Assert.IsType<ChangeOutcome.Applied>(outcome);
        await curator.RefreshAsync(place.Key, Ct);
    }

    private async Task RemoveAsync(Place place, string id)
    {
        var view = views.ViewFor(place);
        var entry = view.List.FindEntry(id)!;
        Assert.IsType<ChangeOutcome.Applied>(await stores.Entries.RemoveAsync(place.Key, id, EntryFields.Of(entry, view.List.SectionOf(entry)!), new Actor("m", "mod"), null, Ct));
        await curator.RefreshAsync(place.Key, Ct);
    }

    [Fact]
    public async Task The_next_refresh_sends_the_validators_of_the_last_good_fetch_and_a_304_costs_nothing()
    {
        await StartWithAsync(UpstreamLists.Old);
        var first = await refresher.RefreshAsync(Ct);
        var baseView = views.Base;
        var parses = parser.Calls;

        var second = await refresher.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.Unchanged, first.Outcome);
        Assert.Equal(RefreshOutcome.NotModified, second.Outcome);
        var request = origin.Requests[^1];
        Assert.Equal(("\"v1\"", Start.AddDays(-1).ToString("R"), 304), (request.IfNoneMatch, request.IfModifiedSince, request.Status));
        Assert.Equal(parses, parser.Calls);
        Assert.Same(baseView, views.Base);
    }

    [Fact]
    public async Task An_origin_with_only_Last_Modified_gets_If_Modified_Since_and_answers_304()
    {
        origin.Serve(UpstreamLists.Old, Start.AddDays(-1), withETag: false);
        views.Publish(await loader.LoadAsync(cancellationToken: Ct));
        await refresher.RefreshAsync(Ct);

        var report = await refresher.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.NotModified, report.Outcome);
        Assert.Equal((null, Start.AddDays(-1).ToString("R")), (origin.Requests[^1].IfNoneMatch, origin.Requests[^1].IfModifiedSince));
    }

    [Fact]
    public async Task The_same_bytes_without_validators_are_not_parsed_again()
    {
        origin.Serve(UpstreamLists.Old, Start, withETag: false, withLastModified: false);
        views.Publish(await loader.LoadAsync(cancellationToken: Ct));
        await refresher.RefreshAsync(Ct);
        var parses = parser.Calls;

        var report = await refresher.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.NotModified, report.Outcome);
        Assert.Equal(200, origin.Requests[^1].Status);
        Assert.Equal(parses, parser.Calls);
    }

    [Fact]
    public async Task A_changed_list_becomes_every_servers_base_with_their_changes_reapplied_by_id()
    {
        await StartWithAsync(UpstreamLists.Old);
        await EditAsync(G1, "arxiv:2207.04630", "Our title");
        await EditAsync(G1, "example-org-gone", "Still ours");
        await RemoveAsync(G2, "arxiv:2207.04630");
        await refresher.RefreshAsync(Ct);
        origin.Serve(UpstreamLists.New, Start);

        var report = await refresher.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.Updated, report.Outcome);
        Assert.Equal(["example-org-new"], report.Diff.Added.Select(a => a.Id));
        Assert.Equal(["example-org-gone", "example-org-dropped"], report.Diff.Removed.Select(r => r.Id));
        Assert.Equal(["example-org-sub", "arxiv:2207.04630", "example-org-course"], report.Diff.Edited.Select(e => e.Id));

        // Every server's base is the new list...
        Assert.Equal("New title", views.Base.List.FindEntry("arxiv:2207.04630")!.Title);
        Assert.Equal("New title", views.ViewFor(Place.Local).List.FindEntry("arxiv:2207.04630")!.Title);
        // ...with its own changes on top: G1's edit wins over upstream's, and the entry upstream removed but G1 edited stays.
        var g1 = views.ViewFor(G1).List;
        Assert.Equal("Our title", g1.FindEntry("arxiv:2207.04630")!.Title);
        Assert.Equal("Still ours", g1.FindEntry("example-org-gone")!.Title);
        Assert.Null(g1.FindEntry("example-org-dropped"));
        Assert.Equal("Brand new", g1.FindEntry("example-org-new")!.Title);
        Assert.Equal("A sub-item, renamed", g1.FindEntry("example-org-sub")!.Title);
        // G2 removed 2207.04630: it stays removed; what nobody edited follows upstream.
        var g2 = views.ViewFor(G2).List;
        Assert.Null(g2.FindEntry("arxiv:2207.04630"));
        Assert.Null(g2.FindEntry("example-org-gone"));
        Assert.NotNull(g2.FindEntry("example-org-new"));
        // Searches on a server see its list: the new entry, and its own title rather than upstream's.
        Assert.Contains(views.ViewFor(G1).Search.Search(new("Brand new")).Hits, h => h.Entry.Id == "example-org-new");
        Assert.Equal("Our title", views.ViewFor(G1).Search.Search(new("Our title")).Hits.Single(h => h.Entry.Id == "arxiv:2207.04630").Entry.Title);
        Assert.Equal("New title", views.ViewFor(Place.Local).Search.Search(new("New title")).Hits.Single(h => h.Entry.Id == "arxiv:2207.04630").Entry.Title);
    }

    [Fact]
    public async Task Check_lists_the_last_refreshs_diff_and_this_servers_conflicts()
    {
        await StartWithAsync(UpstreamLists.Old);
        await EditAsync(G1, "arxiv:2207.04630", "Our title");
        await EditAsync(G1, "example-org-gone", "Still ours");
        await EditAsync(G1, "arxiv:2012.10931", "Upstream never touched this one");
        await RemoveAsync(G2, "arxiv:2207.04630");
        origin.Serve(UpstreamLists.New, Start);
        await refresher.RefreshAsync(Ct);
        var check = new UpstreamCheckSource(refresher, curator, views);

        var g1 = await check.FindAsync(new CheckScope(G1, views.ViewFor(G1), Language.English), Ct);
        var g2 = await check.FindAsync(new CheckScope(G2, views.ViewFor(G2), Language.English), Ct);

        Assert.Equal(
            [
                ("conflict", "arxiv:2207.04630"),
                ("conflict", "example-org-gone"),
                ("upstream-added", "example-org-new"),
                ("upstream-removed", "example-org-gone"),
                ("upstream-removed", "example-org-dropped"),
                ("upstream-edited", "example-org-sub"),
                ("upstream-edited", "arxiv:2207.04630"),
                ("upstream-edited", "example-org-course"),
            ],
            g1.Select(f => (f.Section.Key, f.EntryId)));
        Assert.Equal("“Our title” was changed here and upstream changed its title; this server's version is kept", g1[0].Text);
        Assert.Equal("“Still ours” was changed here and removed upstream; this server's version is kept", g1[1].Text);
        Assert.Equal("“New title” (title), in the refresh of 2026-12-01 09:00 UTC", g1[6].Text);
        Assert.DoesNotContain(g2, f => f.Section == UpstreamCheckSource.Conflict);
        Assert.All(g1, f => Assert.Empty(f.Fixes));
    }

    [Fact]
    public async Task Conflicts_are_read_from_the_change_log_so_a_restart_still_lists_them()
    {
        // Edited on the old list, then the bot restarts on the new one: no refresh in this process saw the change.
        await StartWithAsync(UpstreamLists.Old);
        await EditAsync(G1, "arxiv:2207.04630", "Our title");
        origin.Serve(UpstreamLists.New, Start);
        var restarted = new CatalogViews(SearchEngine.Create);
        restarted.Publish(await loader.LoadAsync(cancellationToken: Ct));
        var restartedCurator = new Curator(stores.Entries, stores.Maintenance, restarted, NullLogger<Curator>.Instance);
        await restartedCurator.StartAsync(Ct);

        var findings = await new UpstreamCheckSource(refresher, restartedCurator, restarted).FindAsync(new CheckScope(G1, restarted.ViewFor(G1), Language.English), Ct);

        var conflict = Assert.Single(findings);
        Assert.Equal((UpstreamCheckSource.Conflict, "arxiv:2207.04630"), (conflict.Section, conflict.EntryId));
    }

    [Theory]
    [InlineData("status", "HTTP 500")]
    [InlineData("binary", "not a text file")]
    [InlineData("oversized", "larger than Catalog:MaxBytes (4 KB)")]
    [InlineData("html", "has no section with a linked entry")]
    public async Task A_bad_fetch_keeps_the_current_list_is_logged_and_reported_by_check(string bad, string reason)
    {
        await StartWithAsync(UpstreamLists.Old);
        await refresher.RefreshAsync(Ct);
        var before = views.Base;
        switch (bad)
        {
            case "status": origin.Fail(500); break;
            case "binary": origin.ServeBytes([0x23, 0x20, 0x00, 0x01, 0x02], Start); break;
            case "oversized": origin.Serve(UpstreamLists.New + new string('x', 5000), Start); break;
            default: origin.Serve("<html><body>Service unavailable</body></html>", Start); break;
        }

        var report = await refresher.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.Failed, report.Outcome);
        Assert.Contains(reason, report.Problem);
        Assert.Same(before, views.Base);
        Assert.Contains(log.Warnings, w => w.Contains(reason, StringComparison.Ordinal) && w.Contains("keeping the current list", StringComparison.Ordinal));
        var finding = Assert.Single(await new UpstreamCheckSource(refresher, curator, views).FindAsync(new CheckScope(G1, views.ViewFor(G1), Language.English), Ct));
        Assert.Equal((UpstreamCheckSource.Failed, "127.0.0.1 › dlt.md"), (finding.Section, finding.EntryId));
        Assert.Contains(reason, finding.Text);

        // The next good list is taken as usual: the failure left the validators of the last good fetch.
        origin.Serve(UpstreamLists.New, Start.AddHours(1));
        Assert.Equal(RefreshOutcome.Updated, (await refresher.RefreshAsync(Ct)).Outcome);
        Assert.Equal("\"v1\"", origin.Requests[^1].IfNoneMatch);
    }

    [Fact]
    public async Task A_refresh_stopped_before_the_swap_leaves_no_validators_behind_and_the_next_one_swaps()
    {
        await StartWithAsync(UpstreamLists.Old);
        var options = Options.Create(new CatalogOptions { Source = origin.Url, MaxBytes = 4096 });
        var stopping = new StopFirstSwap(views);
        using var stopped = new CatalogRefresher(new UpstreamFetcher(new StubHttpClientFactory(http), options, time), loader, stopping, options, time, log);
        await stopped.RefreshAsync(Ct);
        origin.Serve(UpstreamLists.New, Start);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped.RefreshAsync(Ct));
        var next = await stopped.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.Updated, next.Outcome);
        Assert.Equal(("\"v1\"", 200), (origin.Requests[^1].IfNoneMatch, origin.Requests[^1].Status));
        Assert.Equal("New title", views.Base.List.FindEntry("arxiv:2207.04630")!.Title);
    }

    /// <summary>The real views, but the first swap is stopped as a shutdown would stop it.</summary>
    private sealed class StopFirstSwap(ICatalogViews inner) : ICatalogViews
    {
        private int swaps;

        public bool IsLoaded => inner.IsLoaded;

        public CatalogView Base => inner.Base;

        public CatalogView ViewFor(Place place) => inner.ViewFor(place);

        public CatalogView SetChanges(string placeKey, IReadOnlyList<OverlayEntry> changes) => inner.SetChanges(placeKey, changes);

        public CatalogView Publish(CatalogSnapshot snapshot) => inner.Publish(snapshot);

        public Task<CatalogView> PublishPreparedAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref swaps) == 1 ? Task.FromCanceled<CatalogView>(new CancellationToken(canceled: true)) : inner.PublishPreparedAsync(snapshot, cancellationToken);
    }

    [Fact]
    public async Task A_connection_refused_is_a_failed_refresh_not_an_exception()
    {
        await StartWithAsync(UpstreamLists.Old);
        await origin.DisposeAsync();
        // A new origin for the clean-up only: the refresher still asks the closed port (Catalog:Source does not change).
        origin = await FakeOrigin.StartAsync(Ct);

        var report = await refresher.RefreshAsync(Ct);

        Assert.Equal(RefreshOutcome.Failed, report.Outcome);
        Assert.NotNull(report.Problem);
    }

    [Fact]
    public async Task A_file_source_has_nothing_to_refresh()
    {
        var options = Options.Create(new CatalogOptions { Source = "catalog/deep-learning-theory.md" });
        using var fileRefresher = new CatalogRefresher(new UpstreamFetcher(new StubHttpClientFactory(http), options, time), loader, views, options, time, log);

        Assert.Equal(RefreshOutcome.NotAUrl, (await fileRefresher.RefreshAsync(Ct)).Outcome);
        Assert.Empty(origin.Requests);
    }

    /// <summary>The real parser, counting its calls: a 304 must not reach it.</summary>
    private sealed class CountingParser : ICatalogParser
    {
        private readonly MarkdownCatalogParser inner = new();
        private int calls;

        public int Calls => Volatile.Read(ref calls);

        public ParsedCatalog Parse(string markdown)
        {
            Interlocked.Increment(ref calls);
            return inner.Parse(markdown);
        }
    }
}
