using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>
/// Search for one guild that changed a few entries, over the index every guild shares: the shared index's hits without
/// the entries the guild removed or edited, merged by score with hits from a small index of the guild's own added and
/// edited entries. A guild's change costs an index of its changes, not a copy of the whole list's index.
/// </summary>
/// <remarks>
/// With our engine on both sides the two are searched in one pass (<see cref="LuceneCatalogSearch"/>'s layered search:
/// one reader over both, the hidden entries deleted in this server's view, the shared index's statistics); the merge
/// below answers when no changed entry can match the query, and for another engine. Its scores come from two
/// collection statistics; for a handful of changed entries the order is close to a single index's, and nothing is ever
/// missed or shown twice.
/// </remarks>
public sealed class OverlaySearch(ICatalogSearch shared, IReadOnlySet<string> hidden, ICatalogSearch changes) : ICatalogSearch
{
    // Our own engine on both sides: one pass over both indexes together, with one collection's statistics.
    private readonly LuceneCatalogSearch? layered = LuceneCatalogSearch.Layered(shared, hidden, changes);

    public SearchResponse Search(SearchQuery query)
    {
        if (QueryValidator.Problem(query) is { } problem)
            return new SearchResponse([], 0, problem, []);
        var askChanges = true;
        if (layered?.SearchLayered(query, out askChanges) is { } together)
            return together;
        var wanted = query.Offset + query.Limit;
        // Most queries meet none of the hidden entries: ask for the page alone, and only when hidden ones took places in
        // it ask again with enough extra hits to make up for every hidden one.
        var fromShared = Top(shared, query, wanted);
        if (fromShared.Error is not null) return fromShared;
        var kept = fromShared.Hits.Where(h => !hidden.Contains(h.Entry.Id)).ToList();
        if (kept.Count < fromShared.Hits.Count && fromShared.Total > fromShared.Hits.Count)
        {
            fromShared = Top(shared, query, wanted + hidden.Count);
            kept = fromShared.Hits.Where(h => !hidden.Contains(h.Entry.Id)).ToList();
        }
        var fromChanges = askChanges ? Top(changes, query, wanted) : new SearchResponse([], 0, null, []);

        var hiddenSeen = fromShared.Hits.Count - kept.Count;
        var merged = kept.Concat(fromChanges.Error is null ? fromChanges.Hits : [])
            .OrderByDescending(h => h.Score)
            .Skip(query.Offset)
            .Take(query.Limit)
            .ToList();
        var total = Math.Max(merged.Count + query.Offset, fromShared.Total - hiddenSeen + (fromChanges.Error is null ? fromChanges.Total : 0));
        return new SearchResponse(merged, total, null, merged.Count == 0 ? fromShared.Suggestions : []);
    }

    /// <summary>
    /// The first <paramref name="count"/> results from offset 0. Past the page limit a user has (a late page, or a page of
    /// 100 with hidden entries to make up for) only our engine can answer; another gets at most a page limit's worth.
    /// </summary>
    private static SearchResponse Top(ICatalogSearch search, SearchQuery query, int count) => search is LuceneCatalogSearch lucene
        ? lucene.SearchTop(query, count)
        : search.Search(query with { Offset = 0, Limit = Math.Min(count, QueryValidator.MaxLimit) });

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) =>
        changes.Autocomplete(prefix, limit, only)
            .Concat(shared.Autocomplete(prefix, limit + hidden.Count, only).Where(s => s.Kind != SuggestionKind.Entry || !hidden.Contains(s.Value)))
            .DistinctBy(s => (s.Kind, s.Value))
            .Take(limit)
            .ToList();
}
