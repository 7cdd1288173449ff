using DltBot.Bot.CatalogLoading;
using DltBot.Bot.LinkHealth;
using DltBot.Catalog.LinkHealth;
using DltBot.Catalog.Model;
using DltBot.FakeWeb;
using DltBot.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace DltBot.Bot.Tests.LinkHealth;

public class LinkCheckRunFailureTests
{
    [Fact]
    public async Task A_store_that_fails_mid_run_stops_the_run_with_its_error_instead_of_leaving_the_checks_waiting()
    {
        await using var web = new FakeWebServer(recordRequests: false) { Fallback = FakeResponse.Ok };
        // More URLs than the channel between the checks and the writer holds, so a dead writer would block them for ever.
        var entries = Enumerable.Range(0, LinkCheckRun.BatchSize * 6)
            .Select(i => new Entry($"e{i}", "", $"P{i}", $"http://h{i}.test/p", [], null, "", [], i + 1)).ToList();
        var views = new CatalogViews(_ => throw new InvalidOperationException("no search here"));
        views.Publish(new CatalogSnapshot(new ReadingList("L", "", [new Section("S", new Topic("s", "S", "S", []), entries, 1)]), [], "test", DateTimeOffset.UtcNow));
        var links = new Mock<ILinkChecks>();
        links.Setup(l => l.RecordAsync(It.IsAny<IReadOnlyList<LinkProbe>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("SQLite database x: the disk is full."));
        var store = new Mock<IEntryStore>();
        store.Setup(s => s.GuildsWithChangesAsync(It.IsAny<CancellationToken>())).ReturnsAsync([]);
        using var checker = new LinkChecker(web.CreateHandler(), LinkCheckSettings.Default with { HostSpacing = TimeSpan.Zero }, TimeProvider.System);
        var run = new LinkCheckRun(checker, links.Object, store.Object, views, new LinkHealthState(links.Object, TimeProvider.System, NullLogger<LinkHealthState>.Instance), TimeProvider.System);

        // Bounded so the old behaviour (every check blocked on a full channel) fails the test instead of hanging the suite.
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() => run.RunAsync(null, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken));

        Assert.Equal("SQLite database x: the disk is full.", failure.Message);
    }
}
