using System.Diagnostics;
using System.Globalization;
using DltBot.Catalog.Import;
using DltBot.Catalog.Search;

namespace DltBot.Bench;

/// <summary>
/// CPU time per query and per build on the bundled list (for tuning on a busy machine, where wall-clock percentiles
/// mostly measure the scheduler). Not part of the report table.
/// </summary>
internal static class Profile
{
    public static int Run(string[] queries)
    {
        var list = queries.Length > 0 && queries[0].StartsWith("--n=", StringComparison.Ordinal)
            ? SyntheticCatalog.Generate(int.Parse(queries[0][4..], CultureInfo.InvariantCulture))
            : MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        queries = queries.Where(q => !q.StartsWith("--n=", StringComparison.Ordinal)).ToArray();
        using var search = LuceneCatalogSearch.Build(list);
        foreach (var q in queries)
        {
            Console.WriteLine($"{q,-20} KB: exact tokens {Kb(() => CatalogAnalyzer.Exact.Tokens(q)):F1} stemmed tokens {Kb(() => CatalogAnalyzer.Stemmed.Tokens(q)):F1}");
            var plan = search.Planner.Plan(q);
            var all = new Lucene.Net.Search.BooleanQuery();
            foreach (var c in plan.Clauses) all.Add(c, Lucene.Net.Search.Occur.MUST);
            Console.WriteLine($"{q,-20} KB: plan {Kb(() => search.Planner.Plan(q)):F1} lucene {Kb(() => search.Searcher.Search(all, 10)):F1} full {Kb(() => search.Search(new SearchQuery(q))):F1} limit1 {Kb(() => search.Search(new SearchQuery(q, Limit: 1))):F1}");
            Console.WriteLine($"{q,-28} search {CpuMicroseconds(() => search.Search(new SearchQuery(q))),8:F1} µs cpu, plan {CpuMicroseconds(() => search.Planner.Plan(q)),8:F1}, " +
                              $"lucene {CpuMicroseconds(() => search.Searcher.Search(all, 10)),8:F1}; {all.Clauses.Count} clauses");
        }
        Console.WriteLine($"{"autocomplete 'gro'",-28} {CpuMicroseconds(() => search.Autocomplete("gro")),8:F1} µs cpu");
        if (list.AllEntries().Count() < 1000) Console.WriteLine($"{"build bundled",-28} {CpuMicroseconds(() => LuceneCatalogSearch.Build(list).Dispose(), 2000),8:F1} µs cpu");
        return 0;
    }

    private static double Kb(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return (GC.GetAllocatedBytesForCurrentThread() - before) / 1024.0;
    }

    private static double CpuMicroseconds(Action action, int budgetMs = 400)
    {
        for (var i = 0; i < 100; i++) action();
        var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var n = 0;
        do { action(); n++; } while (wall.ElapsedMilliseconds < budgetMs);
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMicroseconds / n;
    }
}

/// <summary>The slowest queries of the bundled set by thread CPU, with what they allocate.</summary>
internal static class SlowQueries
{
    public static int Run(string[] args)
    {
        var list = args is [var n, ..] ? SyntheticCatalog.Generate(int.Parse(n, CultureInfo.InvariantCulture)) : MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        using var search = LuceneCatalogSearch.Build(list);
        var queries = QuerySet.For(list);
        foreach (var q in queries) search.Search(new SearchQuery(q.Text));
        var gcBefore = GC.CollectionCount(0);
        var measured = queries.Select(q =>
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var gc = GC.CollectionCount(0);
            var cpu = ThreadClock.NowMs();
            var response = search.Search(new SearchQuery(q.Text));
            return (q.Text, q.Kind, Cpu: ThreadClock.NowMs() - cpu, Kb: (GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0,
                Gc: GC.CollectionCount(0) - gc, response.Total);
        }).ToList();
        Console.WriteLine($"gen0 collections during the run: {GC.CollectionCount(0) - gcBefore}; mean allocation {measured.Average(m => m.Kb):F1} KB/query");
        var planBytes = GC.GetAllocatedBytesForCurrentThread();
        foreach (var q in queries) search.Planner.Plan(q.Text);
        Console.WriteLine($"mean plan allocation {(GC.GetAllocatedBytesForCurrentThread() - planBytes) / 1024.0 / queries.Count:F1} KB/query");
        foreach (var m in measured.OrderByDescending(m => m.Cpu).Take(15))
            Console.WriteLine($"{m.Cpu,7:F3} ms  {m.Kb,7:F1} KB  gc {m.Gc}  hits {m.Total,4}  {m.Kind,-7} {m.Text}");
        return 0;
    }
}
