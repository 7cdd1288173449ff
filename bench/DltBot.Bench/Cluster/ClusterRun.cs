using System.Diagnostics;
using System.Globalization;
using Dapper;
using DltBot.Bench.Weekly;
using DltBot.Bot.Weekly;
using DltBot.FakeDiscord;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DltBot.Bench.Cluster;

/// <summary>
/// Issue 12's benchmark: two instances of one bot on one PostgreSQL database, each a node of the clustered Quartz
/// scheduler, with 5,000 servers' papers of the week in the same minute, against one fake Discord holding the bot (both
/// instances together, one token) to Discord's 50 requests in any second and 5 per 5 s per channel. Each instance sends
/// at most 25 a second (<c>Discord:GlobalRateLimit</c> = 50/2). Then the scheduler-and-store cost of a run with Discord
/// answering at once, on PostgreSQL (the two nodes) and on SQLite (one bot), one after the other in this process.
///
/// The two instances are two hosts in this process, each with its own service container, Quartz scheduler node (own
/// instance id, thread pool, check-ins and misfire handling), connection pool, HTTP client and rate limiter; they share
/// the database and the fake Discord as two processes would, and share this process's CPU and garbage collector, which
/// two processes on the same two cores would share as well. Real processes could not be timed per run (the timing
/// wrappers live in the host), so the fault suite, not this bench, is where instances die.
/// </summary>
internal static class ClusterRun
{
    private const int DiscordGlobalPerSecond = 50;
    private const int Instances = 2;
    private const double FloorTolerance = 0.10;
    private const ulong FirstGuild = 910_000_000_000_000_000;
    private const ulong FirstChannel = 1_110_000_000_000_000_000;
    private const string PostgresOption = "--postgres=";
    private const string DryOption = "--dry=";
    private const ulong CalibrationGuild = 990_000_000_000_000_000;
    private static int s_calibrated;

    public static bool Accepts(string[] args) => Parse(args) is not null;

