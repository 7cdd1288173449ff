using System.Diagnostics;
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
        var list = MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        using var search = LuceneCatalogSearch.Build(list);
        foreach (var q in queries)
        {
            var plan = search.Planner.Plan(q);
            var all = new Lucene.Net.Search.BooleanQuery();
            foreach (var c in plan.Clauses) all.Add(c, Lucene.Net.Search.Occur.MUST);
            Console.WriteLine($"{q,-28} search {CpuMicroseconds(() => search.Search(new SearchQuery(q))),8:F1} µs cpu, plan {CpuMicroseconds(() => search.Planner.Plan(q)),8:F1}, " +
                              $"lucene {CpuMicroseconds(() => search.Searcher.Search(all, 10)),8:F1}; {all.Clauses.Count} clauses");
        }
        Console.WriteLine($"{"autocomplete 'gro'",-28} {CpuMicroseconds(() => search.Autocomplete("gro")),8:F1} µs cpu");
        Console.WriteLine($"{"build bundled",-28} {CpuMicroseconds(() => LuceneCatalogSearch.Build(list).Dispose(), 2000),8:F1} µs cpu");
        return 0;
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
