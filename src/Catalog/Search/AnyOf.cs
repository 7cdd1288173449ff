using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// Matches when any part matches; the score adds the parts up. A plain disjunction lets Lucene score in bulk, which on
/// common words is about twice as fast as a max-of-fields disjunction.
/// </summary>
internal sealed class AnyOf : BooleanQuery
{
    public AnyOf() : base(disableCoord: true) { }

    /// <summary>
    /// Adds a part. The same term asked twice (a typo's candidate and the alias it meant both stem to <c>gener</c>) becomes
    /// one query with the boosts added: a BM25 score is linear in the boost, so the sum is unchanged, and its postings
    /// are read once instead of twice. A nested <see cref="AnyOf"/> is flattened for the same reason.
    /// </summary>
    public void Add(Query query)
    {
        switch (query)
        {
            case AnyOf nested when nested.Boost == 1f:
                foreach (var clause in nested.Clauses)
                    Add(clause.Query);
                break;
            case TermQuery term when SameTerm(term.Term) is { } same:
                same.Boost += term.Boost;
                break;
            default:
                Add(query, Occur.SHOULD);
                break;
        }
    }

    /// <summary>A scan, not a dictionary: a clause holds a few dozen parts at most, and one is built per query word.</summary>
    private TermQuery? SameTerm(Term term)
    {
        var clauses = Clauses;
        for (var i = 0; i < clauses.Count; i++)
            if (clauses[i].Query is TermQuery existing && existing.Term.Equals(term))
                return existing;
        return null;
    }
}