    private static (int Servers, int DryServers, string? Postgres)? Parse(string[] args)
    {
        var servers = 5_000;
        var dry = 2_000;
        string? postgres = null;
        var numbers = 0;
        foreach (var arg in args)
        {
            if (arg.StartsWith(PostgresOption, StringComparison.Ordinal)) postgres = arg[PostgresOption.Length..];
            else if (arg.StartsWith(DryOption, StringComparison.Ordinal) && WholeNumber(arg[DryOption.Length..]) is { } d) dry = d;
            else if (numbers++ == 0 && WholeNumber(arg) is { } n) servers = n;
            else return null;
        }
        return (servers, dry, postgres);

        static int? WholeNumber(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var (servers, dryServers, server) = Parse(args) ?? throw new ArgumentException("cluster: bad arguments", nameof(args));
        server ??= Environment.GetEnvironmentVariable(BenchPostgres.Variable);
        var ct = CancellationToken.None;
        var (pg, absent) = await BenchPostgres.CreateAsync(server, ct);
        if (pg is null)
        {
            Console.WriteLine($"[cluster] {absent}");
            Console.WriteLine("SKIP nothing measured: the cluster bench needs PostgreSQL");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("dltbot-bench-cluster-").FullName;
        Console.WriteLine($"[cluster] {Instances} instances on PostgreSQL database {pg.Database}, {servers} servers in one minute, " +
                          $"{DiscordGlobalPerSecond / Instances} requests/s each; {Environment.ProcessorCount} cores, load {WeeklyRun.LoadAverage()}");
        var hosts = new List<IHost>();
        try
        {
            await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions(), ct);
            fake.Rest.GlobalRequestsPerSecond = DiscordGlobalPerSecond;
            fake.Rest.RateLimits = new FakeRateLimitPolicy(Limit: 5, ResetAfterSeconds: 5, Enforce: true);
            var serverCpu = await PostgresServerCpu.FindAsync(pg, ct);

            var timing = new RunTiming(servers);
            var names = Enumerable.Range(0, Instances).Select(i => ((char)('a' + i)).ToString()).ToArray();
            hosts.AddRange(await Task.WhenAll(names.Select(name => StartNodeAsync(pg, folder, name, fake.RestBaseUrl, timing, ct))));
            var nodes = hosts.Select((h, i) => new Node(names[i], h)).ToList();

            var (slot, lead) = await ScheduleAsync(nodes, servers, FirstGuild, FirstChannel, "cluster", ct);
            if (slot is null) return 1;

            var floorGuess = TimeSpan.FromSeconds(3.0 * servers / DiscordGlobalPerSecond);
            if (!await FinishedAsync(timing, slot.Value - DateTimeOffset.UtcNow + floorGuess * 3 + TimeSpan.FromMinutes(5), "cluster")) return 1;
            var total = timing.LastDone - slot.Value;
            Console.WriteLine($"[machine] load {WeeklyRun.LoadAverage()}");

            var tally = DiscordTally.Of(fake.Rest.Requests, FirstChannel, servers, names);
            var claims = await ClaimsByNodeAsync(pg, nodes, ct);
            var floor = TimeSpan.FromSeconds((double)tally.Accepted / DiscordGlobalPerSecond);
            var exactlyOnce = tally.ChannelsPosted == servers && tally.ChannelsPostedTwice == 0 && timing.Posted == servers;
            Console.WriteLine($"[runs] {timing.Posted} posted of {servers} ({timing.OutcomeSummary}); {tally.ChannelsPosted} channels with a post, " +
                              $"{tally.ChannelsPostedTwice} with more than one; {tally.Threads} threads");
            Console.WriteLine($"[nodes] occurrences posted per node: {string.Join(", ", claims.Select(c => $"{c.Key} {c.Value}"))}; " +
                              $"requests per instance: {string.Join(", ", tally.PerInstance.Select(c => $"{c.Key} {c.Value}"))}");
            Console.WriteLine($"[discord] {tally.Accepted} requests accepted, {tally.Limited} answered 429 ({fake.Rest.GlobalRateLimitHits} global); " +
                              $"most in any one second {tally.MostInOneSecond}, longest pause {tally.LongestPause.TotalSeconds:F1} s; rate-limit floor {floor.TotalSeconds:F1} s; " +
                              $"from the minute to the last post {total.TotalSeconds:F1} s ({(total / floor - 1) * 100:+0.0;-0.0} %)");
            var overheads = timing.OverheadsMs;
            Console.WriteLine($"[overhead, with Discord] runner + store per run, Discord calls excluded: mean {overheads.DefaultIfEmpty(double.NaN).Average():F2} ms, " +
                              $"p50 {WeeklyRun.Percentile(overheads, 50):F2} ms, p99 {WeeklyRun.Percentile(overheads, 99):F2} ms");

            var postgres = await DryRunAsync("PostgreSQL, 2 clustered nodes", nodes, dryServers, FirstGuild + (ulong)servers, FirstChannel + (ulong)servers, onPostgres: true, serverCpu, ct);
            foreach (var host in hosts) await host.StopAsync(ct);

            var sqliteFolder = Directory.CreateDirectory(Path.Combine(folder, "sqlite")).FullName;
            using var sqlite = await WeeklyRun.StartHostAsync(new Dictionary<string, string?> { ["Data:Directory"] = sqliteFolder },
                Stores.Sqlite(new SqliteStoreOptions(Path.Combine(sqliteFolder, "dltbot.db")), TimeProvider.System), WeeklyRun.Rest(fake.RestBaseUrl), new RunTiming(0), ct);
            var sqliteRun = await DryRunAsync("SQLite, 1 bot", [new Node("sqlite", sqlite)], dryServers, FirstGuild + (ulong)(servers + dryServers), FirstChannel + (ulong)(servers + dryServers), onPostgres: false, null, ct);
            await sqlite.StopAsync(ct);
            if (postgres is not null && sqliteRun is not null)
                Console.WriteLine($"[overhead, PostgreSQL against SQLite] CPU per run {postgres.CpuMsPerRun:F2} ms against {sqliteRun.CpuMsPerRun:F2} ms " +
                                  $"({postgres.CpuMsPerRun / sqliteRun.CpuMsPerRun:F1}x); runner + store wall per run {postgres.WallMeanMs:F2} ms against {sqliteRun.WallMeanMs:F2} ms");
            Console.WriteLine($"[machine] load {WeeklyRun.LoadAverage()}");

            var ok = true;
            ok &= WeeklyRun.Verdict(exactlyOnce, $"every server posted exactly once ({timing.Posted}/{servers}) across {Instances} instances");
            ok &= WeeklyRun.Verdict(total <= floor * (1 + FloorTolerance), $"total {total.TotalSeconds:F1} s within {FloorTolerance:P0} of the floor {floor.TotalSeconds:F1} s");
            ok &= WeeklyRun.Verdict(postgres is not null && sqliteRun is not null, "the dry runs on PostgreSQL and SQLite finished (figures above)");
            return ok ? 0 : 1;
        }
        finally
        {
            foreach (var host in hosts) host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await pg.DisposeAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static Task<IHost> StartNodeAsync(BenchPostgres pg, string folder, string name, string restBaseUrl, RunTiming timing, CancellationToken ct)
    {
        var connection = pg.For(name);
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Dltbot"] = connection,
            ["Data:Directory"] = Directory.CreateDirectory(Path.Combine(folder, name)).FullName,
        };
        // Discord:GlobalRateLimit = 50 / instances; the user agent tells the fake Discord which instance sent a request.
        var rest = WeeklyRun.Rest(restBaseUrl) with { GlobalRequestsPerSecond = DiscordGlobalPerSecond / Instances, UserAgentVersion = "bench-" + name };
        return WeeklyRun.StartHostAsync(settings, Stores.Postgres(new PostgresStoreOptions(connection), TimeProvider.System), rest, timing, ct);
    }

    /// <summary>
    /// Sets the servers up, alternately through each node (as moderators on different instances would), for the first
    /// whole minute after the set-up is sure to be done. Null when the set-up ran past it.
    /// </summary>
    private static async Task<(DateTimeOffset? Slot, TimeSpan Lead)> ScheduleAsync(IReadOnlyList<Node> nodes, int servers, ulong firstGuild, ulong firstChannel, string label, CancellationToken ct)
    {
        // How long one server's set-up takes here; the first half warms up (JIT, pools), the second half is timed.
        const int calibrationServers = 60;
        var elsewhere = DateTimeOffset.UtcNow.AddDays(3);
        var calibration = new Stopwatch();
        for (var i = 0; i < calibrationServers; i++)
        {
            if (i == calibrationServers / 2) calibration.Start();
            var id = CalibrationGuild + (ulong)Interlocked.Increment(ref s_calibrated);
            await nodes[i % nodes.Count].SetUpAsync(id, id, elsewhere, ct);
        }
        var perServer = calibration.Elapsed / (calibrationServers / 2);
        var lead = TimeSpan.FromSeconds(20) + perServer * servers * 1.5;
        var slotAt = DateTimeOffset.UtcNow + lead;
        var slot = new DateTimeOffset(slotAt.Year, slotAt.Month, slotAt.Day, slotAt.Hour, slotAt.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        Console.WriteLine($"[setup {label}] {perServer.TotalMilliseconds:F1} ms per server (settings + Quartz trigger); all scheduled for {slot:yyyy-MM-dd HH:mm} UTC");

        var setup = Stopwatch.StartNew();
        await Task.WhenAll(nodes.Select((node, n) => Task.Run(async () =>
        {
            for (var i = n; i < servers; i += nodes.Count)
                await node.SetUpAsync(firstGuild + (ulong)i, firstChannel + (ulong)i, slot, ct);
        }, ct)));
        var margin = slot - DateTimeOffset.UtcNow;
        Console.WriteLine($"[setup {label}] {servers} servers in {setup.Elapsed.TotalSeconds:F1} s; {margin.TotalSeconds:F0} s before the minute");
        if (margin > TimeSpan.Zero) return (slot, lead);
        Console.WriteLine("FAIL setup ran past the scheduled minute; the triggers would wait a week (this machine is too busy now)");
        return (null, lead);
    }

    /// <summary>
    /// The same burst on fresh servers with Discord answered at once: what is left is the scheduler, the runner and the
    /// store. CPU per run counts this process and, on PostgreSQL, the server's processes.
    /// </summary>
    private static async Task<DryResult?> DryRunAsync(string label, IReadOnlyList<Node> nodes, int servers, ulong firstGuild, ulong firstChannel, bool onPostgres, PostgresServerCpu? serverCpu, CancellationToken ct)
    {
        var dry = new RunTiming(servers);
        foreach (var node in nodes)
        {
            node.Host.Services.GetRequiredService<TimingRunner>().Timing = dry;
            node.Host.Services.GetRequiredService<TimingPublisher>().Instant = true;
        }

        var (slot, _) = await ScheduleAsync(nodes, servers, firstGuild, firstChannel, label, ct);
        if (slot is null) return null;
        var untilJustBefore = slot.Value - DateTimeOffset.UtcNow - TimeSpan.FromSeconds(2);
        if (untilJustBefore > TimeSpan.Zero) await Task.Delay(untilJustBefore, ct);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var serverBefore = serverCpu?.Total();
        if (!await FinishedAsync(dry, TimeSpan.FromMinutes(15), label)) return null;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var server = serverCpu is null ? (TimeSpan?)null : serverCpu.Total() - serverBefore!.Value;
        var elapsed = dry.LastDone - slot.Value;
        var total = cpu + (server ?? TimeSpan.Zero);
        var result = new DryResult(total.TotalMilliseconds / servers, dry.OverheadsMs.DefaultIfEmpty(double.NaN).Average());
        Console.WriteLine($"[overhead, no Discord: {label}] {dry.Posted} of {servers} posted ({dry.OutcomeSummary}) in {elapsed.TotalSeconds:F1} s from the minute " +
                          $"({elapsed.TotalMilliseconds / servers:F2} ms per run, {nodes.Count} x 10 Quartz threads); runner + store wall per run mean {result.WallMeanMs:F2} ms, " +
                          $"p50 {WeeklyRun.Percentile(dry.OverheadsMs, 50):F2} ms, p99 {WeeklyRun.Percentile(dry.OverheadsMs, 99):F2} ms; CPU per run {result.CpuMsPerRun:F2} ms " +
                          $"(bench process {cpu.TotalMilliseconds / servers:F2} ms" +
                          (server is { } s ? $" + PostgreSQL server {s.TotalMilliseconds / servers:F2} ms)" : onPostgres ? "; the PostgreSQL server's CPU is not measurable from here)" : ")"));
        return result;
    }

    /// <summary>Waits for every run; past <paramref name="limit"/> says how many ended and how, and returns false.</summary>
    private static async Task<bool> FinishedAsync(RunTiming timing, TimeSpan limit, string label)
    {
        if (await Task.WhenAny(timing.AllDone, Task.Delay(limit)) == timing.AllDone) return true;
        Console.WriteLine($"FAIL {label}: not every run ended within {limit.TotalMinutes:F0} min ({timing.Posted} posted; {timing.OutcomeSummary})");
        return false;
    }

    private static async Task<Dictionary<string, int>> ClaimsByNodeAsync(BenchPostgres pg, IReadOnlyList<Node> nodes, CancellationToken ct)
    {
        var byClaimant = nodes.ToDictionary(n => n.Host.Services.GetRequiredService<IWeeklyClaimants>().Self, n => n.Name, StringComparer.Ordinal);
        await using var connection = await pg.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Claimant, long Count)>(
            "SELECT claimant, COUNT(*) FROM weekly_occurrences WHERE state = 'posted' GROUP BY claimant");
        return rows.ToDictionary(r => byClaimant.GetValueOrDefault(r.Claimant, r.Claimant), r => (int)r.Count, StringComparer.Ordinal);
    }

    private sealed record Node(string Name, IHost Host)
    {
        public Task SetUpAsync(ulong guild, ulong channel, DateTimeOffset at, CancellationToken ct) =>
            WeeklyRun.SetUpAsync(Host.Services.GetRequiredService<IWeeklySettings>(), Host.Services.GetRequiredService<IWeeklySchedule>(), guild, channel, at, ct);
    }

    private sealed record DryResult(double CpuMsPerRun, double WallMeanMs);
}

/// <summary>What the fake Discord saw of the weekly posts: accepted and refused requests, posts per channel, per instance.</summary>
internal sealed record DiscordTally(int Accepted, int Limited, int ChannelsPosted, int ChannelsPostedTwice, int Threads, int MostInOneSecond, TimeSpan LongestPause, IReadOnlyDictionary<string, int> PerInstance)
{
    private const string CreateMessage = "POST /channels/{channel}/messages";
    private const string StartThread = "POST /channels/{channel}/messages/{message}/threads";

    public static DiscordTally Of(IReadOnlyList<RecordedRequest> requests, ulong firstChannel, int servers, IReadOnlyList<string> instances)
    {
        static bool IsWeekly(RecordedRequest r) => r.Route is CreateMessage or StartThread;
        var weekly = requests.Where(IsWeekly).ToList();
        var accepted = weekly.Where(r => r.ResponseStatus is 200 or 201).ToList();
        var posts = accepted
            .Where(r => r.Route == CreateMessage && ulong.Parse(r.RouteValues["channel"], CultureInfo.InvariantCulture) - firstChannel < (ulong)servers)
            .GroupBy(r => r.RouteValues["channel"]).Select(g => g.Count()).ToList();

        // The most requests the fake accepted in any one second: the global limit holds when this is at most 50.
        var times = accepted.Select(r => r.ReceivedAt).Order().ToList();
        var most = 0;
        for (int first = 0, last = 0; last < times.Count; last++)
        {
            while (times[last] - times[first] >= TimeSpan.FromSeconds(1)) first++;
            most = Math.Max(most, last - first + 1);
        }

        // The longest time Discord heard nothing once the burst had begun: a stalled scheduler shows here.
        var pause = times.Zip(times.Skip(1), (a, b) => b - a).DefaultIfEmpty(TimeSpan.Zero).Max();

        var perInstance = instances.ToDictionary(i => i, i => weekly.Count(r => Agent(r).Contains("bench-" + i, StringComparison.Ordinal)), StringComparer.Ordinal);
        return new DiscordTally(accepted.Count, weekly.Count(r => r.ResponseStatus == 429), posts.Count, posts.Count(c => c > 1),
            accepted.Count(r => r.Route == StartThread), most, pause, perInstance);
    }

    private static string Agent(RecordedRequest request) =>
        request.Headers.FirstOrDefault(h => h.Key.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)).Value ?? "";
}
