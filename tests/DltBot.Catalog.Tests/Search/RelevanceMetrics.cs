using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

/// <param name="ReciprocalRank">1 / rank of the first right answer in the top 10 (0 when none).</param>
/// <param name="RecallAt5">Share of the right answers (at most 5 counted) found in the top 5.</param>
/// <param name="FirstIsExpected">Whether the expected entry came first.</param>
public sealed record QueryOutcome(JudgedQuery Query, double ReciprocalRank, double RecallAt5, bool FirstIsExpected, IReadOnlyList<string> TopUrls);

public sealed record RelevanceReport(IReadOnlyList<QueryOutcome> Outcomes)
{
    public double Mrr => Outcomes.Average(o => o.ReciprocalRank);
    public double RecallAt5 => Outcomes.Average(o => o.RecallAt5);
    public double FirstRight => Outcomes.Average(o => o.FirstIsExpected ? 1.0 : 0.0);

    public string Describe()
    {
        var lines = new List<string>
        {
            $"judged queries: {Outcomes.Count}  MRR@10: {Mrr:F3}  recall@5: {RecallAt5:F3}  expected-first: {FirstRight:P0}",
        };
        lines.AddRange(Outcomes.GroupBy(o => o.Query.Kind).Select(g =>
            $"  {g.Key,-11} n={g.Count(),2}  MRR {g.Average(o => o.ReciprocalRank):F3}  recall@5 {g.Average(o => o.RecallAt5):F3}"));
        lines.AddRange(Outcomes.Where(o => o.ReciprocalRank < 1 || o.RecallAt5 < 1).Select(o =>
            $"  weak: \"{o.Query.Text}\" RR {o.ReciprocalRank:F2} R@5 {o.RecallAt5:F2} top: {string.Join(" , ", o.TopUrls.Take(3))}"));
        return string.Join(Environment.NewLine, lines);
    }
}

public static class RelevanceMetrics
{
    public static RelevanceReport Evaluate(ICatalogSearch search, IEnumerable<JudgedQuery> queries) =>
        new(queries.Select(q => Evaluate(search, q)).ToList());

    public static QueryOutcome Evaluate(ICatalogSearch search, JudgedQuery query)
    {
        var response = search.Search(new SearchQuery(query.Text, Limit: 10));
        var keys = response.Hits.Select(h => KeyOf(h.Entry.Url, h.Entry.Id)).ToList();
        var relevant = query.Relevant.Select(Normalize).ToHashSet();
        bool IsRight(string[] k) => k.Any(relevant.Contains);
        var firstRight = keys.FindIndex(IsRight);
        var foundInTop5 = keys.Take(5).Count(IsRight);
        return new QueryOutcome(
            query,
            firstRight < 0 ? 0 : 1.0 / (firstRight + 1),
            (double)foundInTop5 / Math.Min(5, relevant.Count),
            keys.Count > 0 && keys[0].Contains(Normalize(query.First)),
            keys.Select(k => k[0]).ToList());
    }

    /// <summary>An entry is judged by its link; one without a link by <c>id:</c> and its stable id.</summary>
    private static string[] KeyOf(string? url, string id) => url is null ? ["id:" + id] : [Normalize(url), "id:" + id];

    /// <summary>Compares links the way a reader would: scheme, "www.", case and a trailing slash do not matter.</summary>
    public static string Normalize(string? url)
    {
        if (url is not null && url.StartsWith("id:", StringComparison.Ordinal)) return url;
        var text = (url ?? "").Trim().ToLowerInvariant();
        foreach (var prefix in new[] { "https://", "http://" })
            if (text.StartsWith(prefix, StringComparison.Ordinal)) text = text[prefix.Length..];
        if (text.StartsWith("www.", StringComparison.Ordinal)) text = text[4..];
        return text.TrimEnd('/');
    }
}
