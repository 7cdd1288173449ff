using System.Diagnostics;
using DltBot.Catalog;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bench;

/// <summary>
/// `ids [sizes...]`: "did you mean" for unknown entry ids (issue 9 item 2). Times <see cref="IdSuggester"/> on the bundled
/// list and on synthetic catalogs with a 6,000-character id and with ordinary mistakes, and, on the bundled list only,
/// the scan the bot did before (every id and title compared by edit distance), which takes seconds per call beyond that.
/// </summary>
public static class IdSuggestRun
{
    private const int Lookups = 200;

    public static int Run(string[] args)
    {
        var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [100_000];
        var catalogs = new List<(string Name, ReadingList List)>
        {
            ("bundled", MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List),
        };
        catalogs.AddRange(sizes.Select(n => ($"synthetic {n / 1000}k", SyntheticCatalog.Generate(n))));

        Console.WriteLine("| catalog | entries | method | build ms | input | lookups | p50 / p99 ms (wall) | p50 / p99 ms (thread CPU) |");
        Console.WriteLine("|---|---:|---|---:|---|---:|---:|---:|");
        foreach (var (name, list) in catalogs)
        {
            var entries = list.AllEntries().ToArray();
            var build = Stopwatch.StartNew();
            var suggester = IdSuggester.Build(list);
            var buildMs = build.Elapsed.TotalMilliseconds;
            var random = new Random(7);
            var inputs = new (string Label, Func<string> Next)[]
            {
                ("6,000-char id (random letters)", () => RandomText(random, 6_000)),
                ("6,000-char id (a real id, then junk)", () => entries[random.Next(entries.Length)].Id + RandomText(random, 6_000)),
                ("real id with one typo", () => Typo(random, entries[random.Next(entries.Length)].Id)),
                ("first half of a real id", () => { var id = entries[random.Next(entries.Length)].Id; return id[..Math.Max(1, id.Length / 2)]; }),
            };
            foreach (var (label, next) in inputs)
            {
                var typed = Enumerable.Range(0, Lookups + 20).Select(_ => next()).ToArray();
                foreach (var t in typed.Take(20)) suggester.Suggest(t);
                var times = typed.Skip(20).Select(t => Time(() => suggester.Suggest(t).Count)).ToArray();
                Print(name, entries.Length, "IdSuggester", buildMs, label, times);
            }
            if (entries.Length < 1_000)
            {
                var typed = Enumerable.Range(0, 5).Select(_ => RandomText(random, 6_000)).ToArray();
                NaiveScan(entries, typed[0]);
                var times = typed.Select(t => Time(() => NaiveScan(entries, t).Count)).ToArray();
                Print(name, entries.Length, "scan of every id and title (before)", 0, "6,000-char id (random letters)", times);
            }
        }
        Console.WriteLine();
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}.");
        return 0;
    }

    private static void Print(string catalog, int entries, string method, double buildMs, string input, (double Wall, double Cpu)[] times)
    {
        var wall = times.Select(t => t.Wall).ToArray();
        var cpu = times.Select(t => t.Cpu).ToArray();
        Console.WriteLine($"| {catalog} | {entries} | {method} | {buildMs:F0} | {input} | {times.Length} | {Percentile(wall, 0.5):F3} / {Percentile(wall, 0.99):F3} | " +
                          $"{Percentile(cpu, 0.5):F3} / {Percentile(cpu, 0.99):F3} |");
    }

    /// <summary>What the bot did before: rank every id and title by prefix, containment and whole edit distance.</summary>
    private static List<string> NaiveScan(Entry[] entries, string input)
    {
        var wanted = input.Trim();
        var allowed = Math.Max(1, wanted.Length / 3);
        return entries.SelectMany(e => new[] { e.Id, e.Title }).Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(c => (c, rank: Rank(wanted, c)))
            .Where(x => x.rank <= allowed + 2)
            .OrderBy(x => x.rank).ThenBy(x => x.c.Length)
            .Take(6).Select(x => x.c).ToList();

        static int Rank(string wanted, string candidate)
        {
            if (candidate.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)) return 0;
            if (candidate.Contains(wanted, StringComparison.OrdinalIgnoreCase)) return 1;
            var whole = Levenshtein.Distance(wanted.ToLowerInvariant(), candidate.ToLowerInvariant());
            var prefix = candidate.Length > wanted.Length
                ? Levenshtein.Distance(wanted.ToLowerInvariant(), candidate[..wanted.Length].ToLowerInvariant()) + 1
                : whole;
            return 2 + Math.Min(whole, prefix);
        }
    }

    private static string RandomText(Random random, int length) =>
        string.Create(length, random, static (span, r) => { for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + r.Next(26)); });

    private static string Typo(Random random, string id)
    {
        var at = random.Next(id.Length);
        return id[..at] + (char)('a' + random.Next(26)) + id[(at + 1)..];
    }

    private static (double Wall, double Cpu) Time(Func<int> action)
    {
        var cpu = ThreadClock.NowMs();
        var start = Stopwatch.GetTimestamp();
        action();
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, ThreadClock.NowMs() - cpu);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
