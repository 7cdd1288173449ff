using System.Diagnostics;
using System.Globalization;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bench;

/// <summary>
/// One pass over every catalog size and engine, printing a single Markdown table. Latencies are per query with a
/// Stopwatch after an untimed warm-up, single-threaded, so they include the whole Search call (snippets too).
/// </summary>
public static class TableRun
{
    private const int WarmUp = 200;

    public static int Run(string[] args)
    {
        SQLitePCL.Batteries_V2.Init();
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [10_000, 100_000];

        // Measured first, in a fresh process, so it includes JIT and first-use costs as the bot sees them at start-up.
        var cold = Stopwatch.StartNew();
        var bundled = MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        var importCold = cold.Elapsed.TotalMilliseconds;
        LuceneCatalogSearch.Build(bundled).Dispose();
        var loadAndBuildCold = cold.Elapsed.TotalMilliseconds;
        var warm = Enumerable.Range(0, 5).Select(_ =>
        {
            var sw = Stopwatch.StartNew();
            using var s = LuceneCatalogSearch.Build(MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List);
            return sw.Elapsed.TotalMilliseconds;
        }).Order().ToArray()[2];
        Console.WriteLine($"Bundled catalog load + index build: cold (first in process) {loadAndBuildCold:F0} ms " +
                          $"(import {importCold:F0} ms), warm median {warm:F1} ms; {bundled.AllEntries().Count()} entries.");
        Console.WriteLine();

        var catalogs = new List<(string Name, ReadingList List)> { ("bundled", bundled) };
        catalogs.AddRange(sizes.Select(n => ($"synthetic {n / 1000}k", SyntheticCatalog.Generate(n))));

        Console.WriteLine("| catalog | engine | entries | build ms | MB after build (managed) | query p50 / p99 ms (wall) | query p50 / p99 ms (thread CPU) | CPU p99 exact / fuzzy / chinese / mixed | autocomplete p50 / p99 ms (wall) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, list) in catalogs)
        {
            var queries = QuerySet.For(list);
            var entries = list.AllEntries().Count();
            foreach (var engine in new IBenchEngine[] { new LuceneEngine(), new Fts5Engine(), new NaiveScanEngine() })
            {
                using (engine)
                {
                    var before = GC.GetTotalMemory(forceFullCollection: true);
                    var nativeBefore = SQLitePCL.raw.sqlite3_memory_used();
                    var build = Stopwatch.StartNew();
                    engine.Build(list);
                    var buildMs = build.Elapsed.TotalMilliseconds;
                    var managedMb = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
                    var nativeMb = (SQLitePCL.raw.sqlite3_memory_used() - nativeBefore) / 1048576.0;
                    var memory = engine is Fts5Engine ? $"{managedMb:F1} (+{nativeMb:F1} native)" : $"{managedMb:F1}";

                    foreach (var q in queries.Take(WarmUp)) engine.Search(q.Text);
                    var timings = queries.Select(q => (q.Kind, Time: Time(() => engine.Search(q.Text)))).ToList();
                    var wall = timings.Select(t => t.Time.Wall).ToArray();
                    var cpu = timings.Select(t => t.Time.Cpu).ToArray();
                    string P99Of(string kind) => Percentile(timings.Where(t => t.Kind == kind).Select(t => t.Time.Cpu).ToArray(), 0.99).ToString("F3", CultureInfo.InvariantCulture);

                    var autocomplete = "–";
                    if (engine is LuceneEngine lucene)
                    {
                        var prefixes = QuerySet.Prefixes(list);
                        foreach (var p in prefixes.Take(WarmUp)) lucene.Searcher.Autocomplete(p);
                        var ac = prefixes.Select(p => Time(() => lucene.Searcher.Autocomplete(p).Count).Wall).ToArray();
                        autocomplete = $"{Percentile(ac, 0.5):F4} / {Percentile(ac, 0.99):F4}";
                    }
                    Console.WriteLine($"| {name} | {engine.Name} | {entries} | {buildMs:F0} | {memory} | {Percentile(wall, 0.5):F3} / {Percentile(wall, 0.99):F3} | " +
                                      $"{Percentile(cpu, 0.5):F3} / {Percentile(cpu, 0.99):F3} | {P99Of("exact")} / {P99Of("fuzzy")} / {P99Of("chinese")} / {P99Of("mixed")} | {autocomplete} |");
                }
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Queries per catalog: {QuerySet.For(bundled).Count} (exact 40%, fuzzy 20%, chinese 20%, mixed 20%), {WarmUp} untimed warm-up; " +
                          $"FTS5 and the naive scan have no typo tolerance, so their fuzzy queries mostly find nothing. {Environment.ProcessorCount} cores, " +
                          $"load average {LoadAverage()} (wall-clock tails include time slices lost to other processes; thread CPU does not).");
        return 0;
    }

    private static (double Wall, double Cpu) Time(Func<int> action)
    {
        var cpu = ThreadClock.NowMs();
        var start = Stopwatch.GetTimestamp();
        action();
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return (wall, ThreadClock.NowMs() - cpu);
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static double Percentile(double[] values, double p)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
