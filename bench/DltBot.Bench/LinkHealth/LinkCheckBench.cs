using System.Diagnostics;
using System.Globalization;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.LinkHealth;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.FakeWeb;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Bench.LinkHealth;

/// <summary>
/// The weekly link check at scale: the real run (checker, host gates, batched writes to a SQLite file) over a list of
/// many URLs spread over many hosts, against the fake web on 127.0.0.1 answering at once. The pacing floor is the
/// busiest host's chain: (URLs per host - 1) x 1 s; the run must end within 10 % of it, with memory flat.
/// </summary>
internal static class LinkCheckBench
{
    private const double FloorTolerance = 0.10;
    private const double MemoryTargetMb = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var urls = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var hosts = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;
        var folder = Directory.CreateTempSubdirectory("dltbot-bench-links-").FullName;
        Console.WriteLine($"[links] {urls} URLs over {hosts} hosts; {Environment.ProcessorCount} cores, load {LoadAverage()}");
        try
        {
            await using var web = new FakeWebServer(recordRequests: false) { Fallback = FakeResponse.Ok };
            var settings = LinkCheckSettings.Default;
            var watch = new PacingWatch(web.CreateHandler());

            // Warm-up on other hosts (JIT, connection setup, SQLite), then the idle figure.
            await using (var warm = Build(folder, "warm.db", watch, settings, List(200, 200, "warm")))
                await warm.GetRequiredService<LinkCheckRun>().RunAsync(null, CancellationToken.None);
            await using var services = Build(folder, "links.db", watch, settings, List(urls, hosts, "h"));
            var run = services.GetRequiredService<LinkCheckRun>();
            _ = await run.UrlsAsync(CancellationToken.None);
            var idle = Measure();
            Console.WriteLine($"[idle] managed {idle.ManagedMb:F1} MB, working set {idle.WorkingSetMb:F0} MB");

            var peak = 0.0;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                using var process = Process.GetCurrentProcess();
                while (!sampling.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64 / 1048576.0);
                    try { await Task.Delay(100, sampling.Token); } catch (OperationCanceledException) { }
                }
            });
            var clock = Stopwatch.StartNew();
            var summary = await run.RunAsync(null, CancellationToken.None);
            clock.Stop();
            await sampling.CancelAsync();
            await sampler;
            var after = Measure();

            var perHost = (urls + hosts - 1) / hosts;
            var floor = (perHost - 1) * settings.HostSpacing.TotalSeconds;
            var took = clock.Elapsed.TotalSeconds;
            var stats = web.Hosts.Where(h => h.Host.StartsWith('h')).ToList();
            var minGap = stats.Where(h => h.MinGap is not null).Min(h => h.MinGap!.Value);
            var maxConcurrent = stats.Max(h => h.MaxConcurrent);
            Console.WriteLine($"[run] {summary.Checked} checked ({summary.Reachable} reachable, {summary.Failed} failing) in {took:F2} s; " +
                              $"pacing floor {floor:F0} s ({perHost} per host x {settings.HostSpacing.TotalSeconds:0} s); {took / floor - 1:P1} above it");
            var (clientGap, clientConcurrent) = watch.Worst(h => h.StartsWith('h'));
            Console.WriteLine($"[pacing] {stats.Sum(h => h.Requests)} requests to {stats.Count} hosts; at the client: shortest pause between an answer and the next request to its host {clientGap.TotalMilliseconds:F1} ms, most at once at a host {clientConcurrent}; " +
                              $"at the server: shortest time between arrivals at a host {minGap.TotalMilliseconds:F0} ms (its own stamps, late by scheduling under load), most at once {maxConcurrent}");
            Console.WriteLine($"[memory] peak working set {peak:F0} MB ({peak - idle.WorkingSetMb:+0;-0} MB over idle); managed after {after.ManagedMb:F1} MB ({after.ManagedMb - idle.ManagedMb:+0.0;-0.0} MB)");
            Console.WriteLine($"[machine] load {LoadAverage()}");

            var pass = true;
            pass &= Verdict($"within {FloorTolerance:P0} of the pacing floor", took <= floor * (1 + FloorTolerance) && summary.Checked == urls);
            pass &= Verdict("polite: at least 1 s from an answer to the next request to its host, one at a time", clientGap >= settings.HostSpacing && clientConcurrent == 1 && maxConcurrent == 1);
            pass &= Verdict($"memory flat: peak working set at most {MemoryTargetMb:0} MB over idle", peak - idle.WorkingSetMb <= MemoryTargetMb);
            return pass ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Verdict(string target, bool ok)
    {
        Console.WriteLine($"  {(ok ? "PASS" : "FAIL")} {target}");
        return ok;
    }

    /// <summary>One section of <paramref name="urls"/> entries, the i-th on host h(i mod hosts).test.</summary>
    private static ReadingList List(int urls, int hosts, string prefix)
    {
        var entries = Enumerable.Range(0, urls).Select(i =>
        {
            var url = $"https://{prefix}{i % hosts}.test/paper/{i}";
            return new Entry($"e{i}", "", $"Paper {i}", url, [new Link($"Paper {i}", url)], null, "", [], i + 1);
        }).ToList();
        return new ReadingList("Bench", "", [new Section("Papers", new Topic("papers", "Papers", "论文", []), entries, 1)]);
    }

    private static ServiceProvider Build(string folder, string database, HttpMessageHandler handler, LinkCheckSettings settings, ReadingList list)
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        var stores = Stores.Sqlite(new SqliteStoreOptions(Path.Combine(folder, database)), TimeProvider.System);
        services.AddSingleton(stores.Entries);
        services.AddSingleton(stores.LinkChecks);
        var views = new CatalogViews(_ => throw new InvalidOperationException("the link check does not search"));
        views.Publish(new CatalogSnapshot(list, [], "bench", DateTimeOffset.UtcNow));
        services.AddSingleton<ICatalogViews>(views);
        services.AddSingleton(new LinkChecker(handler, settings, TimeProvider.System));
        services.AddSingleton<LinkHealthState>();
        services.AddSingleton<LinkCheckRun>();
        return services.BuildServiceProvider();
    }

    private static (double ManagedMb, double WorkingSetMb) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64 / 1048576.0);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>
    /// The checker's requests as it sends them: per host, the shortest pause between the end of an answer and the next
    /// send, and the most at once. Constant memory per host.
    /// </summary>
    private sealed class PacingWatch(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HostWatch> _hosts = new(StringComparer.Ordinal);

        public (TimeSpan MinPause, int MaxConcurrent) Worst(Func<string, bool> which)
        {
            var chosen = _hosts.Where(h => which(h.Key)).Select(h => h.Value).ToList();
            return (chosen.Min(h => h.MinPause), chosen.Max(h => h.MaxConcurrent));
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var host = _hosts.GetOrAdd(request.RequestUri!.Host, _ => new HostWatch());
            host.Start(DateTimeOffset.UtcNow);
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                host.End(DateTimeOffset.UtcNow);
            }
        }

        private sealed class HostWatch
        {
            private readonly Lock _lock = new();
            private DateTimeOffset? _lastEnd;
            private int _active;

            public TimeSpan MinPause { get; private set; } = TimeSpan.MaxValue;
            public int MaxConcurrent { get; private set; }

            public void Start(DateTimeOffset at)
            {
                lock (_lock)
                {
                    if (_lastEnd is { } end && at - end < MinPause) MinPause = at - end;
                    MaxConcurrent = Math.Max(MaxConcurrent, ++_active);
                }
            }

            public void End(DateTimeOffset at)
            {
                lock (_lock)
                {
                    _active--;
                    _lastEnd = at;
                }
            }
        }
    }
}
