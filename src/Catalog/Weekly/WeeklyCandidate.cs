using System.Runtime.CompilerServices;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Weekly;

/// <summary>An entry that can be the paper of the week: it has a link of its own to read.</summary>
/// <param name="Section">The section the entry is listed in; its topic is the one rotation avoids repeating.</param>
public sealed record WeeklyCandidate(Entry Entry, Section Section, EntryKind Kind)
{
    private static readonly ConditionalWeakTable<ReadingList, IReadOnlyList<WeeklyCandidate>> ByList = new();

    public string Id => Entry.Id;

    /// <summary>The topic key, or the section title for a section without one.</summary>
    public string Topic => Section.Topic.Key.Length > 0 ? Section.Topic.Key : Section.Title;

    /// <summary>
    /// The entries of <paramref name="list"/> that can be picked, in list order: every entry and sub-item with a link of its
    /// own (a sub-item without one is a note on its parent, not something to read). Removed entries are not in a
    /// guild's list, so they are never candidates.
    /// </summary>
    /// <remarks>
    /// Without overrides the answer depends on the list alone, which is immutable and shared by every guild without
    /// changes of its own; it is kept per list (weakly, so a replaced list takes its candidates with it), because
    /// classifying each entry's link is most of a run's selection work and thousands of guilds run in the same minute.
    /// </remarks>
    public static IReadOnlyList<WeeklyCandidate> From(ReadingList list, IReadOnlyDictionary<string, EntryKind>? kindOverrides = null)
    {
        ArgumentNullException.ThrowIfNull(list);
        return kindOverrides is null or { Count: 0 } ? ByList.GetValue(list, l => Collect(l, null)) : Collect(list, kindOverrides);
    }

    private static System.Collections.ObjectModel.ReadOnlyCollection<WeeklyCandidate> Collect(ReadingList list, IReadOnlyDictionary<string, EntryKind>? kindOverrides)
    {
        var result = new List<WeeklyCandidate>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in list.Sections)
            foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
                if (!string.IsNullOrWhiteSpace(entry.Url) && seen.Add(entry.Id))
                    result.Add(new WeeklyCandidate(entry, section, EntryKindClassifier.Classify(entry, kindOverrides)));
        return result.AsReadOnly();
    }
}
