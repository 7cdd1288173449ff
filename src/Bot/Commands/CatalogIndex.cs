using DltBot.Bot.Localization;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Commands;

/// <summary>Entries by id with their section, and the lookups the commands need beyond search.</summary>
public sealed class CatalogIndex
{
    private readonly Dictionary<string, (Entry Entry, Section Section)> byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Entry Entry, Section Section)> byUrl = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (Entry Entry, Section Section)> byTitle = new(StringComparer.OrdinalIgnoreCase);

    public CatalogIndex(ReadingList list)
    {
        List = list;
        foreach (var section in list.Sections)
        foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
        {
            byId.TryAdd(entry.Id, (entry, section));
            if (entry.Url is not null) byUrl.TryAdd(entry.Url.TrimEnd('/'), (entry, section));
            if (entry.Title.Length > 0) byTitle.TryAdd(entry.Title.Trim(), (entry, section));
        }
    }

    public ReadingList List { get; }

    public int EntryCount => byId.Count;

    public IEnumerable<(Entry Entry, Section Section)> All => byId.Values;

    /// <summary>By id (any case), by a bare arXiv number, by the entry's URL, or by its exact title.</summary>
    public (Entry Entry, Section Section)? Find(string idOrUrl)
    {
        var wanted = idOrUrl.Trim();
        if (byId.TryGetValue(wanted, out var found)) return found;
        if (byId.TryGetValue("arxiv:" + wanted, out found)) return found;
        if (byUrl.TryGetValue(wanted.TrimEnd('/'), out found)) return found;
        if (byTitle.TryGetValue(wanted, out found)) return found;
        return null;
    }

    public Section SectionOf(Entry entry) => byId[entry.Id].Section;

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
