using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// A searcher over a server's layered reader that visits only its first leaf, the shared segment. A query none of whose
/// terms occurs in the server's changes cannot match there, and skipping that leaf spares the scorer tree each query
/// would otherwise build for it (most of what a layered search cost above a plain one). It shares the layered reader's
/// context, so the term states planned for that reader serve it unchanged.
/// </summary>
internal sealed class SharedLeafSearcher(IndexReaderContext layered) : IndexSearcher(layered)
{
    private readonly AtomicReaderContext[] shared = [.. layered.Leaves.Take(1)];

    protected override void Search(IList<AtomicReaderContext> leaves, Weight weight, ICollector collector) =>
        base.Search(shared, weight, collector);

    /// <summary>
    /// Whether <paramref name="query"/> may match in the changes' leaf: a term the changes hold, or a query of a kind not
    /// planned from per-leaf term states (a phrase, a section filter), which is searched everywhere to be safe.
    /// </summary>
    public static bool MayMatchChanges(Query query)
    {
        switch (query)
        {
            case ReusingTermQuery term:
                return term.InChanges;
            case BooleanQuery boolean:
                var clauses = boolean.Clauses;
                for (var i = 0; i < clauses.Count; i++)
                    if (MayMatchChanges(clauses[i].Query))
                        return true;
                return false;
            default:
                return true;
        }
    }
}
