using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Curation;

/// <summary>Ids for entries a moderator adds, by the rules imported entries follow.</summary>
public static class NewEntryIds
{
    /// <summary>
    /// <c>arxiv:ID</c> for an arXiv link, else a slug of the URL, else of topic and title; <c>-2</c>, <c>-3</c>… when
    /// an id is taken. <paramref name="taken"/> should hold every id the guild has ever used (the base list's and the
    /// overlay's, removed ones included), so an id never comes back for a different entry.
    /// </summary>
    public static string For(EntryFields fields, TopicDirectory topics, IEnumerable<string> taken) =>
        For(fields, topics, new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase).Contains);

    /// <summary>The same, asking <paramref name="isTaken"/> (case-insensitive) instead of listing every id in use.</summary>
    public static string For(EntryFields fields, TopicDirectory topics, Func<string, bool> isTaken)
    {
        var english = topics.ForHeading(fields.Topic).English;
        var id = StableIds.ForEntry(fields.Url, english, fields.Title);
        var candidate = id;
        for (var n = 2; isTaken(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    /// <summary>Every id of the list, sub-items included.</summary>
    public static IEnumerable<string> IdsOf(ReadingList list) => list.AllEntries().Select(e => e.Id);
}
