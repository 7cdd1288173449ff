using System.Globalization;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bench;

/// <summary>
/// `changes-index [servers]`: what a curated server's small index of changes costs, without the bot around it. On the
/// bundled list, 10 changed entries as the curation bench writes them (7 added, 2 edited; the removed one is not in the
/// index): thread CPU per query of the shared index alone and of the changes index built by the full engine
/// (<see cref="LuceneCatalogSearch.Build"/>) and by <see cref="LuceneCatalogSearch.BuildForChanges"/>, over the
/// 1,000-query set, interleaved; then the managed heap of <c>servers</c> such indexes, each searched once.
/// </summary>
internal static class ChangesIndexRun
{
    private const int Rounds = 3;

    public static int Run(string[] args)
    {
        var servers = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var bundled = MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        var shared = LuceneCatalogSearch.Build(bundled);
        (string Name, Func<ReadingList, ICatalogSearch> Build)[] engines =
        [
            ("full Build", l => LuceneCatalogSearch.Build(l)),
            ("BuildForChanges", LuceneCatalogSearch.BuildForChanges),
        ];
        var changes = ChangedOnly(bundled, 0);
        var hidden = changes.AllEntries().Select(e => e.Id).Append(bundled.AllEntries().Last().Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var indexes = engines.Select(e => e.Build(changes)).SelectMany(c => new ICatalogSearch[] { c, new OverlaySearch(shared, hidden, c) }).ToArray();
        var queries = QuerySet.For(bundled);
        foreach (var q in queries.Take(300))
        {
            shared.Search(new SearchQuery(q.Text));
            foreach (var index in indexes) index.Search(new SearchQuery(q.Text));
        }
        // Every engine on every query, in an order that rotates, so none always runs on caches the one before warmed.
        var all = indexes.Prepend(shared).ToArray();
        var times = new List<double>[all.Length + 1];
        for (var i = 0; i < times.Length; i++) times[i] = [];
        for (var round = 0; round < Rounds; round++)
            for (var q = 0; q < queries.Count; q++)
            {
                var query = new SearchQuery(queries[q].Text);
                for (var k = 0; k < all.Length + 1; k++)
                {
                    var i = (k + q + round) % (all.Length + 1);
                    // The last slot: the shared index asked as an overlay asks it (a page plus the hidden entries).
                    times[i].Add(i < all.Length ? Time(all[i], query) : Time(shared, query with { Limit = query.Limit + hidden.Count }));
                }
            }
        Console.WriteLine($"thread CPU per query, ms (p50 / p99 / mean), {queries.Count} queries x {Rounds} rounds, load {TableRun.LoadAverage()}:");
        Console.WriteLine($"  shared index ({bundled.AllEntries().Count()} entries): {Describe(times[0])}");
        Console.WriteLine($"  shared index asked for {hidden.Count} more: {Describe(times[^1])}");
        for (var i = 0; i < engines.Length; i++)
        {
            Console.WriteLine($"  changes index, {engines[i].Name} (10 entries): {Describe(times[2 * i + 1])}");
            Console.WriteLine($"  overlay (shared + changes), {engines[i].Name}: {Describe(times[2 * i + 2])}; p99 {TableRun.Percentile([.. times[2 * i + 2]], 0.99) / TableRun.Percentile([.. times[0]], 0.99):P0} of the shared index's");
        }

        foreach (var (name, build) in engines)
        {
            var lists = Enumerable.Range(1, servers).Select(g => ChangedOnly(bundled, g)).ToList();
            var before = Heap();
            var built = new List<ICatalogSearch>(servers);
            foreach (var list in lists)
            {
                var index = build(list);
                index.Search(new SearchQuery("curated note generalization"));
                built.Add(index);
            }
            var after = Heap();
            GC.KeepAlive(built);
            Console.WriteLine($"memory, {name}: {servers} changes indexes, each searched once: +{(after - before) / 1048576.0:F1} MB managed = {(after - before) / 1024.0 / servers:F1} KB per server");
        }
        return 0;
    }

    /// <summary>The changed entries of a server as the bot indexes them (CatalogView.Build): 7 additions, 2 edits.</summary>
    internal static ReadingList ChangedOnly(ReadingList list, int seed)
    {
        var all = list.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (Entry: e, Section: s))).ToList();
        var first = list.Sections[0];
        var added = Enumerable.Range(0, 7).Select(k => seed * 10 + k).Select(n => new Entry($"curated-{n}", "",
            $"Curated note {Word(n)} on grokking and generalization", $"https://example.org/curated/{n}",
            [new Link($"Curated note {Word(n)} on grokking and generalization", $"https://example.org/curated/{n}")], 2024, "A moderator's addition.", [], 0)).ToList();
        var edited = Enumerable.Range(0, 2).Select(k => all[(seed * 3 + k) * 7919 % all.Count])
            .Select(p => (Entry: p.Entry with { Title = p.Entry.Title + " (edited)", Children = [] }, p.Section)).ToList();
        var sections = new List<Section>();
        foreach (var section in list.Sections)
        {
            var entries = edited.Where(p => ReferenceEquals(p.Section, section)).Select(p => p.Entry).ToList();
            if (ReferenceEquals(section, first)) entries.AddRange(added);
            if (entries.Count > 0) sections.Add(section with { Entries = entries });
        }
        return list with { Sections = sections };
    }

    private static string Word(int n)
    {
        var letters = new System.Text.StringBuilder("zq");
        do
        {
            letters.Append((char)('a' + n % 26));
            n /= 26;
        }
        while (n > 0);
        return letters.Append("vex").ToString();
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static double Time(ICatalogSearch search, SearchQuery query)
    {
        var start = ThreadClock.NowMs();
        search.Search(query);
        return ThreadClock.NowMs() - start;
    }

    private static string Describe(List<double> times) => string.Create(CultureInfo.InvariantCulture,
        $"{TableRun.Percentile([.. times], 0.50):F3} / {TableRun.Percentile([.. times], 0.99):F3} / {times.Average():F3}");
}
