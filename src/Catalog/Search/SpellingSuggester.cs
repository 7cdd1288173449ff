using System.Text.RegularExpressions;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>"Did you mean": replaces words the catalog does not know with the closest words it does.</summary>
internal sealed partial class SpellingSuggester
{
    private readonly Dictionary<string, int> frequency = new(StringComparer.Ordinal);

    public SpellingSuggester(ReadingList list, IEnumerable<Entry> entries)
    {
        foreach (var section in list.Sections)
            Count($"{section.Title} {section.Topic.English} {string.Join(' ', section.Topic.Aliases)}");
        foreach (var entry in entries)
            Count($"{entry.Title} {entry.Description}");
    }

    /// <summary>The query with each unknown word replaced by its closest known word, or null when none is close.</summary>
    public string? Correct(string text, IReadOnlyList<string> unknownWords)
    {
        var corrected = text;
        foreach (var word in unknownWords.Distinct())
        {
            if (Closest(word) is not { } best) continue;
            corrected = Regex.Replace(corrected, $@"(?<![\p{{L}}\p{{Nd}}]){Regex.Escape(word)}(?![\p{{L}}\p{{Nd}}])", best,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        return corrected == text ? null : corrected;
    }

    internal string? Closest(string word)
    {
        var allowed = word.Length >= 7 ? 3 : word.Length >= 4 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        var bestFrequency = 0;
        foreach (var (candidate, count) in frequency)
        {
            if (Math.Abs(candidate.Length - word.Length) > allowed) continue;
            var distance = Levenshtein.Distance(word, candidate);
            if (distance > allowed || distance > bestDistance) continue;
            if (distance < bestDistance || count > bestFrequency)
                (best, bestDistance, bestFrequency) = (candidate, distance, count);
        }
        return best;
    }

    private void Count(string text)
    {
        foreach (Match m in Word().Matches(text.ToLowerInvariant()))
            frequency[m.Value] = frequency.GetValueOrDefault(m.Value) + 1;
    }

    [GeneratedRegex(@"[a-z][a-z0-9\-]{2,}")]
    private static partial Regex Word();
}
