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
    public static ReadingList Apply(ReadingList baseList, IEnumerable<OverlayEntry> overlay, TopicDirectory topics) =>
        Overlay(baseList, overlay, topics).List;

    /// <summary>
    /// <see cref="Apply"/>, and what differs from the base list, so a guild's indexes can be layered over the shared
    /// ones at the cost of its changes. The walk looks every base entry up once and copies only what it changes.
    /// </summary>
    /// <param name="locate">
    /// The section of a base entry (sub-items included) by id, or null when the base has no such id. When given, only
    /// the sections holding changed base entries are walked, so a change costs its section, not the whole list.
    /// </param>
    public static AppliedOverlay Overlay(ReadingList baseList, IEnumerable<OverlayEntry> overlay, TopicDirectory topics,
        Func<string, Section?>? locate = null)
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
        var changed = order.Where(e => !e.Removed).Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (byId.Count == 0) return new AppliedOverlay(baseList, [], new HashSet<string>(StringComparer.OrdinalIgnoreCase), changed);

        var walk = new Walk(byId);
        var sections = baseList.Sections.Select(s => new SectionBuilder(s)).ToList();
        var touched = locate is null ? null : byId.Keys.Select(locate).OfType<Section>().ToHashSet(ReferenceEqualityComparer.Instance);
        foreach (var section in sections.Where(s => touched?.Contains(s.Original) ?? true))
            section.Entries = walk.Rewrite(section.Original.Entries, section);

        foreach (var (entry, topic) in walk.Moved)
        {
            var target = SectionFor(sections, topic, topics);
            target.Entries.Add(entry);
            foreach (var moved in entry.SelfAndDescendants()) walk.Replaced.Add((moved, target));
        }
        foreach (var added in order.Where(e => !e.Removed && !walk.Matched.Contains(e.Id)))
        {
            var target = SectionFor(sections, added.Fields.Topic, topics);
            var entry = NewEntry(added);
            target.Entries.Add(entry);
            walk.Replaced.Add((entry, target));
        }

        var built = sections.ToDictionary(s => s, s => s.Build());
        var replaced = walk.Replaced.Select(r => (r.Entry, built[r.Section])).ToList();
        return new AppliedOverlay(baseList with { Sections = [.. sections.Select(s => built[s])] }, replaced, walk.Removed, changed);
    }

    /// <summary>One pass over the base entries: edits applied, removed ones dropped, re-topicked ones set aside.</summary>
    private sealed class Walk(IReadOnlyDictionary<string, OverlayEntry> byId)
    {
        public List<(Entry Entry, string Topic)> Moved { get; } = [];
        public List<(Entry Entry, SectionBuilder Section)> Replaced { get; } = [];
        public HashSet<string> Removed { get; } = new(StringComparer.OrdinalIgnoreCase);
        public HashSet<string> Matched { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<Entry> Rewrite(IReadOnlyList<Entry> entries, SectionBuilder section)
        {
            var kept = new List<Entry>(entries.Count);
            foreach (var entry in entries)
            {
                if (byId.TryGetValue(entry.Id, out var change)) Matched.Add(entry.Id);
                if (change is { Removed: true })
                {
                    foreach (var gone in entry.SelfAndDescendants()) Removed.Add(gone.Id);
                    continue;
                }
                var children = entry.Children.Count == 0 ? [] : Rewrite(entry.Children, section);
                var same = children.SequenceEqual(entry.Children, ReferenceEqualityComparer.Instance);
                var rewritten = change is not null ? Edited(entry, change.Fields) with { Children = same ? entry.Children : children }
                    : same ? entry : entry with { Children = children };
                if (change is not null && !string.Equals(change.Fields.Topic, section.Original.Topic.Key, StringComparison.Ordinal))
                {
                    Moved.Add((rewritten, change.Fields.Topic));
                    continue;
                }
                if (!ReferenceEquals(rewritten, entry)) Replaced.Add((rewritten, section));
                kept.Add(rewritten);
            }
            return kept;
        }
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
        private List<Entry>? entries;

        public Section Original { get; } = original;

        /// <summary>The section's entries as changed; a section nothing touched is copied only when something is added to it.</summary>
        public List<Entry> Entries
        {
            get => entries ??= [.. Original.Entries];
            set => entries = value;
        }

        // Unchanged sections stay the same object, so an untouched list compares and exports as before.
        public Section Build() => entries is null || entries.SequenceEqual(Original.Entries, ReferenceEqualityComparer.Instance)
            ? Original
            : Original with { Entries = entries };
    }
}

/// <summary>A guild's list with its changes applied, and how it differs from the base list.</summary>
/// <param name="Replaced">Every entry of <paramref name="List"/> that is not the base list's own object (edited, added,
/// moved with its sub-items, or a parent whose sub-items changed), with its section in <paramref name="List"/>.</param>
/// <param name="Removed">Base ids the list no longer shows: removed entries and their sub-items.</param>
/// <param name="Changed">The ids the guild edited or added (not removed).</param>
public sealed record AppliedOverlay(
    ReadingList List,
    IReadOnlyList<(Entry Entry, Section Section)> Replaced,
    IReadOnlySet<string> Removed,
    IReadOnlySet<string> Changed);
