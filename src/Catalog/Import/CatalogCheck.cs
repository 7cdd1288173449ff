using DltBot.Catalog.Model;

namespace DltBot.Catalog.Import;

/// <summary>Lists what a curator should look at: import problems, duplicate URLs, entries without a link.</summary>
public static class CatalogCheck
{
    public static IReadOnlyList<ImportProblem> Run(ImportResult imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var findings = new List<ImportProblem>(imported.Problems);
        findings.AddRange(DuplicateUrls(imported.List));
        findings.AddRange(EntriesWithoutLink(imported.List));
        return findings.OrderBy(f => f.Line).ToList();
    }

    private static IEnumerable<ImportProblem> DuplicateUrls(ReadingList list)
    {
        var firstSeen = new Dictionary<string, Entry>(StringComparer.Ordinal);
        foreach (var entry in list.AllEntries())
        {
            foreach (var url in entry.Links.Select(l => l.Url).Distinct(StringComparer.Ordinal))
            {
                var key = StableIds.NormalizeUrl(url);
                if (firstSeen.TryGetValue(key, out var first))
                {
                    if (!ReferenceEquals(first, entry))
                        yield return new ImportProblem(entry.Line, $"duplicate link {url}: also in \"{first.Title}\" at line {first.Line}");
                }
                else
                {
                    firstSeen[key] = entry;
                }
            }
        }
    }

    /// <summary>Numbered entries without a link of their own; sub-items are often commentary and need none.</summary>
    private static IEnumerable<ImportProblem> EntriesWithoutLink(ReadingList list) =>
        from section in list.Sections
        from entry in section.Entries
        where entry.Url is null
        let linkedChildren = entry.Children.SelectMany(c => c.SelfAndDescendants()).Count(c => c.Url is not null)
        select new ImportProblem(entry.Line, linkedChildren > 0
            ? $"entry {entry.Number} \"{entry.Title}\" in {section.Title} has no link of its own ({linkedChildren} of its sub-items have one)"
            : $"entry {entry.Number} \"{entry.Title}\" in {section.Title} has no link");
}
