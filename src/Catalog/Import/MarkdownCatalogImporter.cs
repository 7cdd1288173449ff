using System.Text;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Import;

/// <summary>Something the importer could not understand, or a finding of <c>catalog check</c>.</summary>
/// <param name="Line">1-based source line.</param>
public sealed record ImportProblem(int Line, string Message);

public sealed record ImportResult(ReadingList List, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Pure function from the awesome-list Markdown to a <see cref="ReadingList"/>. The structure pass is line-aware rather
/// than a CommonMark walk because the list's intent differs from CommonMark in places (a sub-item whose '+' was left out,
/// URLs wrapped across lines); every line ends up owned by exactly one header, section or item, so export can be exact.
/// </summary>
public static class MarkdownCatalogImporter
{
    public static ImportResult Import(string markdown, TopicDirectory? topics = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        topics ??= TopicDirectory.Default;
        var builder = new StructureBuilder();
        foreach (var line in SourceLine.Split(markdown)) builder.Add(line);
        return builder.Build(topics);
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

    private sealed class ItemBuilder(ListMarker marker, int depth, SourceLine first)
    {
        public ListMarker Marker { get; } = marker;
        public int Depth { get; } = depth;
        public int Line { get; } = first.Number;
        public List<SourceLine> Own { get; } = [first];
        public List<SourceLine> Trailing { get; } = [];
        public List<ItemBuilder> Children { get; } = [];
        public bool HasChildren => Children.Count > 0;
    }

    private sealed class SectionBuilder(SourceLine heading, string title)
    {
        public SourceLine Heading { get; } = heading;
        public string Title { get; } = title;
        public List<SourceLine> Intro { get; } = [];
        public List<ItemBuilder> Entries { get; } = [];
    }

    private sealed class StructureBuilder
    {
        private readonly List<SourceLine> _header = [];
        private readonly List<SectionBuilder> _sections = [];
        private readonly List<ItemBuilder> _open = [];
        private readonly List<ImportProblem> _problems = [];
        private string? _title;
        private List<SourceLine> _sink;
        private bool _previousBlank;

        public StructureBuilder() => _sink = _header;

        public void Add(SourceLine line)
        {
            var heading = BlockText.MatchHeading(line.Text);
            if (heading.Success) AddHeading(line, heading.Groups[1].Length, heading.Groups[2].Value.Trim());
            else if (line.IsBlank) _sink.Add(line);
            else if (_sections.Count == 0) _header.Add(line);
            else if (ListMarker.Parse(line.Text) is { } marker) AddItem(line, marker);
            else AddText(line);
            _previousBlank = line.IsBlank;
        }

        private void AddHeading(SourceLine line, int level, string text)
        {
            if (level == 1 && _title is null && _sections.Count == 0)
            {
                _title = text;
                _header.Add(line);
                return;
            }
            var section = new SectionBuilder(line, text);
            _sections.Add(section);
            _open.Clear();
            _sink = section.Intro;
        }

        private void AddItem(SourceLine line, ListMarker marker)
        {
            var section = _sections[^1];
            if (marker.Kind == MarkerKind.Numbered && marker.Indent <= 3 || _open.Count == 0)
            {
                if (marker.Indent > 3)
                    _problems.Add(new ImportProblem(line.Number, "indented list item with no entry above it; read as an entry"));
                var entry = new ItemBuilder(marker, 0, line);
                section.Entries.Add(entry);
                _open.Clear();
                _open.Add(entry);
                _sink = entry.Own;
                return;
            }
            // A '+' (or nested number) that lost its indentation still belongs to the entry above it.
            if (marker.Indent <= 3)
                _problems.Add(new ImportProblem(line.Number, "sub-item marker is not indented; read as a sub-item of the entry above"));
            AddChild(line, marker);
        }

        private void AddChild(SourceLine line, ListMarker marker)
        {
            while (_open.Count > 1 && _open[^1].Marker.Indent >= marker.Indent) _open.RemoveAt(_open.Count - 1);
            var parent = _open[^1];
            if (parent.Trailing.Count > 0)
            {
                // Text between two sub-items: the model keeps an item's own text before its children, so the text goes
                // with the sub-item above it, which keeps every line in its place.
                var last = parent.Children[^1];
                while (last.HasChildren) last = last.Children[^1];
                last.Own.AddRange(parent.Trailing);
                _problems.Add(new ImportProblem(parent.Trailing.First(l => !l.IsBlank).Number,
                    $"text between sub-items of the entry at line {parent.Line}; kept with the sub-item at line {last.Line}"));
                parent.Trailing.Clear();
            }
            var child = new ItemBuilder(marker, parent.Depth + 1, line);
            parent.Children.Add(child);
            _open.Add(child);
            _sink = child.Own;
        }

        private void AddText(SourceLine line)
        {
            if (_open.Count == 0)
            {
                _sink.Add(line);
                return;
            }
            var current = _open[^1];
            if (!_previousBlank && current.Depth > 0 && current.Marker.Kind != MarkerKind.Numbered
                && line.Indent == current.Marker.Indent && _sink == current.Own && StartsLikeAnItem(line.Text.TrimStart()))
            {
                // Same indentation as the '+' sibling above and not a wrapped line: the author left out the marker.
                _problems.Add(new ImportProblem(line.Number, "sub-item has no '+' marker; read as a sub-item"));
                AddChild(line, ListMarker.Missing(line.Text));
                return;
            }
            if (!_previousBlank)
            {
                _sink.Add(line); // a wrapped (lazy) continuation line
                return;
            }
            // After a blank line a paragraph belongs to the deepest open item it is indented under.
            var owner = _open.LastOrDefault(i => i.Marker.ContentColumn <= line.Indent);
            if (owner is null)
            {
                owner = _open[0];
                _problems.Add(new ImportProblem(line.Number, $"paragraph is not indented under the entry at line {owner.Line}; kept with that entry"));
            }
            while (_open[^1] != owner) _open.RemoveAt(_open.Count - 1);
            _sink = owner.HasChildren ? owner.Trailing : owner.Own;
            _sink.Add(line);
        }

        /// <summary>A wrapped sentence goes on in lower case; an item starts with a capital, a digit, CJK or a link.</summary>
        private static bool StartsLikeAnItem(string text) =>
            text.Length > 0 && (char.IsUpper(text[0]) || char.IsDigit(text[0]) || text[0] == '[' || InlineScanner.IsWide(text[0]));

        public ImportResult Build(TopicDirectory topics)
        {
            var taken = new HashSet<string>(StringComparer.Ordinal);
            var sections = new List<Section>();
            foreach (var s in _sections)
            {
                var topic = topics.ForHeading(s.Title);
                var entries = s.Entries.Select(e => BuildEntry(e, topic, taken)).ToList();
                var source = Concat([s.Heading, .. s.Intro]);
                var (_, intro) = BlockText.ReadSection(source);
                sections.Add(new Section(s.Title, topic, entries, s.Heading.Number, intro, source));
            }
            var header = Concat(_header);
            var (title, preamble) = BlockText.ReadHeader(header);
            if (_sections.Count == 0 && _header.Any(l => !l.IsBlank))
                _problems.Add(new ImportProblem(1, "no '## ' section heading found; the list has no sections"));
            var list = new ReadingList(title, preamble, sections, header);
            return new ImportResult(list, _problems.OrderBy(p => p.Line).ToList());
        }

        private Entry BuildEntry(ItemBuilder item, Topic topic, ISet<string> taken)
        {
            var source = Concat(item.Own);
            var trailing = item.Trailing.Count > 0 ? Concat(item.Trailing) : null;
            var parsed = ItemText.Parse(source, trailing, item.Line, item.Trailing.FirstOrDefault()?.Number ?? 0);
            _problems.AddRange(parsed.Problems);
            if (parsed.Title.Length == 0)
                _problems.Add(new ImportProblem(item.Line, "item has no title text"));
            var id = StableIds.MakeUnique(StableIds.ForEntry(parsed.Url, topic.English, parsed.Title), taken);
            var children = item.Children.Select(c => BuildEntry(c, topic, taken)).ToList();
            return new Entry(id, parsed.Number, parsed.Title, parsed.Url, parsed.Links, parsed.Year, parsed.Description,
                children, item.Line, source, parsed.Prefix, trailing);
        }

        private static string Concat(IEnumerable<SourceLine> lines)
        {
            var sb = new StringBuilder();
            foreach (var line in lines) sb.Append(line.Raw);
            return sb.ToString();
        }

    }
}
