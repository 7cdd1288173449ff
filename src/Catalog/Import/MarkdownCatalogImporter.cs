using System.Text;
using DltBot.Catalog.Model;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DltBot.Catalog.Import;

/// <summary>Something the importer could not understand, or a finding of <c>catalog check</c>.</summary>
/// <param name="Line">1-based source line.</param>
public sealed record ImportProblem(int Line, string Message);

public sealed record ImportResult(ReadingList List, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Pure function from awesome-list Markdown to a <see cref="ReadingList"/>. Markdig reads the structure (headings, lists,
/// items, tables) after <see cref="SeedFixups"/> has repaired, line for line, what the seed list meant but CommonMark
/// reads otherwise. Every source line is then given to exactly one owner (the header, a section, an item, or the text an
/// item has after its sub-items), so an unchanged list exports byte for byte.
/// </summary>
public static class MarkdownCatalogImporter
{
    public static ImportResult Import(string markdown, TopicDirectory? topics = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        topics ??= TopicDirectory.Default;
        var lines = SourceLine.Split(markdown).ToList();
        var (fixedLines, fixupProblems) = SeedFixups.Apply(lines);
        var text = string.Join('\n', fixedLines);
        var reader = new DocumentReader(lines, text);
        reader.Problems.AddRange(fixupProblems);
        reader.Read(CatalogMarkdown.Parse(text));
        return reader.Build(topics);
    }

    /// <summary>One line as written; <see cref="Raw"/> keeps its line ending.</summary>
    internal sealed record SourceLine(int Number, string Text, string Raw)
    {
        public bool IsBlank => string.IsNullOrWhiteSpace(Text);
        public int Indent => Text.Length - Text.TrimStart(' ').Length;

        public static IEnumerable<SourceLine> Split(string markdown)
        {
            var start = 0;
            var number = 1;
            while (start < markdown.Length)
            {
                var newline = markdown.IndexOf('\n', start);
                var end = newline < 0 ? markdown.Length : newline + 1;
                var raw = markdown[start..end];
                yield return new SourceLine(number++, raw.TrimEnd('\n').TrimEnd('\r').Replace("\t", "    "), raw);
                start = end;
            }
        }
    }

    /// <summary>The lines one owner keeps, in order.</summary>
    private sealed class Sink : List<SourceLine>;

    /// <summary>From <see cref="Line"/> (0-based) on, lines go to <see cref="Sink"/> until the next claim.</summary>
    private sealed class Claim(int line, Sink sink)
    {
        public int Line { get; } = line;
        public Sink Sink { get; set; } = sink;
    }

    private sealed class ItemBuilder(int line)
    {
        public int Line { get; } = line; // 0-based
        public Sink Own { get; } = [];
        public Sink Trailing { get; } = [];
        public List<Claim> TrailingClaims { get; } = [];
        public List<ItemBuilder> Children { get; } = [];

        public ItemBuilder DeepestLast() => Children.Count == 0 ? this : Children[^1].DeepestLast();
    }

    private sealed class SectionBuilder(int line, string heading, string group, Sink? prefix)
    {
        public int Line { get; } = line; // 0-based
        public string Heading { get; } = heading;
        public string Group { get; } = group;
        public Sink? Prefix { get; } = prefix;
        public Sink Own { get; } = [];
        public List<ItemBuilder> Entries { get; } = [];
        public string Title => Section.TitleUnder(Group, Heading);
    }

    /// <summary>A heading and the top-level blocks under it, up to the next heading.</summary>
    private sealed record Part(HeadingBlock Heading, List<Block> Blocks)
    {
        public bool HasItems => Blocks.Any(b => b is ListBlock or Table);
        public bool IsTableOfContents => Blocks.OfType<ListBlock>().Any() && !Blocks.OfType<Table>().Any()
            && Blocks.OfType<ListBlock>().All(TableOfContents.Is);
    }

    private sealed class DocumentReader(IReadOnlyList<SourceLine> lines, string text)
    {
        private readonly Sink _header = [];
        private readonly List<Claim> _claims = [];
        private readonly List<SectionBuilder> _sections = [];
        private readonly List<ImportProblem> _interpretations = [];
        private Sink? _footer;
        private Sink? _pending; // lines of skipped or grouping headings, kept with the next section's source

        public List<ImportProblem> Problems { get; } = [];

        public void Read(MarkdownDocument document)
        {
            _claims.Add(new Claim(0, _header));
            var blocks = document.ToList();
            var first = blocks.FindIndex(b => b is HeadingBlock);
            // The first level-1 heading before any other heading is the list's title, and part of the header.
            if (first >= 0 && blocks[first] is HeadingBlock { Level: 1 }) first = blocks.FindIndex(first + 1, b => b is HeadingBlock);
            if (first < 0) return;

            var parts = new List<Part>();
            foreach (var block in blocks.Skip(first))
            {
                if (block is HeadingBlock heading) parts.Add(new Part(heading, []));
                else parts[^1].Blocks.Add(block);
            }
            var groups = new List<(int Level, string Title)>();
            for (var i = 0; i < parts.Count; i++)
            {
                var part = parts[i];
                var title = BlockText.HeadingTitle(text, part.Heading);
                while (groups.Count > 0 && groups[^1].Level >= part.Heading.Level) groups.RemoveAt(groups.Count - 1);
                if (part.IsTableOfContents && (i + 1 < parts.Count || _sections.Count == 0))
                {
                    Note(FirstLine(part.Heading), $"\"{title}\" lists only links into the page; read as a table of contents, not entries");
                    if (_sections.Count > 0 || _pending is not null || groups.Count > 0) ClaimPending(FirstLine(part.Heading));
                    continue; // before the first section it stays in the header
                }
                if (!part.HasItems && i + 1 < parts.Count && parts[i + 1].Heading.Level > part.Heading.Level)
                {
                    Note(FirstLine(part.Heading), $"\"{title}\" has no items of its own; it groups the headings under it");
                    ClaimPending(FirstLine(part.Heading));
                    groups.Add((part.Heading.Level, title));
                    continue;
                }
                var section = new SectionBuilder(FirstLine(part.Heading), title, string.Join(Section.PathSeparator, groups.Select(g => g.Title)), _pending);
                _pending = null;
                _sections.Add(section);
                _claims.Add(new Claim(FirstLine(part.Heading), section.Own));
                ReadSection(section, part.Blocks);
            }
        }

        private int FirstLine(Block block) => BlockText.FirstLine(text, block);

        private void ClaimPending(int line)
        {
            _pending ??= [];
            _claims.Add(new Claim(line, _pending));
        }

        private void Note(int line, string message) => _interpretations.Add(new ImportProblem(line + 1, message));

        private void ReadSection(SectionBuilder section, List<Block> blocks)
        {
            Block? previous = null;
            foreach (var block in blocks)
            {
                switch (block)
                {
                    case ListBlock { IsOrdered: false, BulletType: '+' } list when previous is ListBlock { IsOrdered: true } && section.Entries.Count > 0:
                        // The seed's '+' marks sub-items; one that lost its indentation still belongs to the entry above.
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            Problems.Add(new ImportProblem(FirstLine(item) + 1, "sub-item marker is not indented; read as a sub-item of the entry above"));
                            ReadItem(AddChild(section.Entries[^1], FirstLine(item)), item);
                        }
                        break;
                    case ListBlock list:
                        foreach (var item in list.OfType<ListItemBlock>())
                        {
                            var entry = NewItem(FirstLine(item));
                            section.Entries.Add(entry);
                            ReadItem(entry, item);
                        }
                        break;
                    case Table table:
                        var rows = table.OfType<TableRow>().Where(r => !r.IsHeader).ToList();
                        if (rows.Count > 0)
                            Note(FirstLine(table), $"table of {rows.Count} row(s) read as entries, one per row");
                        foreach (var row in rows)
                            section.Entries.Add(NewItem(FirstLine(row)));
                        break;
                    default:
                        if (section.Entries.Count == 0) break; // text before the first entry is the section's intro
                        if (block is ParagraphBlock links && OnlyPageLinks(links))
                        {
                            ClaimPending(FirstLine(block)); // "⬆ back to top": page furniture, kept before the next section
                            break;
                        }
                        // Text after the entries at the margin: CommonMark ends the list here, but it still describes the
                        // entry above, and keeping it there keeps every line in its place.
                        var last = section.Entries[^1];
                        var claim = new Claim(FirstLine(block), last.Children.Count > 0 ? last.Trailing : last.Own);
                        _claims.Add(claim);
                        if (last.Children.Count > 0) last.TrailingClaims.Add(claim);
                        if (block is ParagraphBlock)
                            Problems.Add(new ImportProblem(FirstLine(block) + 1, $"paragraph is not indented under the entry at line {last.Line + 1}; kept with that entry"));
                        break;
                }
                previous = block;
            }
        }

        /// <summary>"⬆ back to top" and the like: nothing a reader would miss under the entry.</summary>
        private static bool OnlyPageLinks(ParagraphBlock paragraph)
        {
            var links = paragraph.Inline?.Descendants<LinkInline>().ToList() ?? [];
            return links.Count > 0 && links.All(l => (l.Url ?? "").StartsWith('#'));
        }

        private void ReadItem(ItemBuilder item, ListItemBlock block)
        {
            var afterSubItems = false;
            foreach (var child in block)
            {
                if (child is ListBlock list)
                {
                    foreach (var sub in list.OfType<ListItemBlock>())
                    {
                        // An item opening on its parent's line ("- - x") has no line of its own to keep.
                        if (FirstLine(sub) <= item.Line) ReadItem(item, sub);
                        else ReadItem(AddChild(item, FirstLine(sub)), sub);
                    }
                    afterSubItems = true;
                }
                else if (afterSubItems)
                {
                    var claim = new Claim(FirstLine(child), item.Trailing);
                    _claims.Add(claim);
                    item.TrailingClaims.Add(claim);
                }
            }
        }

        private ItemBuilder NewItem(int line)
        {
            var item = new ItemBuilder(line);
            _claims.Add(new Claim(line, item.Own));
            return item;
        }

        private ItemBuilder AddChild(ItemBuilder parent, int line)
        {
            if (parent.TrailingClaims.Count > 0)
            {
                // Text between two sub-items: an item keeps its own text before its children, so the text goes with the
                // sub-item above it, which keeps every line in its place.
                var above = parent.DeepestLast();
                foreach (var claim in parent.TrailingClaims) claim.Sink = above.Own;
                Problems.Add(new ImportProblem(parent.TrailingClaims[0].Line + 1,
                    $"text between sub-items of the entry at line {parent.Line + 1}; kept with the sub-item at line {above.Line + 1}"));
                parent.TrailingClaims.Clear();
            }
            var child = NewItem(line);
            parent.Children.Add(child);
            return child;
        }

        public ImportResult Build(TopicDirectory topics)
        {
            AssignLines();
            if (_pending is { Count: > 0 } pending) KeepTrailingPending(pending);
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var sections = new List<Section>();
            foreach (var s in _sections)
            {
                var topic = topics.ForHeading(s.Title);
                var entries = s.Entries.Select(e => BuildEntry(e, topic, taken)).ToList();
                var source = (s.Prefix is null ? "" : Concat(s.Prefix)) + Concat(s.Own);
                var (_, intro) = BlockText.ReadSection(source);
                sections.Add(new Section(s.Title, topic, entries, s.Line + 1, intro, source, s.Group));
            }
            var header = Concat(_header);
            var (listTitle, preamble) = BlockText.ReadHeader(header);
            if (_sections.Count == 0 && _header.Any(l => !l.IsBlank))
                Problems.Add(new ImportProblem(1, "no section heading found; the list has no sections"));
            var list = new ReadingList(listTitle, preamble, sections, header) 
            {
                Interpretations = _interpretations.OrderBy(p => p.Line).ToList(),
                FooterSource = _footer is null ? null : Concat(_footer),
            };
            return new ImportResult(list, Problems.OrderBy(p => p.Line).ToList());
        }

        /// <summary>
        /// Lines kept for a next section that never came: a table of contents at the very end is a section after all;
        /// a closing "back to top" is the list's footer.
        /// </summary>
        private void KeepTrailingPending(Sink pending)
        {
            if (pending.Any(l => l.Text.TrimStart().StartsWith('#')))
            {
                var (title, _) = BlockText.ReadSection(Concat(pending));
                var section = new SectionBuilder(pending[0].Number - 1, title, "", null);
                section.Own.AddRange(pending);
                _sections.Add(section);
            }
            else if (_sections.Count == 0) _header.AddRange(pending);
            else _footer = pending;
        }

        /// <summary>Every line goes to the owner of the last claim at or before it.</summary>
        private void AssignLines()
        {
            var claims = _claims.OrderBy(c => c.Line).ToList(); // stable: a later claim on the same line wins
            var next = 0;
            Sink sink = _header;
            for (var i = 0; i < lines.Count; i++)
            {
                while (next < claims.Count && claims[next].Line <= i) sink = claims[next++].Sink;
                sink.Add(lines[i]);
            }
        }

        private Entry BuildEntry(ItemBuilder item, Topic topic, ISet<string> taken)
        {
            var source = Concat(item.Own);
            var trailing = item.Trailing.Count > 0 ? Concat(item.Trailing) : null;
            var parsed = ItemText.Parse(source.Length > 0 ? source : "\n", trailing, item.Line + 1, item.Trailing.FirstOrDefault()?.Number ?? 0);
            Problems.AddRange(parsed.Problems);
            if (parsed.Title.Length == 0)
                Problems.Add(new ImportProblem(item.Line + 1, "item has no title text"));
            var id = StableIds.MakeUnique(StableIds.ForEntry(parsed.Url, topic.English, parsed.Title), taken);
            var children = item.Children.Select(c => BuildEntry(c, topic, taken)).ToList();
            return new Entry(id, parsed.Number, parsed.Title, parsed.Url, parsed.Links, parsed.Year, parsed.Description,
                children, item.Line + 1, source, parsed.Prefix, trailing);
        }

        private static string Concat(IEnumerable<SourceLine> lines)
        {
            var sb = new StringBuilder();
            foreach (var line in lines) sb.Append(line.Raw);
            return sb.ToString();
        }
    }
}
