using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Cli;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Bot.Hosting;
using DltBot.Bot.LinkHealth;
using DltBot.Bot.Search;
using DltBot.Catalog.LinkHealth;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.FakeWeb;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>The run (which URLs, what is stored), its schedule, its settings, and <c>dltbot catalog check --links</c>.</summary>
public sealed class LinkCheckRunTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-links-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>No pacing: these tests are about what is checked and stored; pacing has its own tests on the stepped clock.</summary>
    private static LinkCheckSettings Unpaced => LinkCheckSettings.Default with { HostSpacing = TimeSpan.Zero, ArxivSpacing = TimeSpan.Zero };

    [Fact]
    public async Task A_run_checks_the_base_list_and_every_servers_additions_once_each_and_stores_the_results()
    {
        await using var web = new FakeWebServer();
        web.Fallback = FakeResponse.Ok;
        web.Route("arxiv.org", "/pdf/2012.10931.pdf", new FakeResponse.Status(404));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero));
        using var bot = CommandHarness.Create(TestCatalog.Snapshot, SearchEngine.Create, time, configure: services =>
        {
            services.AddSingleton(Stores.Sqlite(new SqliteStoreOptions(Path.Combine(root, "dltbot.db")), time));
            services.AddCuration(new ConfigurationBuilder().Build());
            services.AddLinkHealth(new ConfigurationBuilder().Build());
            services.AddSingleton(sp => new LinkChecker(web.CreateHandler(), Unpaced, time));
        });
        var entries = bot.Services.GetRequiredService<IEntryStore>();
        var actor = new Actor("1", "mod");
        await entries.AddAsync("g1", "extra", new EntryFields("Extra", "https://blog.test/extra", "overview", null, ""), actor, null, Ct);
        await entries.AddAsync("g2", "same", new EntryFields("Same", "https://arxiv.org/abs/2210.01117", "overview", null, ""), actor, null, Ct);
        await entries.AddAsync("g2", "gone", new EntryFields("Gone", "https://blog.test/gone", "overview", null, ""), actor, null, Ct);
        await entries.RemoveAsync("g2", "gone", null, actor, null, Ct);
        var run = bot.Services.GetRequiredService<LinkCheckRun>();
        var reports = new List<LinkCheckProgress>();

        var summary = await run.RunAsync(new SyncProgress(reports.Add), Ct);

        var expected = TestCatalog.List.AllEntries().Select(e => e.Url).OfType<string>().Distinct().Append("https://blog.test/extra").ToList();
        Assert.Equal(expected.Count, summary.Checked);
        Assert.Equal((expected.Count - 1, 1, 0), (summary.Reachable, summary.Failed, summary.Dead));
        Assert.Equal(expected.Select(u => new Uri(u).AbsolutePath).Order(), web.Requests.Where(r => r.Method == "HEAD").Select(r => r.Path).Order());
        Assert.Equal(expected.Count, reports[^1].Done);
        var failing = await bot.Services.GetRequiredService<ILinkChecks>().GetAsync("https://arxiv.org/pdf/2012.10931.pdf", Ct);
        Assert.Equal((1, "404 NotFound"), (failing!.ConsecutiveFailures, failing.Detail));
    }

    [Fact]
    public async Task The_schedule_puts_a_weekly_trigger_in_Quartz_and_an_empty_schedule_takes_it_out()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection().AddLogging().AddQuartz(q => q.ConfigureScheduler(o => o.InstanceName = "links-" + Guid.NewGuid().ToString("N"))).BuildServiceProvider();
        await using var _ = services;
        var schedulers = services.GetRequiredService<ISchedulerFactory>();
        var scheduler = await schedulers.GetScheduler(Ct);

        await new LinkCheckSchedule(schedulers, Options.Create(new LinkCheckOptions()), time, NullLogger<LinkCheckSchedule>.Instance).StartAsync(Ct);
        var trigger = Assert.IsType<ICronTrigger>(await scheduler.GetTrigger(LinkCheckJob.TriggerKey, Ct), exactMatch: false);
        Assert.Equal((LinkCheckOptions.DefaultSchedule, "UTC"), (trigger.CronExpressionString, trigger.TimeZone.Id));
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 3, 0, 0, TimeSpan.Zero), trigger.GetFireTimeAfter(time.GetUtcNow()));

        await new LinkCheckSchedule(schedulers, Options.Create(new LinkCheckOptions { Schedule = "" }), time, NullLogger<LinkCheckSchedule>.Instance).StartAsync(Ct);
        Assert.Null(await scheduler.GetTrigger(LinkCheckJob.TriggerKey, Ct));
        await scheduler.Shutdown(false, Ct);
    }

    [Theory]
    [InlineData("Schedule", "every sunday", "LinkCheck:Schedule 'every sunday' is not a Quartz cron expression")]
    [InlineData("MaxConcurrentRequests", "0", "LinkCheck:MaxConcurrentRequests must be between 1 and 256 (was 0)")]
    public void A_bad_setting_is_refused_at_start_with_its_key(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>($"LinkCheck:{key}", value)]).Build();
        var options = new LinkCheckOptions();
        configuration.GetSection(LinkCheckOptions.SectionName).Bind(options);

        var result = new LinkCheckOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.StartsWith(message, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_check_links_prints_plain_progress_and_the_findings_and_exits_1_on_a_dead_link()
    {
        await using var web = new FakeWebServer();
        web.Fallback = FakeResponse.Ok;
        web.Route("arxiv.org", "/pdf/2012.10931.pdf", new FakeResponse.Status(410));
        web.Route("arxiv.org", "/abs/2210.01117", new FakeResponse.Redirect(308, "/abs/2210.01117v3"));
        var data = Path.Combine(root, "data");
        // The link failed a week ago already: this check is its second failure.
        var earlier = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-8));
        var seed = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(data, "dltbot.db")), earlier);
        await seed.LinkChecks.RecordAsync([new LinkProbe("https://arxiv.org/pdf/2012.10931.pdf", ProbeOutcome.Failed, 410, "https://arxiv.org/pdf/2012.10931.pdf", "410 Gone", [], earlier.GetUtcNow())], Ct);
        var catalogFile = Path.Combine(root, "list.md");
        await File.WriteAllTextAsync(catalogFile, "# Deep Learning Theory", Ct);

        var (code, output, error) = await InProcessCli.RunAsync("", new BotHostSettings
        {
            Paths = new AppPaths(root),
            Configuration = c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Catalog:Source"] = catalogFile, ["Data:Directory"] = data, ["Discord:Token"] = "", ["Bot:Locale"] = "en-US",
            }),
            Logging = l => l.ClearProviders(),
            Services = s =>
            {
                s.AddSingleton<ICatalogParser>(new FixedParser(TestCatalog.List));
                s.AddSingleton<Func<ReadingList, ICatalogSearch>>(_ => FakeSearch.Returning());
                s.AddSingleton(sp => new LinkChecker(web.CreateHandler(), Unpaced, TimeProvider.System));
            },
        }, "catalog", "check", "--links");

        Assert.Equal("", error);
        Assert.Equal(1, code);
        Assert.True(output.Contains("checked 4 of 4 links (1 failing)", StringComparison.Ordinal), output);
        Assert.DoesNotContain("\r", output, StringComparison.Ordinal);
        Assert.Contains("Checked 4 links in 0:00:0", output, StringComparison.Ordinal);
        Assert.Contains(": 3 reachable, 1 failing, 0 undecided; 1 dead, 1 moved.", output, StringComparison.Ordinal);
        Assert.Contains("[Dead link] arxiv:2012.10931 — https://arxiv.org/pdf/2012.10931.pdf unreachable since", output, StringComparison.Ordinal);
        Assert.Contains("[Moved] arxiv:2210.01117 — https://arxiv.org/abs/2210.01117 moved permanently to https://arxiv.org/abs/2210.01117v3", output, StringComparison.Ordinal);
        Assert.Contains("[No link] generalization/pac-bayes-notes", output, StringComparison.Ordinal);
    }

    private sealed class SyncProgress(Action<LinkCheckProgress> report) : IProgress<LinkCheckProgress>
    {
        public void Report(LinkCheckProgress value) => report(value);
    }
}
