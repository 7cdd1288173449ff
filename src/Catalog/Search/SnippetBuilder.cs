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
        // Per-thread buffers: a snippet is built for every hit of every query, and each new list or builder is garbage.
        var spans = reusableSpans ??= new List<(int Start, int End)>();
        spans.Clear();
        FindMatches(text, terms, spans);
        Merge(spans);

        var firstMatch = spans.Count > 0 ? spans[0].Start : 0;
        var start = firstMatch <= LeadIn ? 0 : text.LastIndexOf(' ', firstMatch - 1, LeadIn) is var space and >= 0 ? space + 1 : firstMatch - LeadIn;
        var end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length && text.LastIndexOf(' ', end - 1, Math.Min(30, end - start)) is var cut and > 0 && cut > firstMatch)
            end = cut;

        var builder = reusableBuilder ??= new StringBuilder(DefaultLength * 2);
        builder.Clear();
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

    [ThreadStatic] private static List<(int Start, int End)>? reusableSpans;
    [ThreadStatic] private static StringBuilder? reusableBuilder;

    private static void FindMatches(string text, HighlightTerms terms, List<(int Start, int End)> spans)
    {
        foreach (var literal in terms.Texts)
            for (var at = text.IndexOf(literal, StringComparison.OrdinalIgnoreCase); at >= 0;
                 at = text.IndexOf(literal, at + literal.Length, StringComparison.OrdinalIgnoreCase))
                spans.Add((at, at + literal.Length));

        if (terms.Stems.Count == 0 && terms.Fuzzy.Count == 0)
            return;
        for (var i = 0; i < text.Length;)
        {
            if (!IsWordChar(text[i])) { i++; continue; }
            var wordStart = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            if (WordMatches(text.AsSpan(wordStart, i - wordStart), terms))
                spans.Add((wordStart, i));
        }
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

    /// <summary>Sorts the spans and joins overlapping ones, in place.</summary>
    private static void Merge(List<(int Start, int End)> spans)
    {
        spans.Sort();
        var count = 0;
        for (var i = 0; i < spans.Count; i++)
        {
            var span = spans[i];
            if (count > 0 && span.Start <= spans[count - 1].End)
                spans[count - 1] = (spans[count - 1].Start, Math.Max(spans[count - 1].End, span.End));
            else
                spans[count++] = span;
        }
        spans.RemoveRange(count, spans.Count - count);
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
