using DltBot.Catalog.Model;

namespace DltBot.Catalog.Curation;

/// <summary>
/// Applies a guild's curation to the shared reading list: edited fields replace the base entry's, removed entries are
/// hidden, and additions go at the end of their topic's section. Pure: the base list is not changed.
/// </summary>
public static class CatalogOverlay
{
    /// <summary>
    /// The list as the guild sees it. Overlay entries apply in the order given (the order they were first changed),
    /// matched to base entries by id, case-insensitively like <see cref="ReadingList.FindEntry"/>. An overlay entry
    /// whose id the base no longer has is shown as an addition, so a moderator's work survives a re-import. An entry
    /// whose topic changed moves (with its sub-items) to the end of that topic's section. A removed entry hides its
    /// sub-items too. A topic no section has gets a new section at the end, named by <paramref name="topics"/>.
    /// </summary>
    public static ReadingList Apply(ReadingList baseList, IEnumerable<OverlayEntry> overlay, TopicDirectory topics)
    {
        var byId = new Dictionary<string, OverlayEntry>(StringComparer.OrdinalIgnoreCase);
        var order = new List<OverlayEntry>();
        foreach (var entry in overlay)
        {
            if (byId.TryAdd(entry.Id, entry)) order.Add(entry);
            else
            {
                byId[entry.Id] = entry; // a later row for the same id wins; it keeps its first place
                order[order.FindIndex(e => string.Equals(e.Id, entry.Id, StringComparison.OrdinalIgnoreCase))] = entry;
            }
        }
        if (byId.Count == 0) return baseList;

        var baseIds = new HashSet<string>(baseList.AllEntries().Select(e => e.Id), StringComparer.OrdinalIgnoreCase);
        var sections = baseList.Sections.Select(s => new SectionBuilder(s)).ToList();
        var moved = new List<(Entry Entry, string Topic)>();

        foreach (var section in sections)
            section.Entries = Rewrite(section.Original.Entries, section.Original.Topic.Key, byId, moved);

        foreach (var (entry, topic) in moved) SectionFor(sections, topic, topics).Entries.Add(entry);
        foreach (var added in order.Where(e => !e.Removed && !baseIds.Contains(e.Id)))
            SectionFor(sections, added.Fields.Topic, topics).Entries.Add(NewEntry(added));

        return baseList with { Sections = sections.Select(s => s.Build()).ToList() };
    }

    /// <summary>The entries of one level with edits applied, removed ones dropped and re-topicked ones set aside.</summary>
    private static List<Entry> Rewrite(IReadOnlyList<Entry> entries, string sectionTopic,
        IReadOnlyDictionary<string, OverlayEntry> byId, List<(Entry, string)> moved)
    {
        var kept = new List<Entry>(entries.Count);
        foreach (var entry in entries)
        {
            byId.TryGetValue(entry.Id, out var change);
            if (change is { Removed: true }) continue;
            var children = Rewrite(entry.Children, sectionTopic, byId, moved);
            var same = children.SequenceEqual(entry.Children, ReferenceEqualityComparer.Instance);
            var rewritten = change is not null ? Edited(entry, change.Fields) with { Children = same ? entry.Children : children }
                : same ? entry : entry with { Children = children };
            if (change is not null && !string.Equals(change.Fields.Topic, sectionTopic, StringComparison.Ordinal))
                moved.Add((rewritten, change.Fields.Topic));
            else kept.Add(rewritten);
        }
        return kept;
    }

    /// <summary>
    /// The entry with the moderator's fields. The source is kept: the exporter sees it no longer matches and writes the
    /// entry anew in the list's style. The primary link follows the new URL; other links stay.
    /// </summary>
    private static Entry Edited(Entry entry, EntryFields fields)
    {
        var links = entry.Links.ToList();
        var primary = entry.Url is null ? -1 : links.FindIndex(l => l.Url == entry.Url);
        if (primary >= 0) links.RemoveAt(primary);
        if (fields.Url is not null) links.Insert(0, new Link(fields.Title, fields.Url));
        return entry with { Title = fields.Title, Url = fields.Url, Links = links, Year = fields.Year, Description = fields.Note };
    }

    private static Entry NewEntry(OverlayEntry added) =>
        new(added.Id, "", added.Fields.Title, added.Fields.Url,
            added.Fields.Url is null ? [] : [new Link(added.Fields.Title, added.Fields.Url)],
            added.Fields.Year, added.Fields.Note, [], Line: 0);

    private static SectionBuilder SectionFor(List<SectionBuilder> sections, string topicKey, TopicDirectory topics)
    {
        var found = sections.FirstOrDefault(s => string.Equals(s.Original.Topic.Key, topicKey, StringComparison.Ordinal))
            ?? sections.FirstOrDefault(s => string.Equals(s.Original.Topic.Key, topicKey, StringComparison.OrdinalIgnoreCase));
        if (found is not null) return found;
        var topic = topics.ForHeading(topicKey);
        var created = new SectionBuilder(new Section(topicKey, topic, [], Line: 0));
        sections.Add(created);
        return created;
    }

    private sealed class SectionBuilder(Section original)
    {
        public Section Original { get; } = original;
        public List<Entry> Entries { get; set; } = [];

        // Unchanged sections stay the same object, so an untouched list compares and exports as before.
        public Section Build() => Entries.SequenceEqual(Original.Entries, ReferenceEqualityComparer.Instance)
            ? Original
            : Original with { Entries = Entries };
    }
}
