using System.Text;

namespace DltBot.Catalog.Search;

/// <summary>The words a query matched, in the forms needed to find them again in plain text.</summary>
internal sealed class HighlightTerms
{
    /// <summary>English stems (a description word is marked when its stem is one of these).</summary>
    public HashSet<string> Stems { get; } = new(StringComparer.Ordinal);

    /// <summary>Literal text marked wherever it occurs (Chinese runs and Chinese aliases).</summary>
    public List<string> Texts { get; } = [];

    /// <summary>Words typed with a typo or cut short: marked when a word is within the edits or starts close to it.</summary>
    public List<(string Word, int Edits)> Fuzzy { get; } = [];

    public void AddForm(string form, IReadOnlyList<AnalyzedToken> tokens)
    {
        if (tokens.Any(t => t.IsCjk))
            Texts.Add(form);
        foreach (var token in tokens.Where(t => !t.IsCjk))
            Stems.Add(token.Text);
    }
}

/// <summary>Cuts a short excerpt around the first match of a description and marks matched words as **bold**.</summary>
internal static class SnippetBuilder
{
    public const int DefaultLength = 180;
    private const int LeadIn = 40;

    public static string Build(string description, HighlightTerms terms, int maxLength = DefaultLength) =>
        FromCollapsed(CollapseWhitespace(description), terms, maxLength);

    /// <summary>As <see cref="Build"/>, for text already passed through <see cref="CollapseWhitespace"/> (done once per entry at build).</summary>
    public static string FromCollapsed(string text, HighlightTerms terms, int maxLength = DefaultLength)
    {
        if (text.Length == 0) return "";
        var spans = Merge(FindMatches(text, terms));

        var firstMatch = spans.Count > 0 ? spans[0].Start : 0;
        var start = firstMatch <= LeadIn ? 0 : text.LastIndexOf(' ', firstMatch - 1, LeadIn) is var space and >= 0 ? space + 1 : firstMatch - LeadIn;
        var end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length && text.LastIndexOf(' ', end - 1, Math.Min(30, end - start)) is var cut and > 0 && cut > firstMatch)
            end = cut;

        var builder = new StringBuilder(end - start + 16);
        if (start > 0) builder.Append('…');
        var cursor = start;
        foreach (var (matchStart, matchEnd) in spans)
        {
            if (matchEnd <= start || matchStart >= end) continue;
            var s = Math.Max(matchStart, start);
            var e = Math.Min(matchEnd, end);
            builder.Append(text, cursor, s - cursor).Append("**").Append(text, s, e - s).Append("**");
            cursor = e;
        }
        builder.Append(text, cursor, end - cursor);
        if (end < text.Length) builder.Append('…');
        return builder.ToString();
    }

    private static List<(int Start, int End)> FindMatches(string text, HighlightTerms terms)
    {
        var spans = new List<(int, int)>();
        foreach (var literal in terms.Texts)
            for (var at = text.IndexOf(literal, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(literal, at + literal.Length, StringComparison.OrdinalIgnoreCase))
                spans.Add((at, at + literal.Length));

        if (terms.Stems.Count == 0 && terms.Fuzzy.Count == 0)
            return spans;
        for (var i = 0; i < text.Length;)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var wordStart = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            if (WordMatches(text.AsSpan(wordStart, i - wordStart), terms))
                spans.Add((wordStart, i));
        }
        return spans;
    }

    private static bool WordMatches(ReadOnlySpan<char> word, HighlightTerms terms)
    {
        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        foreach (var stem in terms.Stems)
        {
            if (lower.SequenceEqual(stem)) return true;
            // Stemming only shortens or rewrites the end, so a word whose stem matches shares its first letters.
            if (stem.Length >= 2 && lower.StartsWith(stem.AsSpan(0, Math.Min(stem.Length, 3)))
                && WordStemmer.Stem(lower).SequenceEqual(stem))
                return true;
        }
        foreach (var (fuzzy, edits) in terms.Fuzzy)
        {
            if (lower.StartsWith(fuzzy)) return true;
            if (Levenshtein.AtMost(lower, fuzzy, edits)) return true;
            if (lower.Length > fuzzy.Length && Levenshtein.AtMost(lower[..Math.Min(lower.Length, fuzzy.Length + 1)], fuzzy, 1))
                return true;
        }
        return false;
    }

    private static bool IsWordChar(char c) => c < 0x2E80 && (char.IsLetterOrDigit(c) || c == '-');

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        spans.Sort();
        var merged = new List<(int Start, int End)>(spans.Count);
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            else
                merged.Add(span);
        }
        return merged;
    }

    public static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = builder.Length > 0; continue; }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }
}

/// <summary>Edit distance with adjacent transpositions (optimal string alignment), as the fuzzy queries count typos.</summary>
internal static class Levenshtein
{
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b) => Bounded(a, b, int.MaxValue, b.Length);

    /// <summary>Whether the distance is at most <paramref name="max"/>; gives up as soon as it cannot be (snippets ask per word).</summary>
    public static bool AtMost(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max) => Within(a, b, max) <= max;

    /// <summary>The distance when it is at most <paramref name="max"/>, otherwise some value above it (found sooner).</summary>
    public static int Within(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max) =>
        Math.Abs(a.Length - b.Length) > max ? max + 1 : Bounded(a, b, max, b.Length);

    /// <summary>
    /// The smallest distance from <paramref name="word"/> to a beginning of <paramref name="longer"/> one character
    /// shorter, as long or one longer than the word, when at most <paramref name="max"/> (otherwise some value above it).
    /// One table gives all three, where comparing with each beginning would build three.
    /// </summary>
    public static int WithinPrefix(ReadOnlySpan<char> word, ReadOnlySpan<char> longer, int max) =>
        Bounded(word, longer[..Math.Min(longer.Length, word.Length + 1)], max, Math.Max(0, word.Length - 1));

    /// <summary>
    /// The least distance from <paramref name="a"/> to <c>b[..j]</c> for j from <paramref name="lastFrom"/> to the end of
    /// b, or some value above <paramref name="max"/> once every alignment exceeds it.
    /// </summary>
    private static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max, int lastFrom)
    {
        if (a.Length == 0) return lastFrom;
        if (b.Length == 0) return a.Length;
        Span<int> previous2 = stackalloc int[b.Length + 1];
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        var previousRowMin = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var best = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    best = Math.Min(best, previous2[j - 2] + 1);
                current[j] = best;
                rowMin = Math.Min(rowMin, best);
            }
            // A transposition reaches back two rows, so stop only when both rows are past the bound.
            if (rowMin > max && previousRowMin > max)
                return rowMin;
            previousRowMin = rowMin;
            var recycled = previous2;
            previous2 = previous;
            previous = current;
            current = recycled;
        }
        var least = previous[b.Length];
        for (var j = lastFrom; j < b.Length; j++)
            least = Math.Min(least, previous[j]);
        return least;
    }
}
