using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using DltBot.Catalog.Import;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>The start-up log and <c>dltbot catalog check</c> count the same things.</summary>
public sealed class CatalogLoadLogTests
{
    [Fact]
    public async Task The_load_log_counts_what_catalog_check_lists()
    {
        var logger = new RecordingLogger<CatalogLoader>();
        var bundled = Path.Combine(AppContext.BaseDirectory, CatalogOptions.BundledPath);
        var loader = new CatalogLoader(
            new StubHttpClientFactory(new StubHandler(_ => throw new InvalidOperationException("no HTTP expected"))),
            Options.Create(new CatalogOptions { Source = bundled }),
            Options.Create(new DataOptions { Directory = Path.Combine(Path.GetTempPath(), "dltbot-unused") }),
            new MarkdownCatalogParser(), new FakeTimeProvider(), logger, new AppPaths(AppContext.BaseDirectory));

        var snapshot = await loader.LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        var findings = CatalogCheck.Run(new ImportResult(snapshot.List, snapshot.Problems)).Count;
        // The bundled list has findings beyond the import problems (duplicate links, repeated numbers...); that is the point.
        Assert.NotEqual(snapshot.Problems.Count, findings);
        var line = Assert.Single(logger.Entries, e => e.Message.Contains("catalog check", StringComparison.Ordinal)).Message;
        Assert.Contains($"things for a curator to fix: {findings} (import problems among them: {snapshot.Problems.Count})", line);
    }
}
