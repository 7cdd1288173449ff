using System.Diagnostics;
using System.Globalization;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bench.Curation;

/// <summary>
/// `curation [adds] [servers] [size]`: the issue's three curation targets, through the bot's real pipeline on a real
/// SQLite file. (1) Time from a moderator's <c>/dlt-mod add</c> to <c>/dlt search</c> in that server finding the
/// entry, on the bundled list and on a synthetic one of <c>size</c> entries. (2) Managed heap with <c>servers</c>
/// servers of 10 changes each, above one such server. (3) Search p99 on a server with 10 changes against one without.
/// </summary>
internal static class CurationRun
{
    private const int WarmUpAdds = 20;
    private const int SearchRounds = 5;
    private const int RefreshSamples = 20;

    public static async Task<int> RunAsync(string[] args)
    {
        SQLitePCL.Batteries_V2.Init();
        var adds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var servers = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var size = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100_000;
        var loadBefore = TableRun.LoadAverage();

        var bundled = MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        var synthetic = SyntheticCatalog.Generate(size);
        (string Name, ReadingList List, double TargetMs)[] catalogs =
        [
            ($"bundled ({bundled.AllEntries().Count()} entries)", bundled, 50),
            ($"synthetic {size / 1000}k", synthetic, 500),
        ];

        var results = new List<Result>();
        foreach (var (name, list, target) in catalogs)
        {
            var latency = await AddToSearchableAsync(list, adds);
            Console.WriteLine($"[{name}] add → searchable over {adds} adds: {latency.Total.Describe()} ms; " +
                              $"of which /dlt-mod add (checks + store + refresh) {latency.Add.Describe()} ms, /dlt search (first use builds the changes index) {latency.Search.Describe()} ms; " +
                              $"Curator.RefreshAsync alone {latency.Refresh.Describe()} ms");
            results.Add(new($"add → searchable p99, {name}", $"{latency.Total.Describe()} ms", $"p99 <= {target} ms", latency.Total.P99 <= target));
        }

        var memory = await MemoryAsync(bundled, servers);
        Console.WriteLine($"[memory, bundled] 1 server: managed {memory.OneManagedMb:F1} MB, working set {memory.OneWorkingSetMb:F0} MB; " +
                          $"{servers} servers: managed {memory.AllManagedMb:F1} MB, working set {memory.AllWorkingSetMb:F0} MB " +
                          $"(writing {servers * 10} changes took {memory.WriteSeconds:F1} s, loading every server's view as at start {memory.LoadSeconds:F1} s)");
        results.Add(new($"memory, {servers} servers × 10 changes, bundled", 
            $"{memory.AllManagedMb - memory.OneManagedMb:+0.0;-0.0} MB managed ({memory.AllWorkingSetMb - memory.OneWorkingSetMb:+0;-0} MB working set)",
            "<= 100 MB above one server", memory.AllManagedMb - memory.OneManagedMb <= 100));

        foreach (var (name, list, _) in catalogs)
        {
            var search = await SearchWithChangesAsync(list);
            Console.WriteLine($"[{name}] search p50 / p99 ms, thread CPU, searches no collection fell in: without changes {search.Without.Cpu.P50:F3} / {search.Without.Cpu.P99:F3}, " +
                              $"with 10 changes {search.With.Cpu.P50:F3} / {search.With.Cpu.P99:F3}; every search (gen0 pauses included) p99 " +
                              $"{search.Without.AsItComes.P99:F3} / {search.With.AsItComes.P99:F3}; a collection fell in {search.Without.Collected} / {search.With.Collected} searches; " +
                              $"allocated per search {search.Without.AllocatedBytes / 1024:F1} / {search.With.AllocatedBytes / 1024:F1} KB");
            var ratio = search.With.Cpu.P99 / search.Without.Cpu.P99;
            results.Add(new($"search p99 with changes / without, {name}",
                $"{search.With.Cpu.P99:F3} / {search.Without.Cpu.P99:F3} ms CPU = {ratio:P0} (allocation {search.With.AllocatedBytes / search.Without.AllocatedBytes:P0})", "<= 110 %", ratio <= 1.10));
        }

        Console.WriteLine();
        Console.WriteLine("| target | measured | limit | result |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var r in results) Console.WriteLine($"| {r.What} | {r.Measured} | {r.Limit} | {(r.Pass ? "PASS" : "FAIL")} |");
        Console.WriteLine();
        Console.WriteLine($"Release build, {Environment.ProcessorCount} cores, load average {loadBefore} at start and {TableRun.LoadAverage()} at the end " +
                          $"(add latencies are wall clock and include time slices lost to other processes; the search comparison uses thread CPU " +
                          $"over {SearchRounds} interleaved rounds of the query set, searches a gen0 collection fell in counted apart). Adds: {WarmUpAdds} untimed first, arXiv links, title given (no arXiv request).");
        return results.All(r => r.Pass) ? 0 : 1;
    }

    private sealed record Result(string What, string Measured, string Limit, bool Pass);

    private sealed record Percentiles(double P50, double P95, double P99, double Max)
    {
        public static Percentiles Of(IReadOnlyCollection<double> values) => new(
            TableRun.Percentile([.. values], 0.50), TableRun.Percentile([.. values], 0.95), TableRun.Percentile([.. values], 0.99), values.Max());

        public string Describe() => string.Create(CultureInfo.InvariantCulture, $"p50 {P50:F1} / p95 {P95:F1} / p99 {P99:F1} / max {Max:F1}");
    }

    private sealed record AddLatency(Percentiles Total, Percentiles Add, Percentiles Search, Percentiles Refresh);

    /// <summary>
    /// Each add is a new arXiv paper with a made-up word in its title; the clock stops when a search for that word in the
    /// same server lists the new id. The server's changes grow with every add, as a busy server's would.
    /// </summary>
    private static async Task<AddLatency> AddToSearchableAsync(ReadingList list, int adds)
    {
        using var bot = await CurationBot.StartAsync(list);
        var moderator = CurationBot.Moderator(1001);
        var topic = list.Sections[0].Topic.English;
        var total = new List<double>();
        var add = new List<double>();
        var search = new List<double>();
        for (var i = 0; i < WarmUpAdds + adds; i++)
        {
            var word = CurationBot.Word(i);
            var start = Stopwatch.GetTimestamp();
            var reply = await bot.AddAsync(moderator, $"https://arxiv.org/abs/2601.{i:D5}", $"Probe {word} on curation latency", topic);
            var added = Stopwatch.GetTimestamp();
            var id = reply is EntryCardReply card ? card.Card.Id : throw new InvalidOperationException($"add {i} was not applied: {Describe(reply)}");
            var found = await bot.SearchAsync(moderator, word);
            var end = Stopwatch.GetTimestamp();
            if (found is not EntryListReply rows || !rows.Rows.Any(r => r.Id == id))
                throw new InvalidOperationException($"/dlt search {word} did not find {id} right after it was added: {Describe(found)}");
            if (i < WarmUpAdds) continue;
            total.Add(Stopwatch.GetElapsedTime(start, end).TotalMilliseconds);
            add.Add(Stopwatch.GetElapsedTime(start, added).TotalMilliseconds);
            search.Add(Stopwatch.GetElapsedTime(added, end).TotalMilliseconds);
        }
        // The view rebuild alone (store read + this server's view from the base list and its changes), to tell it
        // apart from what the add command itself does before it.
        var refresh = new List<double>();
        for (var i = 0; i < RefreshSamples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await bot.Curator.RefreshAsync(moderator.Place.Key, CancellationToken.None);
            refresh.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return new(Percentiles.Of(total), Percentiles.Of(add), Percentiles.Of(search), Percentiles.Of(refresh));
    }

    private sealed record Memory(double OneManagedMb, double OneWorkingSetMb, double AllManagedMb, double AllWorkingSetMb, double WriteSeconds, double LoadSeconds);

    /// <summary>
    /// One server with 10 changes, then <paramref name="servers"/> of them loaded as at start; every server has been
    /// searched once, so each holds its small index of changes as well (the most a server holds).
    /// </summary>
    private static async Task<Memory> MemoryAsync(ReadingList list, int servers)
    {
        using var bot = await CurationBot.StartAsync(list);
        var baseEntries = bot.Catalogs.Base.Index.All.ToList();
        var topic = list.Sections[0].Topic.Key;
        const ulong FirstGuild = 2000;

        await bot.WriteTenChangesAsync(Key(FirstGuild), 0, baseEntries, topic);
        await bot.Curator.RefreshAsync(Key(FirstGuild), CancellationToken.None);
        await SearchOnceAsync(bot, FirstGuild);
        var (oneManaged, oneWorkingSet) = Measure();

        var write = Stopwatch.StartNew();
        for (var g = 1; g < servers; g++) await bot.WriteTenChangesAsync(Key(FirstGuild + (ulong)g), g, baseEntries, topic);
        var writeSeconds = write.Elapsed.TotalSeconds;
        var load = Stopwatch.StartNew();
        await bot.Curator.LoadAllAsync(CancellationToken.None);
        var loadSeconds = load.Elapsed.TotalSeconds;
        for (var g = 0; g < servers; g++) await SearchOnceAsync(bot, FirstGuild + (ulong)g);
        var (allManaged, allWorkingSet) = Measure();
        GC.KeepAlive(bot);
        return new(oneManaged, oneWorkingSet, allManaged, allWorkingSet, writeSeconds, loadSeconds);

        static string Key(ulong guild) => guild.ToString(CultureInfo.InvariantCulture);
    }

    private static async Task SearchOnceAsync(CurationBot bot, ulong guild)
    {
        if (await bot.SearchAsync(CurationBot.Moderator(guild), "curated note generalization") is not EntryListReply { Rows.Count: > 0 } reply)
            throw new InvalidOperationException($"server {guild} found none of its own additions");
        GC.KeepAlive(reply);
    }

    private static (double ManagedMb, double WorkingSetMb) Measure()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var managed = GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        using var process = Process.GetCurrentProcess();
        return (managed, process.WorkingSet64 / 1048576.0);
    }

    /// <param name="Cpu">Thread CPU of the searches no collection fell in (see SearchWithChangesAsync).</param>
    /// <param name="AsItComes">Thread CPU of every search, gen0 pauses included where they fell.</param>
    /// <param name="Collected">Searches a collection fell in, left out of <paramref name="Cpu"/>.</param>
    /// <param name="AllocatedBytes">Bytes allocated per search, what brings the collector in.</param>
    private sealed record Timing(Percentiles Cpu, Percentiles AsItComes, int Collected, double AllocatedBytes);

    private sealed record SearchComparison(Timing Without, Timing With);

    /// <summary>
    /// The query set on two servers of the same catalog, one with 10 changes (7 added, 2 edited, 1 removed) and one
    /// without, through each server's view as commands get it; each query runs on both, in alternating order.
    /// </summary>
    /// <remarks>
    /// A gen0 collection costs a millisecond or two of the thread that triggers it, and falls in about one search in a
    /// hundred: the p99 of all timings says which side happened to trigger more of them, and moved between 90 % and 220 %
    /// from one run to the next with the code unchanged. So the target compares the searches no collection fell in (the
    /// work each search does), and what each costs the collector is reported next to it: its allocation, how many
    /// searches a collection fell in, and the p99 of all timings.
    /// </remarks>
    private static async Task<SearchComparison> SearchWithChangesAsync(ReadingList list)
    {
        using var bot = await CurationBot.StartAsync(list);
        const ulong Changed = 3001, Unchanged = 3002;
        await bot.WriteTenChangesAsync(Changed.ToString(CultureInfo.InvariantCulture), 0, bot.Catalogs.Base.Index.All.ToList(), list.Sections[0].Topic.Key);
        await bot.Curator.RefreshAsync(Changed.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        var with = bot.Catalogs.ViewFor(Place.Guild(Changed, null)).Search;
        var without = bot.Catalogs.ViewFor(Place.Guild(Unchanged, null)).Search;
        if (ReferenceEquals(with, without)) throw new InvalidOperationException("the changed server shares the base view");

        var queries = QuerySet.For(list).Select(q => new SearchQuery(q.Text)).ToList();
        foreach (var q in queries.Take(200))
        {
            with.Search(q);
            without.Search(q);
        }
        var withTimes = new Samples();
        var withoutTimes = new Samples();
        for (var round = 0; round < SearchRounds; round++)
        {
            for (var i = 0; i < queries.Count; i++)
            {
                if ((i + round) % 2 == 0)
                {
                    withTimes.Time(with, queries[i]);
                    withoutTimes.Time(without, queries[i]);
                }
                else
                {
                    withoutTimes.Time(without, queries[i]);
                    withTimes.Time(with, queries[i]);
                }
            }
        }
        return new(withoutTimes.Summary(), withTimes.Summary());
    }

    private sealed class Samples
    {
        private readonly List<double> quiet = [];
        private readonly List<double> all = [];
        private long bytes;

        public void Time(ICatalogSearch search, SearchQuery query)
        {
            var collections = GC.CollectionCount(0);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = ThreadClock.NowMs();
            search.Search(query);
            var took = ThreadClock.NowMs() - cpu;
            bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
            all.Add(took);
            if (GC.CollectionCount(0) == collections)
                quiet.Add(took);
        }

        public Timing Summary() => new(Percentiles.Of(quiet), Percentiles.Of(all), all.Count - quiet.Count, (double)bytes / all.Count);
    }

    private static string Describe(Reply reply) => reply switch
    {
        ErrorReply error => error.Message,
        _ => reply.GetType().Name,
    };
}
