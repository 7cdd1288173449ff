using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>
/// Search for one guild that changed a few entries, over the index every guild shares: the shared index's hits without
/// the entries the guild removed or edited, merged by score with hits from a small index of the guild's own added and
/// edited entries. A guild's change costs an index of its changes, not a copy of the whole list's index.
/// </summary>
/// <remarks>
/// Scores from the two indexes come from different collection statistics; for a handful of changed entries the order
/// this gives is close to a single index's, and nothing is ever missed or shown twice.
/// </remarks>
public sealed class OverlaySearch(ICatalogSearch shared, IReadOnlySet<string> hidden, ICatalogSearch changes) : ICatalogSearch
{
    /// <summary>The most hits one search of the shared index may ask for (its query validator's limit).</summary>
    public const int MaxPage = 100;

    public SearchResponse Search(SearchQuery query)
    {
        var wanted = query.Offset + query.Limit;
        // Ask the shared index for enough extra hits to make up for the hidden ones, a page at a time.
        var fromShared = shared.Search(query with { Offset = 0, Limit = Math.Min(MaxPage, wanted + hidden.Count) });
        if (fromShared.Error is not null) return fromShared;
        var kept = fromShared.Hits.Where(h => !hidden.Contains(h.Entry.Id)).ToList();
        var seen = fromShared.Hits.Count;
        while (kept.Count < wanted && seen < fromShared.Total)
        {
            var page = shared.Search(query with { Offset = seen, Limit = MaxPage });
            if (page.Error is not null || page.Hits.Count == 0) break;
            kept.AddRange(page.Hits.Where(h => !hidden.Contains(h.Entry.Id)));
            seen += page.Hits.Count;
        }
        var hiddenSeen = seen - kept.Count;
        var fromChanges = changes.Search(query with { Offset = 0, Limit = Math.Min(MaxPage, wanted) });

        var merged = kept.Concat(fromChanges.Error is null ? fromChanges.Hits : [])
            .OrderByDescending(h => h.Score)
            .Skip(query.Offset)
            .Take(query.Limit)
            .ToList();
        var total = Math.Max(merged.Count + query.Offset, fromShared.Total - hiddenSeen + (fromChanges.Error is null ? fromChanges.Total : 0));
        return new SearchResponse(merged, total, null, merged.Count == 0 ? fromShared.Suggestions : []);
    }

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) =>
        changes.Autocomplete(prefix, limit, only)
            .Concat(shared.Autocomplete(prefix, limit + hidden.Count, only).Where(s => s.Kind != SuggestionKind.Entry || !hidden.Contains(s.Value)))
            .DistinctBy(s => (s.Kind, s.Value))
            .Take(limit)
            .ToList();
}
