using System.Text.RegularExpressions;

namespace DltBot.Catalog.Search;

/// <summary>"Did you mean": replaces words the catalog does not know with the closest words it does.</summary>
internal sealed class SpellingSuggester(Vocabulary vocabulary)
{
    /// <summary>The query with each unknown word replaced by its closest known word, or null when none is close.</summary>
    public string? Correct(string text, IReadOnlyList<string> unknownWords)
    {
        var corrected = text;
        foreach (var word in unknownWords.Distinct())
        {
            if (vocabulary.Closest(word) is not { } best) continue;
            corrected = Regex.Replace(corrected, $@"(?<![\p{{L}}\p{{Nd}}]){Regex.Escape(word)}(?![\p{{L}}\p{{Nd}}])", best,
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
        return corrected == text ? null : corrected;
    }
}
