using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>
/// "Did you mean" for an entry id that does not exist: the entries whose id or title is closest to it. Bounded whatever is
/// typed: only the first <see cref="MaxInputLength"/> characters are considered, candidates come from a trigram index and an
/// ordered key list (never a scan of every id), at most <see cref="MaxPostingsRead"/> index postings are read and at most
/// <see cref="MaxCandidates"/> candidates are compared by edit distance. Immutable and thread-safe.
/// </summary>
public sealed class IdSuggester
{
    /// <summary>Ids are short (the longest generated one is about 60 characters); the rest of a longer input cannot help.</summary>
    public const int MaxInputLength = 100;

    /// <summary>Candidates compared by edit distance, at most, per lookup.</summary>
    public const int MaxCandidates = 64;

    /// <summary>Trigram postings read, at most, per lookup; the rarest trigrams are read first, so they are the ones that count.</summary>
    public const int MaxPostingsRead = 8_000;

    /// <summary>Titles are matched on their beginning, as a misspelt id is.</summary>
    private const int MaxTitleKeyLength = 60;

    private const char Start = '\u0002';
    private const char End = '\u0003';

    private readonly Entry[] entries;
    private readonly string[] keys;
    private readonly int[] entryOfKey;
    private readonly int[] sortedKeys;
    private readonly Dictionary<string, int[]> postings;

    private IdSuggester(Entry[] entries, string[] keys, int[] entryOfKey)
    {
        this.entries = entries;
        this.keys = keys;
        this.entryOfKey = entryOfKey;
        sortedKeys = Enumerable.Range(0, keys.Length).OrderBy(k => keys[k], StringComparer.Ordinal).ToArray();
        var lists = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var k = 0; k < keys.Length; k++)
            foreach (var gram in Trigrams(keys[k]).Distinct())
            {
                if (!lists.TryGetValue(gram, out var list))
                    lists[gram] = list = [];
                list.Add(k);
            }
        postings = lists.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Indexes the ids and titles of every entry of <paramref name="list"/>, sub-items included.</summary>
    public static IdSuggester Build(ReadingList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var entries = list.AllEntries().ToArray();
        var keys = new List<string>(entries.Length * 2);
        var entryOfKey = new List<int>(entries.Length * 2);
        for (var e = 0; e < entries.Length; e++)
        {
            foreach (var text in new[] { entries[e].Id, entries[e].Title })
            {
                var key = KeyOf(text, MaxTitleKeyLength);
                if (key.Length == 0) continue;
                keys.Add(key);
                entryOfKey.Add(e);
            }
        }
        return new IdSuggester(entries, keys.ToArray(), entryOfKey.ToArray());
    }

    /// <summary>
    /// Up to <paramref name="max"/> entries whose id or title is close to <paramref name="unknownId"/>, best first: those
    /// that start with it, then those that contain it, then those within an edit distance of about a third of its length.
    /// Empty when nothing is close.
    /// </summary>
    public IReadOnlyList<Entry> Suggest(string? unknownId, int max = 3)
    {
        if (max <= 0) return [];
        var wanted = KeyOf(unknownId, MaxInputLength);
        if (wanted.Length == 0) return [];

        var allowed = Math.Max(1, wanted.Length / 3);
        var ranked = new List<(int Rank, int Length, int Entry)>();
        foreach (var k in Candidates(wanted))
        {
            var rank = Rank(wanted, keys[k], allowed);
            if (rank <= allowed + 2)
                ranked.Add((rank, keys[k].Length, entryOfKey[k]));
        }
        return ranked
            .OrderBy(r => r.Rank).ThenBy(r => r.Length).ThenBy(r => r.Entry)
            .Select(r => r.Entry)
            .Distinct()
            .Take(max)
            .Select(e => entries[e])
            .ToList();
    }

    /// <summary>Keys starting with the input (from the ordered list), then those sharing the most trigrams with it.</summary>
    private HashSet<int> Candidates(string wanted)
    {
        var chosen = new HashSet<int>();
        for (var i = FirstAtOrAfter(wanted); i < sortedKeys.Length && chosen.Count < MaxCandidates / 2; i++)
        {
            if (!keys[sortedKeys[i]].StartsWith(wanted, StringComparison.Ordinal)) break;
            chosen.Add(sortedKeys[i]);
        }

        var shared = new Dictionary<int, int>();
        var budget = MaxPostingsRead;
        foreach (var list in Trigrams(wanted).Distinct().Select(g => postings.GetValueOrDefault(g)).OfType<int[]>().OrderBy(l => l.Length))
        {
            if (list.Length > budget) break;
            budget -= list.Length;
            foreach (var k in list)
                shared[k] = shared.GetValueOrDefault(k) + 1;
        }
        // The keys sharing the most trigrams (shorter first on a tie), kept in a bounded heap rather than sorting them all.
        var best = new PriorityQueue<int, (int Shared, int NegativeLength)>(MaxCandidates + 1);
        foreach (var (k, count) in shared)
        {
            if (chosen.Contains(k)) continue;
            best.Enqueue(k, (count, -keys[k].Length));
            if (best.Count > MaxCandidates - chosen.Count)
                best.Dequeue();
        }
        while (best.TryDequeue(out var k, out _))
            chosen.Add(k);
        return chosen;
    }

    private int FirstAtOrAfter(string wanted)
    {
        int low = 0, high = sortedKeys.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(keys[sortedKeys[middle]], wanted) < 0) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    /// <summary>0 starts with the input, 1 contains it, otherwise 2 + the edit distance (to the whole or its beginning).</summary>
    private static int Rank(string wanted, string candidate, int allowed)
    {
        if (candidate.StartsWith(wanted, StringComparison.Ordinal)) return 0;
        if (candidate.Contains(wanted, StringComparison.Ordinal)) return 1;
        var whole = Levenshtein.Within(wanted, candidate, allowed);
        var beginning = candidate.Length > wanted.Length
            ? Levenshtein.Within(wanted, candidate.AsSpan(0, wanted.Length), allowed) + 1
            : whole;
        return 2 + Math.Min(whole, beginning);
    }

    private static string KeyOf(string? text, int maxLength)
    {
        // Normalizing can only shorten by dropping invisible characters; twice the length leaves room for a few.
        if (text is not null && text.Length > 2 * maxLength)
            text = text[..(2 * maxLength)];
        var normalized = QueryText.Normalize(text).ToLowerInvariant();
        return normalized.Length <= maxLength ? normalized : normalized[..maxLength];
    }

    private static IEnumerable<string> Trigrams(string key)
    {
        var padded = Start + key + End;
        for (var i = 0; i + 3 <= padded.Length; i++)
            yield return padded.Substring(i, 3);
    }
}
