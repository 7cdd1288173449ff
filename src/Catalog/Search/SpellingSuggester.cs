using System.Text;

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
            corrected = ReplaceWholeWord(corrected, word, best);
        }
        return corrected == text ? null : corrected;
    }

    /// <summary>
    /// Replaces <paramref name="word"/> (any case) where no letter or digit touches it. Written out rather than as a regex
    /// built from the word: every misspelling is a new pattern, and compiling one costs more than the whole search.
    /// </summary>
    private static string ReplaceWholeWord(string text, string word, string replacement)
    {
        StringBuilder? result = null;
        var cursor = 0;
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if (at < cursor || (at > 0 && char.IsLetterOrDigit(text[at - 1])) || (end < text.Length && char.IsLetterOrDigit(text[end])))
                continue;
            result ??= new StringBuilder(text.Length + replacement.Length);
            result.Append(text, cursor, at - cursor).Append(replacement);
            cursor = end;
        }
        return result is null ? text : result.Append(text, cursor, text.Length - cursor).ToString();
    }
}
