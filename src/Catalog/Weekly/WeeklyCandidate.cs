using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Weekly;

/// <summary>An entry that can be the paper of the week: it has a link of its own to read.</summary>
/// <param name="Section">The section the entry is listed in; its topic is the one rotation avoids repeating.</param>
public sealed record WeeklyCandidate(Entry Entry, Section Section, EntryKind Kind)
{
    public string Id => Entry.Id;

    /// <summary>The topic key, or the section title for a section without one.</summary>
    public string Topic => Section.Topic.Key.Length > 0 ? Section.Topic.Key : Section.Title;

    /// <summary>
    /// The entries of <paramref name="list"/> that can be picked, in list order: every entry and sub-item with a link of its
    /// own (a sub-item without one is a note on its parent, not something to read). Removed entries are not in a
    /// guild's list, so they are never candidates.
    /// </summary>
    public static IReadOnlyList<WeeklyCandidate> From(ReadingList list, IReadOnlyDictionary<string, EntryKind>? kindOverrides = null)
    {
        var result = new List<WeeklyCandidate>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in list.Sections)
            foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
                if (!string.IsNullOrWhiteSpace(entry.Url) && seen.Add(entry.Id))
                    result.Add(new WeeklyCandidate(entry, section, EntryKindClassifier.Classify(entry, kindOverrides)));
        return result;
    }
}
