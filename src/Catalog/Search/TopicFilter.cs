using System.Runtime.CompilerServices;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>Finds the section a topic filter means, by any of its names or aliases in either language.</summary>
internal static class TopicFilter
{
    public static Section? Resolve(ReadingList list, string name, SearchAliases aliases)
    {
        var wanted = SearchAliases.Normalize(name);
        return TopicLookup.Find(list, name)
            ?? FindByName(list, wanted)
            ?? aliases.Expand(wanted).Select(form => TopicLookup.Find(list, form) ?? FindByName(list, form)).FirstOrDefault(s => s is not null);
    }

    /// <summary>Topic names close to an unknown one, for "did you mean".</summary>
    public static IReadOnlyList<string> Suggest(ReadingList list, string name, int max = 3) =>
        TopicLookup.Suggest(list, name, max) is { Count: > 0 } found ? found : Closest(list, name, max);

    private static List<string> Closest(ReadingList list, string name, int max)
    {
        var wanted = SearchAliases.Normalize(name);
        return list.Sections
            .Select(s => (Section: s, Distance: Names(s).Min(n => Distance(wanted, n))))
            .Where(x => x.Distance <= Math.Max(2, wanted.Length / 3))
            .OrderBy(x => x.Distance)
            .Select(x => DisplayName(x.Section))
            .Distinct()
            .Take(max)
            .ToList();
    }

    /// <summary>Topics whose names relate to the words of a query (by alias, containment or a small typo).</summary>
    public static IEnumerable<string> Related(ReadingList list, string text, SearchAliases aliases) =>
        NamedBy(list, text, aliases).Select(DisplayName);

    /// <summary>The sections a query's words name, by any of their names or aliases, containment or a small typo.</summary>
    public static IEnumerable<Section> NamedBy(ReadingList list, string text, SearchAliases aliases)
    {
        var query = SearchAliases.Normalize(text);
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var forms = words.Append(query).SelectMany(aliases.Expand).ToHashSet(StringComparer.Ordinal);
        foreach (var section in list.Sections)
        {
            var names = Names(section);
            var related = names.Any(n => forms.Contains(n) || (n.Length >= 2 && query.Contains(n, StringComparison.Ordinal)))
                || words.Any(w => w.Length >= 4 && NameWords(section).Any(part => Levenshtein.AtMost(part, w, 2)));
            if (related)
                yield return section;
        }
    }

    private static Section? FindByName(ReadingList list, string wanted) =>
        list.Sections.FirstOrDefault(s => Names(s).Contains(wanted));

    // Sections are immutable and few; their normalized names are asked for on every query that finds nothing.
    private static readonly ConditionalWeakTable<Section, string[]> NamesOf = new();
    private static readonly ConditionalWeakTable<Section, string[]> NameWordsOf = new();

    private static string[] Names(Section section) => NamesOf.GetValue(section, s =>
        new[] { s.Title, s.Topic.Key, s.Topic.English, s.Topic.Chinese }
            .Concat(s.Topic.Aliases)
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(SearchAliases.Normalize)
            .ToArray());

    private static string[] NameWords(Section section) =>
        NameWordsOf.GetValue(section, s => Names(s).SelectMany(n => n.Split(' ')).Distinct(StringComparer.Ordinal).ToArray());

    private static string DisplayName(Section section) =>
        !string.IsNullOrWhiteSpace(section.Topic.English) ? section.Topic.English : section.Title.Trim();

    private static int Distance(string a, string b) =>
        b.StartsWith(a, StringComparison.Ordinal) && a.Length >= 2 ? 1 : Levenshtein.Distance(a, b);
}
