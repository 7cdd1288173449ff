using DltBot.Catalog;

namespace DltBot.Bot.Commands;

/// <summary>Closeness of short strings, for "did you mean" answers.</summary>
public static class Similarity
{
    public static int EditDistance(string a, string b) => Levenshtein.Distance(a.ToLowerInvariant(), b.ToLowerInvariant());

    /// <summary>
    /// The candidates closest to <paramref name="input"/>, best first: prefix and substring matches, then those within an
    /// edit distance of about a third of the input's length.
    /// </summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> candidates, int max = 3)
    {
        var wanted = input.Trim();
        if (wanted.Length == 0) return [];
        var allowed = Math.Max(1, wanted.Length / 3);
        return candidates
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(candidate => (candidate, rank: Rank(wanted, candidate)))
            .Where(x => x.rank <= allowed + 2)
            .OrderBy(x => x.rank)
            .ThenBy(x => x.candidate.Length)
            .Take(max)
            .Select(x => x.candidate)
            .ToList();
    }

    private static int Rank(string wanted, string candidate)
    {
        if (candidate.StartsWith(wanted, StringComparison.OrdinalIgnoreCase)) return 0;
        if (candidate.Contains(wanted, StringComparison.OrdinalIgnoreCase)) return 1;
        // Compare with the candidate's prefix too, so a short misspelling of a long title still ranks.
        var whole = EditDistance(wanted, candidate);
        var prefix = candidate.Length > wanted.Length ? EditDistance(wanted, candidate[..wanted.Length]) + 1 : whole;
        return 2 + Math.Min(whole, prefix);
    }
}
