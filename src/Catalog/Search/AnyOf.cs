using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// Matches when any part matches; the score adds the parts up. A plain disjunction lets Lucene score in bulk, which on
/// common words is about twice as fast as a max-of-fields disjunction.
/// </summary>
internal sealed class AnyOf : BooleanQuery
{
    public AnyOf() : base(disableCoord: true) { }

    public void Add(Query query) => Add(query, Occur.SHOULD);
}
