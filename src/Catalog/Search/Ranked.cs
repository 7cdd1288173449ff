using Lucene.Net.Search;

namespace DltBot.Catalog.Search;

/// <summary>Matches best first, one per link, and how many distinct links match in all (what <c>Total</c> reports).</summary>
internal sealed record Ranked(IReadOnlyList<ScoreDoc> Docs, int Total)
{
    /// <summary>The first <paramref name="max"/> documents of a ranking, each link kept only where it ranks best.</summary>
    public static IReadOnlyList<ScoreDoc> Collapse(ScoreDoc[] ranked, UrlGroups groups, int max)
    {
        if (groups.SharedDocs == 0)
            return ranked.Length <= max ? ranked : ranked[..max];
        var kept = new List<ScoreDoc>(Math.Min(max, ranked.Length));
        var seen = new HashSet<int>();
        foreach (var doc in ranked)
        {
            if (kept.Count == max) break;
            var group = groups.GroupOf(doc.Doc);
            if (group < 0 || seen.Add(group))
                kept.Add(doc);
        }
        return kept;
    }

    /// <summary>
    /// These matches (all of them: there are fewer than a page) followed by those of a wider query that are not already
    /// here. The wider query matches a superset, so its total is the total of both.
    /// </summary>
    public Ranked FollowedBy(Ranked wider, UrlGroups groups, int max)
    {
        var docs = new List<ScoreDoc>(Docs);
        var shown = new HashSet<int>(Docs.Select(d => d.Doc));
        var links = new HashSet<int>(Docs.Select(d => groups.GroupOf(d.Doc)).Where(g => g >= 0));
        foreach (var doc in wider.Docs)
        {
            if (docs.Count >= max) break;
            if (!shown.Add(doc.Doc)) continue;
            var group = groups.GroupOf(doc.Doc);
            if (group >= 0 && !links.Add(group)) continue;
            docs.Add(doc);
        }
        return new Ranked(docs, Math.Max(Total, wider.Total));
    }
}
