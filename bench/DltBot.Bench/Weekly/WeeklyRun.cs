using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Search;
using DltBot.Bot.Weekly;
using DltBot.Catalog.Import;
using DltBot.Discord.Rest;
using DltBot.FakeDiscord;
using DltBot.Storage;
using DltBot.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Bench.Weekly;

/// <summary>
/// Many servers' paper of the week in the same minute: the real runner, Quartz on the SQLite job store, the store and our
/// REST client (with its rate limiter), against the fake Discord holding the bot to Discord's global 50 requests/s and
/// 5 per 5 s per channel. The gateway and interactions are not started: they play no part in a scheduled run.
/// </summary>
internal static class WeeklyRun
{
    internal const int DiscordGlobalPerSecond = 50;
    private const double FloorTolerance = 0.10;
    private const double OverheadTargetMs = 2.0;
    private const double MemoryTargetMb = 100;
    private const int WeeklyJobStoreThreads = 10;
    private const ulong FirstGuild = 900_000_000_000_000_000;
    private const ulong FirstChannel = 1_100_000_000_000_000_000;
    private static readonly Actor BenchActor = new("1", "bench moderator");

    public static async Task<int> RunAsync(string[] args)
    {
        var servers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var ct = CancellationToken.None;
        var folder = Directory.CreateTempSubdirectory("dltbot-bench-weekly-").FullName;
        Console.WriteLine($"[weekly] {servers} servers in one minute; {Environment.ProcessorCount} cores, load {LoadAverage()}, process {Environment.ProcessId}");
        // The fake Discord is reached only through this session, so that this frame holds no reference to it and the
        // session can tell when it is really gone before the bot's memory is measured (DropAsync).
        var discord = await DiscordSession.StartAsync(ct);
        try
        {
            var timing = new RunTiming(servers);
            using var host = await StartHostAsync(folder, discord.RestBaseUrl, timing, ct);
            var idle = Measure();
            Console.WriteLine($"[idle bot] managed {idle.ManagedMb:F1} MB, working set {idle.WorkingSetMb:F0} MB");

            var settings = host.Services.GetRequiredService<IWeeklySettings>();
            var schedule = host.Services.GetRequiredService<IWeeklySchedule>();

            // How long setting one server up takes here, to schedule the shared minute after the last one is set up.
            // The first half warms up (JIT, pools); the second half is timed.
            const int calibrationServers = 100;
            var elsewhere = DateTimeOffset.UtcNow.AddDays(3);
            var calibration = new Stopwatch();
            for (var i = 0; i < calibrationServers; i++)
            {
                if (i == calibrationServers / 2) calibration.Start();
                await SetUpAsync(settings, schedule, FirstGuild - 1 - (ulong)i, FirstChannel - 1 - (ulong)i, elsewhere, ct);
            }
            var perServer = calibration.Elapsed / (calibrationServers / 2);
            var lead = TimeSpan.FromSeconds(20) + perServer * servers * 2;
            var slot = NextMinute(DateTimeOffset.UtcNow + lead);
            Console.WriteLine($"[setup] {perServer.TotalMilliseconds:F1} ms per server (settings + Quartz trigger); all scheduled for {slot:yyyy-MM-dd HH:mm} UTC");

            var setup = Stopwatch.StartNew();
            for (var i = 0; i < servers; i++)
                await SetUpAsync(settings, schedule, FirstGuild + (ulong)i, FirstChannel + (ulong)i, slot, ct);
            setup.Stop();
            var margin = slot - DateTimeOffset.UtcNow;
            Console.WriteLine($"[setup] {servers} servers in {setup.Elapsed.TotalSeconds:F1} s; {margin.TotalSeconds:F0} s before the minute");
            if (margin <= TimeSpan.Zero)
            {
                Console.WriteLine("FAIL setup ran past the scheduled minute; the triggers would wait a week (this machine is too busy now)");
                return 1;
            }

            var peakWorkingSet = 0L;
            using var sampler = new Timer(_ => InterlockedMax(ref peakWorkingSet, Environment.WorkingSet), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var floorGuess = TimeSpan.FromSeconds(3.0 * servers / DiscordGlobalPerSecond);
            await timing.AllDone.WaitAsync(margin + floorGuess * 3 + TimeSpan.FromMinutes(5), ct);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var total = timing.LastDone - slot;
            var after = Measure();
            InterlockedMax(ref peakWorkingSet, Environment.WorkingSet);

            var seen = discord.Tally(FirstChannel, servers);
            var exactlyOnce = seen.ChannelsWithAPost == servers && seen.ChannelsWithMoreThanOne == 0 && timing.Posted == servers;
            var floor = TimeSpan.FromSeconds((double)seen.Accepted / DiscordGlobalPerSecond);
            var overheads = timing.OverheadsMs;
            Console.WriteLine($"[runs] {timing.Posted} posted of {servers} ({timing.OutcomeSummary}); {seen.ChannelsWithAPost} channels with a post, " +
                              $"{seen.ChannelsWithMoreThanOne} with more than one; {seen.Threads} threads");
            Console.WriteLine($"[discord] {seen.Accepted} requests accepted, {seen.Limited} answered 429 ({seen.GlobalHits} global); " +
                              $"rate-limit floor {floor.TotalSeconds:F1} s; from the minute to the last post {total.TotalSeconds:F1} s " +
                              $"({(total / floor - 1) * 100:+0.0;-0.0} %)");
            Console.WriteLine($"[runs, wall] runner + store per run, Discord calls excluded: mean {Mean(overheads):F2} ms, p50 {Percentile(overheads, 50):F2} ms, " +
                              $"p99 {Percentile(overheads, 99):F2} ms (waits for the write lock, the disk and the CPU included); " +
                              $"process CPU per run (bot and fake Discord, both ends of HTTP) {cpu.TotalMilliseconds / servers:F2} ms");
            Console.WriteLine($"[memory] after the runs: managed {after.ManagedMb:F1} MB (+{after.ManagedMb - idle.ManagedMb:F1}), working set {after.WorkingSetMb:F0} MB " +
                              $"(+{after.WorkingSetMb - idle.WorkingSetMb:F0}), peak working set +{peakWorkingSet / 1048576.0 - idle.WorkingSetMb:F0} MB; " +
                              "these include the fake Discord, which runs in this process and keeps every request and message");
            var dropped = await discord.DropAsync(TimeSpan.FromSeconds(30));
            var bot = Measure();
            var botAbove = bot.ManagedMb - idle.ManagedMb;
            Console.WriteLine($"[memory] the bot alone, fake Discord dropped{(dropped ? "" : " (but still not reclaimed after 30 s: it is counted)")}: " +
                              $"managed {bot.ManagedMb:F1} MB (+{botAbove:F1} MB above idle, {botAbove * 1024 * 1024 / servers:F0} bytes per server), working set {bot.WorkingSetMb:F0} MB");
            Console.WriteLine($"[machine] load {LoadAverage()}");

            // The same burst again on fresh servers with Discord answered instantly: what is left is the scheduler (Quartz
            // acquiring, firing and completing each trigger in its SQLite job store), the runner and the store, and the
            // process's CPU time over the burst is their cost. Wall time is not: on this shared machine it mostly counts
            // waits for the one SQLite writer, for the disk's fsync and for CPU that other processes hold.
            var dry = new RunTiming(servers);
            host.Services.GetRequiredService<TimingRunner>().Timing = dry;
            host.Services.GetRequiredService<TimingPublisher>().Instant = true;
            var drySlot = NextMinute(DateTimeOffset.UtcNow + lead);
            for (var i = 0; i < servers; i++)
                await SetUpAsync(settings, schedule, FirstGuild + (ulong)(servers + i), FirstChannel + (ulong)(servers + i), drySlot, ct);
            var dryMargin = drySlot - DateTimeOffset.UtcNow;
            Console.WriteLine($"[no Discord] {servers} fresh servers scheduled for {drySlot:HH:mm} UTC, {dryMargin.TotalSeconds:F0} s from now");
            var waitCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            // The burst's CPU is counted from a second before the minute: the idle bot's timers over the wait before it
            // (tens of seconds, as long as set-up left) are no run's cost, and were up to a few tenths of a ms per run.
            var burstStart = drySlot - TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
            if (burstStart > TimeSpan.Zero) await Task.Delay(burstStart, ct);
            var dryCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var idleCpu = dryCpuBefore - waitCpuBefore;
            await dry.AllDone.WaitAsync(dryMargin + TimeSpan.FromMinutes(10), ct);
            var dryCpu = Process.GetCurrentProcess().TotalProcessorTime - dryCpuBefore;
            var dryCpuPerRun = dryCpu.TotalMilliseconds / servers;
            var dryElapsed = dry.LastDone - drySlot;
            Console.WriteLine($"[no Discord] {dry.Posted} of {servers} posted ({dry.OutcomeSummary}) in {dryElapsed.TotalSeconds:F1} s from the minute " +
                              $"({dryElapsed.TotalMilliseconds / servers:F2} ms per run, Quartz's {WeeklyJobStoreThreads} threads in parallel); " +
                              $"per run wall mean {Mean(dry.OverheadsMs):F2} ms, p50 {Percentile(dry.OverheadsMs, 50):F2} ms; " +
                              $"process CPU {dryCpuPerRun:F2} ms per run (idle wait before it {idleCpu.TotalMilliseconds:F0} ms CPU, " +
                              $"{(idleCpu + dryCpu).TotalMilliseconds / servers:F2} ms per run counted with it); load {LoadAverage()}");

            var ok = true;
            ok &= Verdict(exactlyOnce, $"every server posted exactly once ({timing.Posted}/{servers})");
            ok &= Verdict(total <= floor * (1 + FloorTolerance), $"total {total.TotalSeconds:F1} s within {FloorTolerance:P0} of the floor {floor.TotalSeconds:F1} s");
            ok &= Verdict(dry.Posted == servers && dryCpuPerRun <= OverheadTargetMs,
                $"scheduler and store overhead per run {dryCpuPerRun:F2} ms <= {OverheadTargetMs} ms (process CPU of the burst without Discord: Quartz, runner, store, SQLite; {dry.Posted}/{servers} posted)");
            ok &= Verdict(botAbove <= MemoryTargetMb, $"memory above an idle bot {botAbove:F1} MB (managed heap after the runs, fake Discord dropped) <= {MemoryTargetMb} MB");
            await host.StopAsync(ct);
            return ok ? 0 : 1;
        }
        finally
        {
            await discord.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static DateTimeOffset NextMinute(DateTimeOffset at) => new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    private static Task<IHost> StartHostAsync(string folder, string restBaseUrl, RunTiming timing, CancellationToken ct) =>
        StartHostAsync(new Dictionary<string, string?> { ["Data:Directory"] = folder },
            Stores.Sqlite(new SqliteStoreOptions(Path.Combine(folder, "dltbot.db")), TimeProvider.System), Rest(restBaseUrl), timing, ct);

    /// <summary>The bench bot's REST settings against the fake Discord at <paramref name="restBaseUrl"/>.</summary>
    internal static DiscordRestOptions Rest(string restBaseUrl) => new() { Token = "bench-token", ApiBaseUrl = restBaseUrl };

    /// <summary>
    /// A bot with these settings and stores (SQLite, or PostgreSQL and a node of the clustered scheduler): the runner,
    /// Quartz and the REST client, timed.
    /// </summary>
    internal static async Task<IHost> StartHostAsync(Dictionary<string, string?> settings, Stores stores, DiscordRestOptions rest, RunTiming timing, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Bench" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        await stores.Maintenance.MigrateAsync(ct);
        var views = new CatalogViews(SearchEngine.Create, changesSearch: SearchEngine.CreateForChanges);
        await views.PublishPreparedAsync(CatalogSnapshot.Of(MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List, "bench"), ct);

        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(stores);
        services.AddSingleton<ICatalogViews>(views);
        services.AddDiscordRestClient(_ => rest);
        // Registered before AddWeeklyRunner, whose TryAdd then leaves it: the job runs through the timing wrapper.
        services.AddSingleton(sp => new TimingRunner(sp.GetRequiredService<WeeklyRunner>(), timing));
        services.AddSingleton<IWeeklyRunner>(sp => sp.GetRequiredService<TimingRunner>());
        services.AddWeeklyRunner(builder.Configuration);
        services.AddSingleton<DiscordWeeklyPublisher>();
        services.AddSingleton(sp => new TimingPublisher(sp.GetRequiredService<DiscordWeeklyPublisher>()));
        services.AddSingleton<IWeeklyPublisher>(sp => sp.GetRequiredService<TimingPublisher>());
        services.AddWeeklyScheduling(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    internal static async Task SetUpAsync(IWeeklySettings settings, IWeeklySchedule schedule, ulong guild, ulong channel, DateTimeOffset at, CancellationToken ct)
    {
        var id = guild.ToString(CultureInfo.InvariantCulture);
        var saved = await settings.SaveAsync(id, new WeeklySchedule(channel.ToString(CultureInfo.InvariantCulture), at.DayOfWeek,
            new TimeOnly(at.Hour, at.Minute), "UTC", null, Thread: true, Poll: false), BenchActor, ct);
        await schedule.ApplyAsync(id, saved, ct);
    }

    internal static bool Verdict(bool pass, string what)
    {
        Console.WriteLine($"{(pass ? "PASS" : "FAIL")} {what}");
        return pass;
    }

    private static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    internal static double Percentile(IReadOnlyList<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    internal static (double ManagedMb, double WorkingSetMb) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64 / 1048576.0);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) is var previous && previous != seen) seen = previous;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>What the fake Discord saw of the weekly posts.</summary>
internal sealed record DiscordTally(int Accepted, int Limited, int GlobalHits, int ChannelsWithAPost, int ChannelsWithMoreThanOne, int Threads);

/// <summary>
/// The fake Discord, held only here: the bench's own frames never hold the server or its request log, so once
/// <see cref="DisposeAsync"/> drops it nothing of it is left to count as the bot's memory.
/// </summary>
internal sealed class DiscordSession : IAsyncDisposable
{
    private FakeDiscordServer? fake;

    private DiscordSession(FakeDiscordServer fake, string restBaseUrl)
    {
        this.fake = fake;
        RestBaseUrl = restBaseUrl;
    }

    public string RestBaseUrl { get; }

    /// <summary>Discord's global 50 requests/s and 5 per 5 s per channel, enforced.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static async Task<DiscordSession> StartAsync(CancellationToken ct)
    {
        var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions(), ct);
        fake.Rest.GlobalRequestsPerSecond = WeeklyRun.DiscordGlobalPerSecond;
        fake.Rest.RateLimits = new FakeRateLimitPolicy(Limit: 5, ResetAfterSeconds: 5, Enforce: true);
        return new DiscordSession(fake, fake.RestBaseUrl);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public DiscordTally Tally(ulong firstChannel, int servers)
    {
        var rest = (fake ?? throw new ObjectDisposedException(nameof(DiscordSession))).Rest;
        var requests = rest.Requests;
        static bool IsWeekly(RecordedRequest r) => r.Route is "POST /channels/{channel}/messages" or "POST /channels/{channel}/messages/{message}/threads";
        bool IsBenchChannel(RecordedRequest r) => ulong.Parse(r.RouteValues["channel"], CultureInfo.InvariantCulture) is var c && c >= firstChannel && c < firstChannel + (ulong)servers;
        var postsPerChannel = requests
            .Where(r => r.Route == "POST /channels/{channel}/messages" && r.ResponseStatus == 200 && IsBenchChannel(r))
            .GroupBy(r => r.RouteValues["channel"]).Select(g => g.Count()).ToList();
        return new DiscordTally(
            requests.Count(r => IsWeekly(r) && r.ResponseStatus is 200 or 201),
            requests.Count(r => IsWeekly(r) && r.ResponseStatus == 429),
            rest.GlobalRateLimitHits,
            postsPerChannel.Count,
            postsPerChannel.Count(c => c > 1),
            requests.Count(r => r.Route == "POST /channels/{channel}/messages/{message}/threads" && r.ResponseStatus == 201));
    }

    /// <summary>
    /// Disposes the fake and waits, at most <paramref name="timeout"/>, until the collector has reclaimed it: the host's
    /// Kestrel finishes closing its connections on its own threads after it stopped, and until then they keep the fake's
    /// record of every request alive (about 20 KB per server), which is no part of the bot. False when it was not reclaimed.
    /// </summary>
    public async Task<bool> DropAsync(TimeSpan timeout)
    {
        var (server, rest) = Weakly();
        await DisposeAsync();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            if (!server.TryGetTarget(out _) && !rest.TryGetTarget(out _)) return true;
            if (waited.Elapsed > timeout) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (WeakReference<FakeDiscordServer> Server, WeakReference<FakeRest> Log) Weakly()
    {
        var server = fake ?? throw new ObjectDisposedException(nameof(DiscordSession));
        return (new WeakReference<FakeDiscordServer>(server), new WeakReference<FakeRest>(server.Rest));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref fake, null) is { } server) await server.DisposeAsync();
    }
}

/// <summary>Per run: wall time in the runner minus the time spent in Discord calls (which includes rate-limit waits).</summary>
internal sealed class RunTiming(int expected)
{
    /// <summary>The Discord time of the run this flow belongs to; the publisher adds to it.</summary>
    public static readonly AsyncLocal<StrongBox<long>?> Current = new();

    private readonly ConcurrentQueue<double> _overheads = new();
    private readonly ConcurrentDictionary<string, int> _outcomes = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _posted;
    private int _runs;
    private long _lastDoneTicks;

    public Task AllDone => _done.Task;
    public int Posted => _posted;
    public DateTimeOffset LastDone => new(Interlocked.Read(ref _lastDoneTicks), TimeSpan.Zero);
    public IReadOnlyList<double> OverheadsMs => [.. _overheads];
    public string OutcomeSummary => string.Join(", ", _outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));

    public void Record(long overheadTicks, WeeklyRunOutcome outcome)
    {
        _overheads.Enqueue(overheadTicks * 1000.0 / Stopwatch.Frequency);
        if (outcome is WeeklyRunOutcome.Posted) Interlocked.Increment(ref _posted);
        Done(outcome.GetType().Name);
    }

    /// <summary>A run that threw: counted under the exception's type and message, so the summary says why.</summary>
    public void RecordFailure(Exception e) => Done($"threw {e.GetType().Name} ({e.Message.ReplaceLineEndings(" ")})");

    private void Done(string outcome)
    {
        _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        Interlocked.Exchange(ref _lastDoneTicks, DateTimeOffset.UtcNow.UtcTicks);
        if (Interlocked.Increment(ref _runs) >= expected) _done.TrySetResult();
    }
}

internal sealed class TimingRunner(IWeeklyRunner inner, RunTiming timing) : IWeeklyRunner
{
    public RunTiming Timing { get; set; } = timing;

    public async Task<WeeklyRunOutcome> RunAsync(WeeklyRunRequest request, CancellationToken ct)
    {
        var timing = Timing;
        var discord = new StrongBox<long>();
        RunTiming.Current.Value = discord;
        var start = Stopwatch.GetTimestamp();
        try
        {
            var outcome = await inner.RunAsync(request, ct).ConfigureAwait(false);
            timing.Record(Stopwatch.GetTimestamp() - start - Interlocked.Read(ref discord.Value), outcome);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Counted, or the bench would wait for a run that ended in the job's log (which the bench does not print).
            timing.RecordFailure(e);
            throw;
        }
    }

    public Task<WeeklyPost?> PreviewAsync(string guild, DateTimeOffset runUtc, CancellationToken ct) => inner.PreviewAsync(guild, runUtc, ct);

    public Task RecoverAsync(CancellationToken ct) => inner.RecoverAsync(ct);
}

internal sealed class TimingPublisher(IWeeklyPublisher inner) : IWeeklyPublisher
{
    private long _ids = 1_200_000_000_000_000_000;

    /// <summary>Answers posts and threads at once without Discord: what is left is the scheduler, the runner and the store.</summary>
    public bool Instant { get; set; }

    public Task<string> SendPostAsync(string channelId, WeeklyPost post, string nonce, CancellationToken ct) =>
        Instant ? Task.FromResult(NextId()) : Timed(() => inner.SendPostAsync(channelId, post, nonce, ct));

    public Task<string> StartThreadAsync(string channelId, string messageId, WeeklyPost post, CancellationToken ct) =>
        Instant ? Task.FromResult(messageId) : Timed(() => inner.StartThreadAsync(channelId, messageId, post, ct));

    private string NextId() => Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);

    public Task<string> SendPollAsync(string channelId, WeeklyPoll poll, CancellationToken ct) => Timed(() => inner.SendPollAsync(channelId, poll, ct));

    public Task<string?> FindPostAsync(string channelId, string nonce, CancellationToken ct) => Timed(() => inner.FindPostAsync(channelId, nonce, ct));

    public Task<WeeklyPollResults?> ReadPollAsync(string channelId, string pollMessageId, CancellationToken ct) => Timed(() => inner.ReadPollAsync(channelId, pollMessageId, ct));

    public Task<IReadOnlyList<string>> MissingPermissionsAsync(string guild, string channelId, bool thread, bool poll, CancellationToken ct) =>
        Timed(() => inner.MissingPermissionsAsync(guild, channelId, thread, poll, ct));

    private static async Task<T> Timed<T>(Func<Task<T>> call)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await call().ConfigureAwait(false);
        }
        finally
        {
            if (RunTiming.Current.Value is { } discord) Interlocked.Add(ref discord.Value, Stopwatch.GetTimestamp() - start);
        }
    }
}
