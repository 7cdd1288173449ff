using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using DltBot.Bot.Curation;
using DltBot.Bot.Tests.Cluster;
using DltBot.Bot.Tests.Fakes;
using DltBot.Bot.Upstream;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Quartz;

namespace DltBot.Bot.Tests.Upstream;

/// <summary>
/// Several instances on one PostgreSQL database: the clustered scheduler fires the refresh job on one of them, which
/// announces it; every instance then refreshes its own in-memory base from the origin. Skipped without DLTBOT_TEST_POSTGRES.
/// </summary>
public sealed class UpstreamClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-upstream-cluster-").FullName;
    private readonly SocketsHttpHandler http = new();
    private FakeOrigin origin = null!;

    public async ValueTask InitializeAsync() => origin = await FakeOrigin.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await origin.DisposeAsync();
        http.Dispose();
        Directory.Delete(root, recursive: true);
    }

    private sealed record Instance(Stores Stores, PublishSignal Views, CatalogRefresher Refresher, CatalogChangeListener Listener, Task Listening);

    private async Task<Instance> StartInstanceAsync(PostgresScratch pg, string name)
    {
        var options = Options.Create(new CatalogOptions { Source = origin.Url });
        var factory = new StubHttpClientFactory(http);
        var loader = new CatalogLoader(factory, options, Options.Create(new DataOptions { Directory = Path.Combine(root, name) }),
            new MarkdownCatalogParser(), TimeProvider.System, NullLogger<CatalogLoader>.Instance, new AppPaths(root));
        var views = new PublishSignal();
        views.Publish(await loader.LoadAsync(cancellationToken: Ct));
        var stores = Stores.Postgres(new PostgresStoreOptions(pg.ConnectionString), TimeProvider.System);
        var curator = new Curator(stores.Entries, stores.Maintenance, views, NullLogger<Curator>.Instance);
        await curator.StartAsync(Ct);
        var refresher = new CatalogRefresher(new UpstreamFetcher(factory, options, TimeProvider.System), loader, views, options,
            TimeProvider.System, NullLogger<CatalogRefresher>.Instance);
        var resynced = new ResyncSignal();
        var listener = new CatalogChangeListener(stores, curator, views, resynced, refresher);
        await listener.StartAsync(Ct);
        return new Instance(stores, views, refresher, listener, resynced.Task);
    }

    [Fact]
    public async Task One_fire_of_the_job_makes_every_instance_refresh_its_own_base()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        origin.Serve(UpstreamLists.Old, DateTimeOffset.UnixEpoch);
        var a = await StartInstanceAsync(pg, "a");
        var b = await StartInstanceAsync(pg, "b");
        try
        {
            // Both listen before the fire: the announcement reaches whoever is listening when it commits.
            await Task.WhenAll(a.Listening, b.Listening).WaitAsync(Safety, Ct);
            origin.Serve(UpstreamLists.New, DateTimeOffset.UnixEpoch.AddDays(1));
            var loads = origin.Requests.Count;

            // The clustered scheduler fires the job on one instance only: here, A.
            await new CatalogRefreshJob(a.Refresher, a.Stores, NullLogger<CatalogRefreshJob>.Instance).Execute(Mock.Of<IJobExecutionContext>(), Ct);

            var (viewA, viewB) = (await a.Views.NextAsync().WaitAsync(Safety, Ct), await b.Views.NextAsync().WaitAsync(Safety, Ct));
            Assert.Equal("New title", viewA.List.FindEntry("arxiv:2207.04630")!.Title);
            Assert.Equal("New title", viewB.List.FindEntry("arxiv:2207.04630")!.Title);
            // Each fetched for itself: one request per instance, none by the job beside the announcement.
            Assert.Equal(loads + 2, origin.Requests.Count);
        }
        finally
        {
            await a.Listener.StopAsync(CancellationToken.None);
            await b.Listener.StopAsync(CancellationToken.None);
            a.Listener.Dispose();
            b.Listener.Dispose();
            a.Refresher.Dispose();
            b.Refresher.Dispose();
        }
    }

    /// <summary>The listener's log, completing <see cref="Task"/> at its first resync: it is listening from then on.</summary>
    private sealed class ResyncSignal : ILogger<CatalogChangeListener>
    {
        private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => done.Task;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "CatalogChangesResynced") done.TrySetResult();
        }
    }
}
