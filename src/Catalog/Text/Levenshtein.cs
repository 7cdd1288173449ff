namespace DltBot.Catalog;

/// <summary>Edit distance with adjacent transpositions (optimal string alignment), as the fuzzy queries count typos.</summary>
public static class Levenshtein
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
        // Words and titles fit on the stack; anything longer must not risk overflowing it.
        var width = b.Length + 1;
        Span<int> rows = width <= 256 ? stackalloc int[3 * width] : new int[3 * width];
        Span<int> previous2 = rows[..width];
        Span<int> previous = rows.Slice(width, width);
        Span<int> current = rows.Slice(2 * width, width);
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
