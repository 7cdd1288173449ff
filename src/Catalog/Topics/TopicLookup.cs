using DltBot.Catalog.Model;

namespace DltBot.Catalog;

/// <summary>Finds a section of a list by any of its topic's names or aliases, in either language.</summary>
public static class TopicLookup
{
    /// <summary>
    /// Case-insensitive, ignoring spaces, '-' and '_'. The heading/key wins over names, names over aliases,
    /// so two topics sharing an English name ("Approximation") are still told apart by their headings.
    /// </summary>
    public static Section? Find(ReadingList list, string name)
    {
        var wanted = TopicDirectory.Loose(name);
        if (wanted.Length == 0) return null;
        Func<Section, IEnumerable<string>>[] tiers =
        [
            s => [s.Topic.Key, s.Title],
            s => [s.Topic.English, s.Topic.Chinese],
            s => s.Topic.Aliases,
        ];
        foreach (var namesOf in tiers)
        {
            var found = list.Sections.FirstOrDefault(s => namesOf(s).Any(n => TopicDirectory.Loose(n) == wanted));
            if (found is not null) return found;
        }
        return null;
    }

    /// <summary>The closest topic names for an unknown one, best first, for "did you mean" messages.</summary>
    public static IReadOnlyList<string> Suggest(ReadingList list, string name, int max = 3)
    {
        var wanted = TopicDirectory.Loose(name);
        if (wanted.Length == 0 || max <= 0) return [];
        return list.Sections
            .SelectMany(s => s.Topic.AllNames())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(candidate => (candidate, score: Score(wanted, TopicDirectory.Loose(candidate))))
            .Where(x => x.score is not null)
            .OrderBy(x => x.score)
            .ThenBy(x => x.candidate, StringComparer.Ordinal)
            .Select(x => x.candidate)
            .Take(max)
            .ToList();
    }

    /// <summary>Lower is closer; null when too far to suggest.</summary>
    private static double? Score(string wanted, string candidate)
    {
        if (candidate.Length == 0) return null;
        if (candidate.StartsWith(wanted, StringComparison.Ordinal) || wanted.StartsWith(candidate, StringComparison.Ordinal))
            return Math.Abs(candidate.Length - wanted.Length) / 100.0;
        var distance = Levenshtein.Distance(wanted, candidate);
        var allowed = Math.Max(1, Math.Min(wanted.Length, candidate.Length) / 3);
        return distance <= allowed ? distance : null;
    }
}
