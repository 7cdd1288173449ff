using System.Text.RegularExpressions;
using DltBot.Catalog.Model;

namespace DltBot.Bench;

public sealed record BenchQuery(string Text, string Kind);

/// <summary>A fixed, deterministic mix of queries drawn from a catalog's own words: exact, fuzzy, Chinese, mixed.</summary>
public static partial class QuerySet
{
    public static IReadOnlyList<BenchQuery> For(ReadingList list, int count = 1000, int seed = 7)
    {
        var random = new Random(seed);
        var entries = list.AllEntries().ToArray();
        var queries = new List<BenchQuery>(count);
        while (queries.Count < count)
        {
            var entry = entries[random.Next(entries.Length)];
            var latin = LatinWord().Matches(entry.Title + " " + entry.Description).Select(m => m.Value).Where(w => w.Length >= 3).ToArray();
            var cjk = CjkRun().Matches(entry.Title + entry.Description).Select(m => m.Value).ToArray();
            var roll = queries.Count % 10;
            BenchQuery? query = roll switch
            {
                < 3 when latin.Length > 0 => new(latin[random.Next(latin.Length)], "exact"),
                3 when latin.Length > 1 => new($"{latin[random.Next(latin.Length)]} {latin[random.Next(latin.Length)]}", "exact"),
                4 or 5 when latin.Any(w => w.Length >= 5) => new(Typo(latin.Where(w => w.Length >= 5).ToArray(), random), "fuzzy"),
                6 or 7 when cjk.Length > 0 => new(Piece(cjk[random.Next(cjk.Length)], random), "chinese"),
                _ when latin.Length > 0 && cjk.Length > 0 => new($"{latin[random.Next(latin.Length)]} {Piece(cjk[random.Next(cjk.Length)], random)}", "mixed"),
                _ => null,
            };
            if (query is not null) queries.Add(query);
        }
        return queries;
    }

    /// <summary>Prefixes as typed into an autocomplete box: 1 to 8 characters of titles, in both scripts.</summary>
    public static IReadOnlyList<string> Prefixes(ReadingList list, int count = 1000, int seed = 11)
    {
        var random = new Random(seed);
        var titles = list.AllEntries().Select(e => e.Title).Where(t => t.Length > 0).ToArray();
        return Enumerable.Range(0, count).Select(_ =>
        {
            var title = titles[random.Next(titles.Length)];
            var words = title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var word = words[random.Next(words.Length)];
            return word[..Math.Min(word.Length, random.Next(1, 9))];
        }).ToList();
    }

    private static string Typo(string[] words, Random random)
    {
        var word = words[random.Next(words.Length)].ToLowerInvariant().ToCharArray();
        var at = random.Next(1, word.Length - 1);
        switch (random.Next(3))
        {
            case 0: (word[at], word[at + 1]) = (word[at + 1], word[at]); break;
            case 1: word[at] = (char)('a' + random.Next(26)); break;
            default: return new string(word).Remove(at, 1);
        }
        return new string(word);
    }

    private static string Piece(string run, Random random)
    {
        if (run.Length <= 2) return run;
        var length = Math.Min(run.Length, random.Next(2, 5));
        return run.Substring(random.Next(run.Length - length + 1), length);
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z\-]+")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[\u4e00-\u9fff]{2,}")]
    private static partial Regex CjkRun();
}
