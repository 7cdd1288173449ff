using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// Passes every match on to the collector that ranks them, counting on the way the matches that repeat a link already
/// matched, so that <c>Total</c> counts links, as the pages show them. Used only when the catalog has shared links.
/// </summary>
internal sealed class DuplicateCounter(UrlGroups groups) : ICollector
{
    private readonly HashSet<int> seen = [];
    private ICollector inner = null!;
    private int docBase;

    /// <summary>Matches that a results page drops because an earlier-ranked or better match has the same link.</summary>
    public int Repeats { get; private set; }

    public ICollector Around(ICollector collector)
    {
        inner = collector;
        seen.Clear();
        Repeats = 0;
        return this;
    }

    public void SetScorer(Scorer scorer) => inner.SetScorer(scorer);

    public void Collect(int doc)
    {
        var group = groups.GroupOf(docBase + doc);
        if (group >= 0 && !seen.Add(group))
            Repeats++;
        inner.Collect(doc);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        docBase = context.DocBase;
        inner.SetNextReader(context);
    }

    public bool AcceptsDocsOutOfOrder => inner.AcceptsDocsOutOfOrder;
}
