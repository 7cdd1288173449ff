using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Hosting;
using DltBot.Bot.Tests.Fakes;
using DltBot.Bot.Upstream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace DltBot.Bot.Tests.Upstream;

/// <summary>The refresh as the host wires it: a Quartz job every Catalog:RefreshInterval, on the clock the test moves.</summary>
public sealed class CatalogRefreshJobTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Safety = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-refresh-job-").FullName;
    private readonly FakeTimeProvider time = new(Start);
    private FakeOrigin origin = null!;

    public async ValueTask InitializeAsync() => origin = await FakeOrigin.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await origin.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    private IHost Build(string source, PublishSignal published) => BotHost.Build(new BotHostSettings
    {
        Paths = new AppPaths(root),
        Configuration = c => c.AddInMemoryCollection([
            KeyValuePair.Create<string, string?>("Catalog:Source", source),
            KeyValuePair.Create<string, string?>("Catalog:RefreshInterval", "01:00:00"),
            KeyValuePair.Create<string, string?>("Data:Directory", Path.Combine(root, "data")),
        ]),
        Services = s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.Replace(ServiceDescriptor.Singleton<ICatalogViews>(_ => published));
        },
        Logging = l => l.ClearProviders(),
    });

    [Fact]
    public async Task The_job_refreshes_every_interval_and_a_changed_list_is_published()
    {
        origin.Serve(UpstreamLists.Old, Start.AddDays(-1));
        var published = new PublishSignal();
        using var host = Build(origin.Url, published);
        published.Publish(await host.Services.GetRequiredService<CatalogLoader>().LoadAsync(cancellationToken: Ct));
        await host.StartAsync(Ct);
        try
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            var trigger = Assert.IsType<ISimpleTrigger>(await scheduler.GetTrigger(CatalogRefreshSchedule.Trigger, Ct), exactMatch: false);
            Assert.Equal((TimeSpan.FromHours(1), Start.AddHours(1)), (trigger.RepeatInterval, trigger.NextFireTimeUtc));

            origin.Serve(UpstreamLists.New, Start);
            time.Advance(TimeSpan.FromHours(1));
            var view = await published.NextAsync().WaitAsync(Safety, Ct);

            Assert.Equal("New title", view.List.FindEntry("arxiv:2207.04630")!.Title);
            Assert.Same(view, published.Base);

            // An hour later the list has not changed: the request is conditional and answered 304.
            var requests = origin.Requests.Count;
            time.Advance(TimeSpan.FromHours(1));
            await origin.WaitForRequestsAsync(requests + 1).WaitAsync(Safety, Ct);
            Assert.Equal(("\"v2\"", 304), (origin.Requests[^1].IfNoneMatch, origin.Requests[^1].Status));
            // The second fire started after the first ended (one refresh at a time), so the first's report is in.
            Assert.Equal(["example-org-new"], host.Services.GetRequiredService<CatalogRefresher>().LastUpdate?.Diff.Added.Select(a => a.Id));
            Assert.Same(view, published.Base);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_file_source_has_no_refresh_job()
    {
        var list = Path.Combine(root, "list.md");
        await File.WriteAllTextAsync(list, UpstreamLists.Old, Ct);
        var published = new PublishSignal();
        using var host = Build(list, published);
        published.Publish(await host.Services.GetRequiredService<CatalogLoader>().LoadAsync(cancellationToken: Ct));
        await host.StartAsync(Ct);
        try
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Ct);
            Assert.Null(await scheduler.GetJobDetail(CatalogRefreshSchedule.Job, Ct));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
