using System.Collections.Concurrent;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// Term statistics of the immutable index, looked up once per term and kept: queries repeat words, and a term lookup
/// (a seek in every field's term dictionary) is most of what a small query costs.
/// </summary>
/// <param name="cacheMisses">
/// False for a server's small index of changes: nearly every word asked is missing there, and remembering each one would
/// grow a thousand servers' caches with the words of every query, while a miss in a few entries' dictionary is cheap.
/// </param>
/// <param name="filter">
/// For a small index of changes: its terms' filter, consulted first, so the many words it lacks cost no dictionary seek.
/// </param>
internal sealed class TermLookup(IndexReader reader, bool cacheMisses = true, TermFilter? filter = null) : ITermSource
{
    private const int MaxCached = 200_000;
    /// <summary>Keyed by field and text, so a lookup needs no <see cref="Term"/> (each one encodes its text to UTF-8).</summary>
    private readonly ConcurrentDictionary<(string Field, string Text), (Term Term, TermContext Context)> contexts = new();
    private readonly ConcurrentDictionary<Term, ReusingTermQuery.Statistics> termStatistics = new();
    private readonly ConcurrentDictionary<string, CollectionStatistics> fieldStatistics = new(StringComparer.Ordinal);
    private readonly IndexSearcher statisticsSearcher = new(reader);
    private TermContext? absent;

    public int DocFreq(string field, string text) => Lookup(field, text).Context.DocFreq;

    public int MaxDoc => reader.MaxDoc;

    /// <summary>A term query that skips the dictionary seek, or null when the term is not in the index.</summary>
    public Query? TermQuery(string field, string text, float boost)
    {
        var (term, context) = Lookup(field, text);
        return term is null || context.DocFreq == 0 ? null : new ReusingTermQuery(term, context, Statistics(term, context)) { Boost = boost };
    }

    /// <summary>
    /// Every term in the field, or null when one never occurs there. Used for the overlapping bigrams of a Chinese run
    /// (bigrams that all occur in one short field almost always stand together) and for multi-word aliases.
    /// </summary>
    public Query? AllTerms(string field, IReadOnlyList<string> terms, float boost) => TermSources.AllTerms(this, field, terms, boost);

    /// <summary>Terms at the given positions, or null when one of them never occurs in the field (so the phrase cannot).</summary>
    public Query? PhraseQuery(string field, IReadOnlyList<string> terms, IReadOnlyList<int>? positions, int slop, float boost)
    {
        if (terms.Count == 1)
            return TermQuery(field, terms[0], boost);
        var phrase = new PhraseQuery { Slop = slop, Boost = boost };
        for (var i = 0; i < terms.Count; i++)
        {
            var (term, context) = Lookup(field, terms[i]);
            if (term is null || context.DocFreq == 0) return null;
            phrase.Add(term, positions is null ? i : positions[i] - positions[0]);
        }
        return phrase;
    }

    /// <summary>The field's statistics over the whole index, computed once.</summary>
    internal CollectionStatistics FieldStatistics(string field) => fieldStatistics.GetOrAdd(field, statisticsSearcher.CollectionStatistics);

    /// <summary>What scoring the term needs from the index, computed once: the index never changes.</summary>
    internal ReusingTermQuery.Statistics Statistics(Term term, TermContext context)
    {
        if (termStatistics.TryGetValue(term, out var known))
            return known;
        var collection = fieldStatistics.GetOrAdd(term.Field, statisticsSearcher.CollectionStatistics);
        var stats = new ReusingTermQuery.Statistics(collection, [statisticsSearcher.TermStatistics(term, context)]);
        if (termStatistics.Count < MaxCached)
            termStatistics.TryAdd(term, stats);
        return stats;
    }

    /// <summary>The term and its statistics; no term (and a document frequency of 0) when the filter rules it out.</summary>
    internal (Term? Term, TermContext Context) Lookup(string field, string text)
    {
        if (filter is not null && !filter.MayContain(field, text))
            return (null, absent ??= new TermContext(reader.Context));
        if (contexts.TryGetValue((field, text), out var cached))
            return cached;
        var term = new Term(field, text);
        var found = (term, TermContext.Build(reader.Context, term));
        if (contexts.Count < MaxCached && (cacheMisses || found.Item2.DocFreq > 0))
            contexts.TryAdd((field, text), found);
        return found;
    }
}
