using DltBot.Catalog;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Search;

/// <summary>Builds the search the commands use; the one place that knows which engine answers.</summary>
public static class SearchEngine
{
    public static ICatalogSearch Create(ReadingList list) => new InterimSubstringSearch(list);
}

/// <summary>
/// Interim search until the Catalog search engine is merged: every query word must occur in the title or description
/// (case-insensitive), title matches rank higher. Replaced by the real engine in <see cref="SearchEngine.Create"/>.
/// </summary>
internal sealed class InterimSubstringSearch(ReadingList list) : ICatalogSearch
{
    private readonly List<(Entry Entry, Section Section)> entries =
        list.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (e, s))).ToList();

    public SearchResponse Search(SearchQuery query)
    {
        var words = query.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return new SearchResponse([], 0, "the query is empty", []);
        var section = query.Topic is null ? null : TopicLookup.Find(list, query.Topic);

        var hits = entries
            .Where(x => section is null || x.Section == section)
            .Where(x => query.Years is null || (x.Entry.Year is { } y && y >= query.Years.From && y <= query.Years.To))
            .Select(x => (x.Entry, x.Section, Score: Score(x.Entry, words)))
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score)
            .ToList();
        var page = hits.Skip(query.Offset).Take(query.Limit)
            .Select(x => new SearchHit(x.Entry, x.Section, EntryKind.Other, x.Score, x.Entry.Description.Length > 160 ? x.Entry.Description[..160] : x.Entry.Description))
            .ToList();
        return new SearchResponse(page, hits.Count, null, []);
    }

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) =>
        entries.Where(x => only is null or SuggestionKind.Entry && x.Entry.Title.Contains(prefix, StringComparison.OrdinalIgnoreCase))
            .Take(limit).Select(x => new Suggestion(x.Entry.Title, x.Entry.Id, SuggestionKind.Entry)).ToList();

    private static float Score(Entry entry, string[] words)
    {
        float score = 0;
        foreach (var word in words)
        {
            var inTitle = entry.Title.Contains(word, StringComparison.OrdinalIgnoreCase);
            var inText = entry.Description.Contains(word, StringComparison.OrdinalIgnoreCase);
            if (!inTitle && !inText) return 0;
            score += (inTitle ? 2 : 0) + (inText ? 1 : 0);
        }
        return score;
    }
}
