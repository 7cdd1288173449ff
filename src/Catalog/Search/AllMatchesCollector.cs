using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>
/// Collects every match of an in-order search into a per-thread buffer, then keeps the best <c>n</c> exactly as
/// <see cref="TopScoreDocCollector"/> does (score descending, the earlier document first on a tie). For small catalogs
/// only: Lucene's collector allocates all <c>n</c> slots up front (200 for the phrase-bonus window), which is most of a
/// multi-word query's garbage when only a few dozen documents match.
/// </summary>
internal sealed class AllMatchesCollector : ICollector
{
    [ThreadStatic] private static AllMatchesCollector? perThread;

    private (int Doc, float Score)[] matches = new (int, float)[256];
    private int count;
    private int docBase;
    private Scorer? scorer;

    /// <summary>The best <paramref name="n"/> matches of <paramref name="query"/>, with the number of all matches.</summary>
    public static TopDocs Search(IndexSearcher searcher, Query query, Filter? filter, int n, DuplicateCounter? counter = null)
    {
        var collector = perThread ??= new AllMatchesCollector();
        collector.count = 0;
        try
        {
            searcher.Search(query, filter, counter is null ? collector : counter.Around(collector));
            return collector.Top(n);
        }
        finally
        {
            collector.scorer = null;
        }
    }

    public void SetScorer(Scorer scorer) => this.scorer = scorer;

    public void Collect(int doc)
    {
        if (count == matches.Length)
            Array.Resize(ref matches, matches.Length * 2);
        matches[count++] = (docBase + doc, scorer!.GetScore());
    }

    public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

    public bool AcceptsDocsOutOfOrder => false;

    private TopDocs Top(int n)
    {
        var span = matches.AsSpan(0, count);
        span.Sort(static (a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
        var kept = Math.Min(n, count);
        if (kept == 0)
            return new TopDocs(count, [], float.NaN);
        var best = new ScoreDoc[kept];
        for (var i = 0; i < kept; i++)
            best[i] = new ScoreDoc(span[i].Doc, span[i].Score);
        return new TopDocs(count, best, best[0].Score);
    }
}
