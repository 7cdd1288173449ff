using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>About how many postings a query reads, from the term statistics the planner already looked up.</summary>
internal static class QueryCost
{
    public static long Of(Query query) => query switch
    {
        ReusingTermQuery term => term.DocFreq,
        BooleanQuery all when all.Clauses.Count > 0 && all.Clauses.All(c => c.Occur == Occur.MUST) => all.Clauses.Min(c => Of(c.Query)),
        BooleanQuery any => any.Clauses.Sum(c => Of(c.Query)),
        // Phrases and the rest: rare in fill queries; at most as costly as their rarest term, which is not known here.
        _ => 0,
    };
}
