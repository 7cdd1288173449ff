using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

public enum EntryKind { Paper, Course, Book, Article, Video, Code, Other }

public sealed record YearRange(int From, int To);

/// <param name="Text">What the user typed.</param>
/// <param name="Topic">Restrict to a topic (any of its names or aliases).</param>
public sealed record SearchQuery(string Text, string? Topic = null, YearRange? Years = null, EntryKind? Kind = null, int Limit = 10, int Offset = 0);

/// <param name="Snippet">A short excerpt of the description with matched words marked as **bold**.</param>
public sealed record SearchHit(Entry Entry, Section Section, EntryKind Kind, float Score, string Snippet);

/// <param name="Total">
/// How many results all pages hold, each link counted once: the entries with every word of the query and, when those do not
/// fill a page, the entries with most of the words or in a topic the words name (see <paramref name="AllWordsTotal"/>).
/// </param>
/// <param name="Error">Set when the query itself was unusable (empty, too long, control characters); says what was wrong.</param>
/// <param name="Suggestions">When nothing matched: corrected spellings or related topics that would match.</param>
/// <param name="AllWordsTotal">
/// Set when the results were filled with partial matches: how many of them (the first ones) have every word. Null when all do.
/// </param>
public sealed record SearchResponse(IReadOnlyList<SearchHit> Hits, int Total, string? Error, IReadOnlyList<string> Suggestions, int? AllWordsTotal = null);

public enum SuggestionKind { Topic, Entry }

/// <param name="Value">What to put in the option: the topic key or the entry id.</param>
public sealed record Suggestion(string Label, string Value, SuggestionKind Kind);

/// <summary>What the commands know of search; which engine answers is an implementation detail.</summary>
public interface ICatalogSearch
{
    SearchResponse Search(SearchQuery query);

    /// <summary>Topic names and entry titles starting with (or containing) a prefix, in English and Chinese.</summary>
    IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null);

    /// <summary>
    /// "Did you mean" for an entry id that does not exist: up to <paramref name="max"/> entries whose id or title is closest,
    /// best first; empty when none is close. Bounded in time whatever the input (see <see cref="IdSuggester"/>).
    /// </summary>
    IReadOnlyList<Entry> SuggestIds(string unknownId, int max = 3) => [];
}
