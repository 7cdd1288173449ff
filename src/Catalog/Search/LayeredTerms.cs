using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// The terms of a reader over the shared index (leaf 0) and a server's index of changes (leaf 1), looked up in each
/// one's own <see cref="TermLookup"/>: the shared one's cache answers the words every server asks, the small one's term
/// filter the words it lacks. Both are scored with the shared index's collection statistics (and document frequencies
/// of the two together), so one ranking covers both.
/// </summary>
internal sealed class LayeredTerms(TermLookup shared, TermLookup changes, IndexReader reader, bool changesHasLeaf) : ITermSource
{
    public int MaxDoc => reader.MaxDoc;

    public int DocFreq(string field, string text) => shared.DocFreq(field, text) + changes.DocFreq(field, text);

    public Query? TermQuery(string field, string text, float boost)
    {
        var (sharedTerm, inShared) = shared.Lookup(field, text);
        var (changedTerm, inChanges) = changes.Lookup(field, text);
        if (inShared.DocFreq == 0 && inChanges.DocFreq == 0) return null;
        var term = sharedTerm ?? changedTerm!;
        var changed = changesHasLeaf && inChanges.DocFreq > 0 ? inChanges.Get(0) : null;
        // The shared index's statistics for both: a shared entry scores as on a server without changes, and the common
        // case (a term the changes lack) reuses the shared index's cached statistics instead of allocating them.
        var statistics = changed is null
            ? shared.Statistics(term, inShared)
            : new ReusingTermQuery.Statistics(shared.FieldStatistics(field), [new TermStatistics(term.Bytes, inShared.DocFreq + inChanges.DocFreq, Sum(inShared.TotalTermFreq, inChanges.TotalTermFreq))]);
        return new ReusingTermQuery(term, inShared, changed, inChanges.DocFreq, reader.Context, statistics) { Boost = boost };
    }

    public Query? AllTerms(string field, IReadOnlyList<string> terms, float boost) => TermSources.AllTerms(this, field, terms, boost);

    public Query? PhraseQuery(string field, IReadOnlyList<string> terms, IReadOnlyList<int>? positions, int slop, float boost)
    {
        if (terms.Count == 1)
            return TermQuery(field, terms[0], boost);
        var phrase = new PhraseQuery { Slop = slop, Boost = boost };
        for (var i = 0; i < terms.Count; i++)
        {
            var (sharedTerm, inShared) = shared.Lookup(field, terms[i]);
            var (changedTerm, inChanges) = changes.Lookup(field, terms[i]);
            if ((sharedTerm ?? changedTerm) is not { } term || inShared.DocFreq + inChanges.DocFreq == 0) return null;
            phrase.Add(term, positions is null ? i : positions[i] - positions[0]);
        }
        return phrase;
    }

    private static long Sum(long a, long b) => a < 0 || b < 0 ? -1 : a + b;
}
