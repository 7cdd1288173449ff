using DltBot.Catalog.Model;

namespace DltBot.Catalog.Curation;

/// <summary>A field of an entry a diff compares; the names are what <c>catalog diff</c> and <c>/dlt-mod check</c> print.</summary>
public enum EntryField { Title, Url, Links, Year, Note, Topic }

/// <summary>An entry as a diff names it: its id, its title and the topic it sits under.</summary>
public sealed record DiffEntry(string Id, string Title, string Topic);

/// <summary>An entry both lists have under the same id, with the fields that differ (old and new list's values).</summary>
public sealed record EditedEntry(DiffEntry Old, DiffEntry New, IReadOnlyList<EntryField> Fields)
{
    public string Id => New.Id;
}

/// <summary>
/// How one list differs from another, entry by entry (sub-items included), matched by stable id case-insensitively as
/// <see cref="ReadingList.FindEntry"/> matches. Only what a reader sees counts: title, primary URL, other links, year,
/// note and topic; a renumbered or re-wrapped entry is not edited. Each part is in the order of the list it comes from.
/// </summary>
public sealed record CatalogDiff(IReadOnlyList<DiffEntry> Added, IReadOnlyList<DiffEntry> Removed, IReadOnlyList<EditedEntry> Edited)
{
    public static CatalogDiff Empty { get; } = new([], [], []);

    public bool IsEmpty => Added.Count == 0 && Removed.Count == 0 && Edited.Count == 0;

    /// <summary>Every id the diff names, in any part.</summary>
    public IReadOnlySet<string> Ids =>
        Added.Select(a => a.Id).Concat(Removed.Select(r => r.Id)).Concat(Edited.Select(e => e.Id)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>What changed from <paramref name="oldList"/> to <paramref name="newList"/>. Pure.</summary>
    public static CatalogDiff Between(ReadingList oldList, ReadingList newList)
    {
        var before = Located.Of(oldList);
        var after = Located.Of(newList);
        var added = new List<DiffEntry>();
        var edited = new List<EditedEntry>();
        foreach (var (id, now) in after.InOrder)
        {
            if (!before.ById.TryGetValue(id, out var was))
            {
                added.Add(now.Describe());
                continue;
            }
            var fields = ChangedFields(was, now);
            if (fields.Count > 0) edited.Add(new EditedEntry(was.Describe(), now.Describe(), fields));
        }
        var removed = before.InOrder.Where(p => !after.ById.ContainsKey(p.Id)).Select(p => p.At.Describe()).ToList();
        return new CatalogDiff(added, removed, edited);
    }

    /// <summary>The fields in which an entry's two versions differ, as the moderator's fields and the list's links.</summary>
    public static IReadOnlyList<EntryField> ChangedFields(EntryFields was, EntryFields now)
    {
        var fields = new List<EntryField>();
        if (was.Title != now.Title) fields.Add(EntryField.Title);
        if (was.Url != now.Url) fields.Add(EntryField.Url);
        if (was.Year != now.Year) fields.Add(EntryField.Year);
        if (was.Note != now.Note) fields.Add(EntryField.Note);
        if (!string.Equals(was.Topic, now.Topic, StringComparison.Ordinal)) fields.Add(EntryField.Topic);
        return fields;
    }

    private static List<EntryField> ChangedFields(Placed was, Placed now)
    {
        var fields = ChangedFields(EntryFields.Of(was.Entry, was.Section), EntryFields.Of(now.Entry, now.Section)).ToList();
        // The primary link follows the title and URL, already compared; only the others count as links.
        if (!OtherLinks(was.Entry).SequenceEqual(OtherLinks(now.Entry))) fields.Add(EntryField.Links);
        fields.Sort();
        return fields;
    }

    private static IEnumerable<Link> OtherLinks(Entry entry) => entry.Links.Where(l => l.Url != entry.Url);

    private sealed record Placed(Entry Entry, Section Section)
    {
        public DiffEntry Describe() => new(Entry.Id, Entry.Title, Section.Topic.Key);
    }

    private sealed record Located(IReadOnlyList<(string Id, Placed At)> InOrder, IReadOnlyDictionary<string, Placed> ById)
    {
        public static Located Of(ReadingList list)
        {
            var inOrder = new List<(string, Placed)>();
            var byId = new Dictionary<string, Placed>(StringComparer.OrdinalIgnoreCase);
            foreach (var section in list.Sections)
            foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
            {
                // Ids are unique in an imported list; should one repeat, the first stands for it, as FindEntry finds it.
                var placed = new Placed(entry, section);
                if (byId.TryAdd(entry.Id, placed)) inOrder.Add((entry.Id, placed));
            }
            return new Located(inOrder, byId);
        }
    }
}
