using DltBot.Bot.Localization;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Commands;

/// <summary>
/// Entries by id with their section, and the lookups the commands need beyond search. A guild's index is layered over
/// the shared one (<see cref="Over"/>): it holds only the entries the guild changed and hides the ones it removed, so a
/// change costs the guild's changes, not a copy of the whole list's index.
/// </summary>
public sealed class CatalogIndex
{
    private static readonly IReadOnlySet<string> NothingHidden = new HashSet<string>();

    private readonly Dictionary<string, (Entry Entry, Section Section)> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Entry Entry, Section Section)> byUrl = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Entry Entry, Section Section)> byTitle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Entry Entry, Section Section)> byArxiv = new(StringComparer.OrdinalIgnoreCase);
    private readonly CatalogIndex? under;
    private readonly IReadOnlySet<string> hidden;
    private readonly Lazy<int> count;

    public CatalogIndex(ReadingList list)
        : this(list, list.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (e, s))), null, NothingHidden)
    {
    }

    private CatalogIndex(ReadingList list, IEnumerable<(Entry Entry, Section Section)> entries, CatalogIndex? under, IReadOnlySet<string> hidden)
    {
        List = list;
        this.under = under;
        this.hidden = hidden;
        // The shared index keeps the first of equal keys; a guild's layer keeps the last, the entry as it ends up.
        foreach (var (entry, section) in entries)
        {
            Put(byId, entry.Id, (entry, section), overwrite: under is not null);
            if (entry.Url is { } url)
            {
                Put(byUrl, url.TrimEnd('/'), (entry, section), under is not null);
                if (StableIds.ArxivId(url) is { } arxiv) Put(byArxiv, arxiv, (entry, section), under is not null);
            }
            if (entry.Title.Length > 0) Put(byTitle, entry.Title.Trim(), (entry, section), under is not null);
        }
        count = new Lazy<int>(() => All.Count());
    }

    /// <summary>
    /// The index of <paramref name="list"/>, made from this index's list by a guild's changes: the replaced entries are
    /// indexed here, the removed ids hidden, and everything else is looked up in this index.
    /// </summary>
    public CatalogIndex Over(ReadingList list, IEnumerable<(Entry Entry, Section Section)> replaced, IReadOnlySet<string> removed) =>
        new(list, replaced, this, removed);

    public ReadingList List { get; }

    public int EntryCount => count.Value;

    public IEnumerable<(Entry Entry, Section Section)> All => under is null
        ? byId.Values
        : byId.Values.Concat(under.All.Where(e => !hidden.Contains(e.Entry.Id) && !byId.ContainsKey(e.Entry.Id)));

    /// <summary>By id (any case), by a bare arXiv number, by the entry's URL, or by its exact title.</summary>
    public (Entry Entry, Section Section)? Find(string idOrUrl)
    {
        var wanted = idOrUrl.Trim();
        if (Lookup(i => i.byId, wanted) is { } found) return found;
        if (Lookup(i => i.byId, "arxiv:" + wanted) is { } arxiv) return arxiv;
        if (Lookup(i => i.byUrl, wanted.TrimEnd('/')) is { } url) return url;
        return Lookup(i => i.byTitle, wanted);
    }

    /// <summary>The entry whose link is this arXiv paper (any link form), whatever its id.</summary>
    public (Entry Entry, Section Section)? FindArxiv(string arxivId) => Lookup(i => i.byArxiv, arxivId);

    /// <summary>True when the id was ever used in this list, by a shown entry or a removed one: a new entry must not take it.</summary>
    public bool IsTaken(string id) => byId.ContainsKey(id) || hidden.Contains(id) || under?.IsTaken(id) == true;

    public Section SectionOf(Entry entry) => Lookup(i => i.byId, entry.Id)!.Value.Section;

    /// <summary>The section of the entry with exactly this id (sub-items included), or null.</summary>
    public Section? SectionOf(string id) => Lookup(i => i.byId, id)?.Section;

    /// <summary>This layer's entry for the key, else the shared one unless the guild removed or replaced it.</summary>
    private (Entry Entry, Section Section)? Lookup(Func<CatalogIndex, Dictionary<string, (Entry Entry, Section Section)>> map, string key)
    {
        if (map(this).TryGetValue(key, out var found)) return found;
        if (under is null || under.Lookup(map, key) is not { } shared) return null;
        return hidden.Contains(shared.Entry.Id) || byId.ContainsKey(shared.Entry.Id) ? null : shared;
    }

    private static void Put(Dictionary<string, (Entry, Section)> map, string key, (Entry, Section) value, bool overwrite)
    {
        if (overwrite) map[key] = value;
        else map.TryAdd(key, value);
    }

    public static string TopicName(Section section, Language language)
    {
        var preferred = language == Language.Chinese ? section.Topic.Chinese : section.Topic.English;
        var other = language == Language.Chinese ? section.Topic.English : section.Topic.Chinese;
        return FirstNonEmpty(preferred, other, section.Title);
    }

    public static string OtherTopicName(Section section, Language language) =>
        TopicName(section, language == Language.Chinese ? Language.English : Language.Chinese);

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? "";
}
