using System.Text.RegularExpressions;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>
/// Every Latin-script word of the catalog with its frequency, grouped by first letter: typo and prefix matching run
/// here, in memory, and hand Lucene only the words that exist (as their stems).
/// </summary>
internal sealed partial class Vocabulary
{
    private readonly Dictionary<string, int> frequency = new(StringComparer.Ordinal);
    private readonly Dictionary<char, string[]> byFirstLetter;

    public Vocabulary(ReadingList list, IEnumerable<Entry> entries)
    {
        foreach (var section in list.Sections)
            Count($"{section.Title} {section.Topic.English} {string.Join(' ', section.Topic.Aliases)}");
        foreach (var entry in entries)
            Count($"{entry.Title} {entry.Description}");
        byFirstLetter = frequency.Keys.GroupBy(w => w[0]).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray());
    }

    private Vocabulary(Vocabulary own, Vocabulary under)
    {
        frequency = own.frequency;
        byFirstLetter = own.byFirstLetter;
        this.under = under;
    }

    // A server's few changed entries over the shared list's words: searched together, never copied together.
    private readonly Vocabulary? under;

    /// <summary>The words of both, without copying either (for a server's changes over the shared list).</summary>
    public static Vocabulary Over(Vocabulary own, Vocabulary under) => new(own, under);

    private int Frequency(string word) => frequency.GetValueOrDefault(word) + (under?.Frequency(word) ?? 0);

    public int Size => frequency.Count;

    public bool Contains(string word) => frequency.ContainsKey(word) || under?.Contains(word) == true;

    /// <summary>Known words within <paramref name="edits"/> of <paramref name="word"/>, and (when allowed) known words that
    /// start with something one edit away from it, closest and most frequent first.</summary>
    public IReadOnlyList<(string Word, int Distance)> Near(string word, int edits, bool asPrefix, int max)
    {
        var found = new List<(string Word, int Distance)>();
        for (var layer = this; layer is not null; layer = layer.under)
            layer.AddNear(found, word, edits, asPrefix);
        if (under is not null)
            found = found.DistinctBy(f => f.Word).ToList();
        return found
            .OrderBy(f => f.Distance)
            .ThenByDescending(f => Frequency(f.Word))
            .ThenBy(f => f.Word, StringComparer.Ordinal)
            .Take(max)
            .ToList();
    }

    private void AddNear(List<(string Word, int Distance)> found, string word, int edits, bool asPrefix)
    {
        if (word.Length == 0 || !byFirstLetter.TryGetValue(word[0], out var candidates))
            return;
        var allowed = edits + (asPrefix ? 1 : 0);
        foreach (var candidate in candidates)
        {
            if (candidate == word) continue;
            var distance = Levenshtein.Within(word, candidate, allowed);
            if (asPrefix && candidate.Length > word.Length && distance > edits)
            {
                // A word cut short while typing, maybe with a typo: compare with the candidate's beginning.
                distance = Math.Min(distance, Levenshtein.WithinPrefix(word, candidate, edits) + 1);
            }
            if (distance <= allowed)
                found.Add((candidate, distance));
        }
    }

    /// <summary>Known words starting with <paramref name="prefix"/>.</summary>
    public IEnumerable<string> StartingWith(string prefix, int max) =>
        under is null ? OwnStartingWith(prefix).OrderByDescending(c => frequency[c]).Take(max)
            : OwnStartingWith(prefix).Concat(under.StartingWith(prefix, int.MaxValue)).Distinct(StringComparer.Ordinal)
                .OrderByDescending(Frequency).Take(max);

    private IEnumerable<string> OwnStartingWith(string prefix) =>
        prefix.Length > 0 && byFirstLetter.TryGetValue(prefix[0], out var candidates)
            ? candidates.Where(c => c.Length > prefix.Length && c.StartsWith(prefix, StringComparison.Ordinal))
            : [];

    /// <summary>The closest known word, for "did you mean" (allows a little more than the typo tolerance).</summary>
    public string? Closest(string word)
    {
        var allowed = word.Length >= 7 ? 3 : word.Length >= 4 ? 2 : 1;
        return Near(word, allowed, asPrefix: false, max: 1) is [var best] ? best.Word : null;
    }

    private void Count(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
            frequency[m.Value] = frequency.GetValueOrDefault(m.Value) + 1;
    }

    [GeneratedRegex(@"[a-z][a-z0-9]{1,}")]
    private static partial Regex Word();
}
