using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Dapper;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Bot.Search;
using DltBot.Bot.Tests.Weekly;
using DltBot.Bot.Weekly;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Weekly;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace DltBot.Bot.Tests.Cluster;

/// <summary>
/// Several instances on one PostgreSQL database (<c>DLTBOT_TEST_POSTGRES</c>; skipped with the reason without it): the
/// clustered scheduler fires an occurrence on one node only, a claim is taken over only from a node that is gone, and
/// a catalog change made through one instance reaches another's view.
/// </summary>
public sealed class ClusterTests : IDisposable
{
    private const string Berlin = "Europe/Berlin";
    // Monday 2 March 2026; 18:00 in Berlin (CET) is 17:00Z.
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 16, 59, 50, TimeSpan.Zero);
    private static readonly DateTimeOffset Slot = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("dltbot-cluster-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Report(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private string Data(string instance) => Directory.CreateDirectory(Path.Combine(_folder, instance)).FullName;

    private static Stores StoresOn(PostgresScratch pg, TimeProvider time) => Stores.Postgres(new PostgresStoreOptions(pg.ConnectionString), time);

    private async Task<WeeklyQuartzHost> NodeAsync(PostgresScratch pg, string name, FakeTimeProvider time, IWeeklyRunner runner) =>
        await WeeklyQuartzHost.StartAsync(pg.Settings(Data(name)), StoresOn(pg, time), time, runner);

    [Fact]
    public async Task Two_clustered_nodes_share_the_schedule_and_an_occurrence_fires_on_one_of_them_once()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        var time = new FakeTimeProvider(Start);
        var runner = new RecordingRunner();
        // Started together: both provision Quartz's schema on the empty database at once.
        var starting = new[] { NodeAsync(pg, "a", time, runner), NodeAsync(pg, "b", time, runner) };
        await using var a = await starting[0];
        await using var b = await starting[1];

        var (sa, sb) = (await a.SchedulerAsync(), await b.SchedulerAsync());
        Assert.True((await sa.GetMetadata(Ct)).JobStoreClustered);
        Assert.Equal(("dltbot", "dltbot"), (sa.SchedulerName, sb.SchedulerName));
        Assert.NotEqual(sa.SchedulerInstanceId, sb.SchedulerInstanceId);
        // The node's id is the runner's claimant id, and each node sees the other as alive.
        Assert.Equal(sa.SchedulerInstanceId, a.Services.GetRequiredService<IWeeklyClaimants>().Self);
        Assert.False(await a.Services.GetRequiredService<IWeeklyClaimants>().IsGoneAsync(sb.SchedulerInstanceId, Ct));
        Assert.False(await b.Services.GetRequiredService<IWeeklyClaimants>().IsGoneAsync(sa.SchedulerInstanceId, Ct));

        await a.SetUpAsync("g1", DayOfWeek.Monday, new TimeOnly(18, 0), Berlin);
        Assert.Equal(Slot, await b.Schedule.NextRunAsync("g1", Ct));

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(new WeeklyRunRequest("g1", Slot, RunKind.Scheduled), await runner.NextAsync());

        // Triggers fire in time order on every node: when a later one has come through, a second g1 would have come first.
        var barrierUtc = Slot.AddMinutes(2);
        await b.SetUpAsync("barrier", DayOfWeek.Monday, new TimeOnly(18, 2), Berlin);
        time.SetUtcNow(barrierUtc.AddSeconds(1));
        Assert.Equal(("barrier", barrierUtc), ((await runner.NextAsync()).Guild, barrierUtc));
        Assert.False(runner.TryTake(out var extra), $"fired twice: {extra}");
    }

    private const string LiveGuild = "100000000000000001", StaleGuild = "100000000000000002", AbsentGuild = "100000000000000003";
    private static readonly DateTimeOffset Friday = new(2026, 12, 4, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Recovery_leaves_a_live_nodes_claim_and_finishes_those_of_gone_nodes_after_looking_in_the_channel()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        var time = new FakeTimeProvider(Friday.AddMinutes(1));
        // A running node: its check-in row is Quartz's own.
        await using var live = await NodeAsync(pg, "live", time, new RecordingRunner());
        var liveId = live.Services.GetRequiredService<IWeeklyClaimants>().Self;

        var stores = StoresOn(pg, time);
        await using (var raw = await pg.OpenAsync())
        {
            // A node that stopped checking in 20 s ago (twice the interval is 15 s), and no row at all for a failed-over one.
            await raw.ExecuteAsync(
                "INSERT INTO qrtz_scheduler_state (sched_name, instance_name, last_checkin_time, checkin_interval) VALUES ('dltbot', 'stale-node', @at, 7500)",
                new { at = time.GetUtcNow().AddSeconds(-20).UtcTicks });
        }
        foreach (var guild in new[] { LiveGuild, StaleGuild, AbsentGuild })
            await stores.Weekly.Settings.SaveAsync(guild, new WeeklySchedule("c" + guild, DayOfWeek.Friday, new TimeOnly(18, 0), Berlin, null, true, false), new Actor("1", "mod"), Ct);
        await stores.Weekly.Occurrences.TryClaimAsync(LiveGuild, "2026-W49", Friday, liveId, Ct);
        await stores.Weekly.Occurrences.TryClaimAsync(StaleGuild, "2026-W49", Friday, "stale-node", Ct);
        await stores.Weekly.Occurrences.TryClaimAsync(AbsentGuild, "2026-W49", Friday, "failed-over-node", Ct);

        var publisher = new FakeWeeklyPublisher();
        var runner = RunnerOn(stores, publisher, time, pg);
        await runner.RecoverAsync(Ct);

        Assert.Equal([StaleGuild, AbsentGuild], publisher.Posts.Select(p => p.Post.Guild).Order(StringComparer.Ordinal));
        Assert.Equal(2, publisher.FindCalls);
        var left = await stores.Weekly.Occurrences.GetAsync(LiveGuild, "2026-W49", Ct);
        Assert.Equal((OccurrenceState.Claimed, liveId), (left!.State, left.Claimant));
        // A scheduled run of the live node's week finds the claim and leaves it too.
        Assert.IsType<WeeklyRunOutcome.AlreadyPosted>(await runner.RunAsync(new WeeklyRunRequest(LiveGuild, Friday, RunKind.Scheduled), Ct));
        Assert.Equal(2, publisher.Posts.Count);
    }

    [Fact]
    public async Task A_run_Quartz_recovered_from_a_gone_node_finds_its_post_in_the_channel_and_does_not_send_again()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        var time = new FakeTimeProvider(Friday.AddMinutes(1));
        await using var provisioned = await NodeAsync(pg, "node", time, new RecordingRunner());
        var stores = StoresOn(pg, time);
        await stores.Weekly.Settings.SaveAsync(AbsentGuild, new WeeklySchedule("c1", DayOfWeek.Friday, new TimeOnly(18, 0), Berlin, null, true, false), new Actor("1", "mod"), Ct);
        var publisher = new FakeWeeklyPublisher { CrashAfterNextSend = true };
        // The gone node claimed the week and sent the post, then died before confirming it.
        var gone = new WeeklyRunner(stores.Weekly, Catalogs(), publisher, time, Options.Create(new PaperOfTheWeekOptions()), NullLogger<WeeklyRunner>.Instance,
            new SoleProcessClaimants("dead-node"));
        await Assert.ThrowsAsync<OperationCanceledException>(() => gone.RunAsync(new WeeklyRunRequest(AbsentGuild, Friday, RunKind.Scheduled), Ct));

        var outcome = await RunnerOn(stores, publisher, time, pg).RunAsync(new WeeklyRunRequest(AbsentGuild, Friday, RunKind.Scheduled), Ct);

        Assert.IsType<WeeklyRunOutcome.Posted>(outcome);
        Assert.Equal((1, 1), (publisher.SendAttempts, publisher.Posts.Count));
        Assert.Equal(OccurrenceState.Posted, (await stores.Weekly.Occurrences.GetAsync(AbsentGuild, "2026-W49", Ct))!.State);
    }

    private static CatalogViews Catalogs()
    {
        var catalogs = new CatalogViews(SearchEngine.Create);
        catalogs.Publish(TestCatalog.Snapshot);
        return catalogs;
    }

    private static WeeklyRunner RunnerOn(Stores stores, FakeWeeklyPublisher publisher, TimeProvider time, PostgresScratch pg) =>
        new(stores.Weekly, Catalogs(), publisher, time, Options.Create(new PaperOfTheWeekOptions()), NullLogger<WeeklyRunner>.Instance,
            new QuartzClusterClaimants(WeeklyClaimantId.New(), "dltbot", pg.ConnectionString, time));

    [Fact]
    public async Task A_change_through_one_instance_reaches_another_instances_view_by_notify()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        var (storesA, storesB) = (StoresOn(pg, TimeProvider.System), StoresOn(pg, TimeProvider.System));
        var (viewsA, viewsB) = (Catalogs(), Catalogs());
        var curatorA = new Curator(storesA.Entries, storesA.Maintenance, viewsA, NullLogger<Curator>.Instance);
        var curatorB = new Curator(storesB.Entries, storesB.Maintenance, viewsB, NullLogger<Curator>.Instance);
        await curatorA.StartAsync(Ct);
        await curatorB.StartAsync(Ct);
        var events = new EventLog();
        using var listener = new CatalogChangeListener(storesB, curatorB, viewsB, events.CreateLogger<CatalogChangeListener>());
        await listener.StartAsync(Ct);
        try
        {
            await events.NextAsync("CatalogChangesResynced");
            var latencies = new List<TimeSpan>();
            for (var i = 0; i < 10; i++)
            {
                var guild = (200000000000000000UL + (ulong)(i % 3)).ToString(CultureInfo.InvariantCulture);
                var id = $"cluster-{i}";
                var clock = Stopwatch.StartNew();
                var outcome = await storesA.Entries.AddAsync(guild, id, new EntryFields($"Shared change {i}", $"https://example.org/{i}", "overview", 2026, ""), new Actor("1", "mod"), null, Ct);
                Assert.IsType<ChangeOutcome.Applied>(outcome);
                Assert.Equal(guild, await events.NextAsync("CatalogChangeReceived"));
                latencies.Add(clock.Elapsed);
                var view = viewsB.ViewFor(Place.Guild(ulong.Parse(guild, CultureInfo.InvariantCulture), null));
                Assert.Contains(view.List.AllEntries(), e => e.Title == $"Shared change {i}");
            }
            latencies.Sort();
            Report($"NOTIFY commit-to-view latency over {latencies.Count} changes: median {latencies[latencies.Count / 2].TotalMilliseconds:0.0} ms, max {latencies[^1].TotalMilliseconds:0.0} ms (target 2 s)");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task After_the_listening_connection_is_killed_it_listens_again_and_reloads_what_it_missed()
    {
        await using var pg = await PostgresScratch.CreateAsync();
        var (storesA, storesB) = (StoresOn(pg, TimeProvider.System), StoresOn(pg, TimeProvider.System));
        var viewsB = Catalogs();
        var curatorB = new Curator(storesB.Entries, storesB.Maintenance, viewsB, NullLogger<Curator>.Instance);
        await curatorB.StartAsync(Ct);
        var events = new EventLog();
        using var listener = new CatalogChangeListener(storesB, curatorB, viewsB, events.CreateLogger<CatalogChangeListener>());
        await listener.StartAsync(Ct);
        try
        {
            await events.NextAsync("CatalogChangesResynced");
            await using (var raw = await pg.OpenAsync())
            {
                await raw.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");
            }
            // Committed while nobody listens: only the resync after reconnecting can bring it.
            await storesA.Entries.AddAsync("300000000000000001", "missed", new EntryFields("Missed while away", "https://example.org/m", "overview", 2026, ""), new Actor("1", "mod"), null, Ct);
            await events.NextAsync("CatalogChangeFeedLost");
            await events.NextAsync("CatalogChangesResynced");
            Assert.Contains(viewsB.ViewFor(Place.Guild(300000000000000001, null)).List.AllEntries(), e => e.Title == "Missed while away");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The listener's log events, awaited by name; the first argument (the guild, when there is one) is returned.</summary>
    private sealed class EventLog : ILoggerFactory, ILogger
    {
        private readonly Channel<(string Name, string? Argument)> _events = Channel.CreateUnbounded<(string, string?)>();

        public ILogger CreateLogger(string categoryName) => this;

        public Logger<T> CreateLogger<T>() => new(this);

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var argument = state is IReadOnlyList<KeyValuePair<string, object?>> values && values.Count > 1 ? values[0].Value?.ToString() : null;
            _events.Writer.TryWrite((eventId.Name ?? "", argument));
        }

        /// <summary>Skips other events until one of this name; a generous timeout stands for "never came".</summary>
        public async Task<string?> NextAsync(string name)
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Ct);
                if (next.Name == name) return next.Argument;
            }
        }
    }
}
