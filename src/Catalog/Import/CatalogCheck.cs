using DltBot.Catalog.Model;

namespace DltBot.Catalog.Import;

/// <summary>
/// Lists what a curator should look at: import problems, duplicate URLs, entries without a link, a number used twice in
/// one section, characters the encoding damage lost (U+FFFD), and what the importer had to interpret (a table of contents
/// skipped, a heading read as a group, table rows read as entries).
/// </summary>
public static class CatalogCheck
{
    public static IReadOnlyList<ImportProblem> Run(ImportResult imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var findings = new List<ImportProblem>(imported.Problems);
        findings.AddRange(imported.List.Interpretations);
        findings.AddRange(DuplicateUrls(imported.List));
        findings.AddRange(EntriesWithoutLink(imported.List));
        findings.AddRange(RepeatedNumbers(imported.List));
        findings.AddRange(LostCharacters(imported.List));
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
            ? $"entry {entry.Number} \"{entry.Title}\" in {section.Title} has no link of its own ({linkedChildren} of its sub-items {(linkedChildren == 1 ? "has" : "have")} one)"
            : $"entry {entry.Number} \"{entry.Title}\" in {section.Title} has no link");

    private static IEnumerable<ImportProblem> RepeatedNumbers(ReadingList list) =>
        from section in list.Sections
        from repeated in section.Entries.Where(e => e.Number.Length > 0).GroupBy(e => e.Number).Where(g => g.Count() > 1)
        from entry in repeated.Skip(1)
        select new ImportProblem(entry.Line, $"number {entry.Number} is used twice in {section.Title}; first at line {repeated.First().Line}");

    private static IEnumerable<ImportProblem> LostCharacters(ReadingList list)
    {
        var sources = new List<(int Line, string? Text)> { (1, list.HeaderSource) };
        foreach (var section in list.Sections)
        {
            // A section's source can start with the headings that group it; its line is that of its own heading.
            sources.Add((section.Source is null ? section.Line : section.Line - BlockText.OwnHeadingLine(section.Source), section.Source));
            foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
            {
                sources.Add((entry.Line, entry.Source));
                if (entry.TrailingSource is not null)
                    sources.Add((entry.Line, entry.TrailingSource)); // reported at the entry: its trailing line is not kept
            }
        }
        foreach (var (first, text) in sources)
        {
            if (text is null) continue;
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
                if (lines[i].Contains('\uFFFD'))
                    yield return new ImportProblem(first + i,
                        $"{lines[i].Count(c => c == '\uFFFD')} character(s) lost to encoding damage (U+FFFD)");
        }
    }
}
