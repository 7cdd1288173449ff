using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>What the query planner asks of an index's terms.</summary>
internal interface ITermSource
{
    int MaxDoc { get; }

    int DocFreq(string field, string text);

    /// <summary>A query for the term, or null when the term is not in the index.</summary>
    Query? TermQuery(string field, string text, float boost);

    /// <summary>Every term in the field, or null when one never occurs there.</summary>
    Query? AllTerms(string field, IReadOnlyList<string> terms, float boost);

    /// <summary>Terms at the given positions, or null when one of them never occurs in the field.</summary>
    Query? PhraseQuery(string field, IReadOnlyList<string> terms, IReadOnlyList<int>? positions, int slop, float boost);
}

/// <summary>What the term sources that open a real index share.</summary>
internal static class TermSources
{
    /// <summary>Every term as one conjunction of the source's own term queries, or null when one never occurs.</summary>
    public static Query? AllTerms(ITermSource source, string field, IReadOnlyList<string> terms, float boost)
    {
        if (terms.Count == 1)
            return source.TermQuery(field, terms[0], boost);
        var all = new BooleanQuery(disableCoord: true) { Boost = boost };
        foreach (var text in terms.Distinct())
        {
            if (source.TermQuery(field, text, 1f / terms.Count) is not { } query) return null;
            all.Add(query, Occur.MUST);
        }
        return all;
    }
}

/// <summary>
/// A Bloom filter of every (field, term) of a small index, standing in for the index when a query is planned only to
/// learn whether anything can match: it never says "absent" of a term that occurs, and wrongly says "maybe" of about one
/// absent term in a hundred. Its queries are placeholders, never run. A few hundred bytes instead of an open reader.
/// </summary>
internal sealed class TermFilter : ITermSource
{
    private const int BitsPerTerm = 10;
    private const int Probes = 4;
    private readonly ulong[] bits;

    private TermFilter(int terms, int maxDoc)
    {
        bits = new ulong[Math.Max(1, (terms * BitsPerTerm + 63) / 64)];
        MaxDoc = maxDoc;
    }

    public static TermFilter Of(IndexReader reader)
    {
        var all = new List<(string Field, string Text)>();
        if (MultiFields.GetFields(reader) is { } fields)
            foreach (var field in fields)
            {
                var termsEnum = fields.GetTerms(field)?.GetEnumerator();
                while (termsEnum is not null && termsEnum.MoveNext())
                    all.Add((field, termsEnum.Term.Utf8ToString()));
            }
        var filter = new TermFilter(all.Count, reader.MaxDoc);
        foreach (var (field, text) in all)
            filter.Add(field, text);
        return filter;
    }

    public int MaxDoc { get; }

    /// <summary>
    /// Zero, so the planner never drops a field as too common (<see cref="QueryPlanner"/> does that only for a frequent
    /// term): the placeholder plan keeps at least every part the real plan has.
    /// </summary>
    public int DocFreq(string field, string text) => 0;

    public bool MayContain(string field, string text)
    {
        var (first, step) = Hashes(field, text);
        var size = (uint)bits.Length * 64;
        for (var i = 0u; i < Probes; i++)
        {
            var bit = (first + i * step) % size;
            if ((bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0) return false;
        }
        return true;
    }

    public Query? TermQuery(string field, string text, float boost) =>
        MayContain(field, text) ? new TermQuery(new Term(field, text)) { Boost = boost } : null;

    public Query? AllTerms(string field, IReadOnlyList<string> terms, float boost) => Placeholder(field, terms, boost);

    public Query? PhraseQuery(string field, IReadOnlyList<string> terms, IReadOnlyList<int>? positions, int slop, float boost) =>
        Placeholder(field, terms, boost);

    private TermQuery? Placeholder(string field, IReadOnlyList<string> terms, float boost) =>
        AllMayOccur(field, terms) ? new TermQuery(new Term(field, terms.Count > 0 ? terms[0] : "")) { Boost = boost } : null;

    private bool AllMayOccur(string field, IReadOnlyList<string> terms)
    {
        foreach (var text in terms)
            if (!MayContain(field, text)) return false;
        return true;
    }

    private void Add(string field, string text)
    {
        var (first, step) = Hashes(field, text);
        var size = (uint)bits.Length * 64;
        for (var i = 0u; i < Probes; i++)
        {
            var bit = (first + i * step) % size;
            bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>
    /// Both probes' hashes from one hash of each string, mixed (SplitMix64's finalizer): the filter is asked for every
    /// term of every query a server with changes runs, so four string hashes per question were a visible share of it.
    /// </summary>
    private static (uint First, uint Step) Hashes(string field, string text)
    {
        var h = ((ulong)(uint)field.GetHashCode(StringComparison.Ordinal) << 32) | (uint)text.GetHashCode(StringComparison.Ordinal);
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        h ^= h >> 31;
        return ((uint)h, (uint)(h >> 32) | 1);
    }
}
