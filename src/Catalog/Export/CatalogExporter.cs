using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DltBot.Catalog.Import;
using DltBot.Catalog.Json;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Export;

/// <summary>
/// Markdown export is the inverse of import: every part whose fields still match its source is written as it was read,
/// byte for byte; a changed or new part is rendered from its fields. JSON export follows the schema in the README.
/// </summary>
public static partial class CatalogExporter
{
    public static string ToMarkdown(ReadingList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var sb = new StringBuilder();
        if (list.HeaderSource is { } header && HeaderMatches(list, header)) sb.Append(header);
        else if (list.Title.Length > 0 || list.Preamble.Length > 0) AppendRenderedHeader(sb, list);

        foreach (var section in list.Sections)
        {
            if (section.Source is { } source && SectionMatches(section, source)) AppendSource(sb, source);
            else AppendRenderedSection(sb, section);
            foreach (var entry in section.Entries) AppendEntry(sb, entry, depth: 0);
        }
        if (list.FooterSource is { } footer) AppendSource(sb, footer);
        return sb.ToString();
    }

    /// <summary>
    /// Indented UTF-8 JSON, CJK and emoji unescaped:
    /// <code>
    /// { "title": string,
    ///   "sections": [ { "title": string (heading as written),
    ///                   "topic": { "key": string, "english": string, "chinese": string, "aliases": [string] },
    ///                   "entries": [ Entry ] } ] }
    /// Entry = { "id": string, "number": string ("" when none), "title": string, "url": string | null,
    ///           "links": [ { "text": string, "url": string } ] (primary first), "year": number | null,
    ///           "description": string, "line": number (1-based), "children": [ Entry ] }
    /// </code>
    /// </summary>
    public static string ToJson(ReadingList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var document = new JsonReadingList(list.Title, list.Sections.Select(s => new JsonSection(
            s.Title,
            new JsonTopic(s.Topic.Key, s.Topic.English, s.Topic.Chinese, s.Topic.Aliases),
            s.Entries.Select(ToJsonEntry).ToList())).ToList());
        return UnescapeSurrogatePairs(JsonSerializer.Serialize(document, CatalogJsonContext.Export.JsonReadingList));
    }

    /// <summary>
    /// The relaxed encoder still writes characters outside the BMP (emoji) as <c>\uD83D\uDD25</c>; the file is UTF-8,
    /// so they are written as themselves. An escaped backslash before the <c>u</c> is left alone.
    /// </summary>
    private static string UnescapeSurrogatePairs(string json) =>
        EscapedSurrogatePair().Replace(json, m => string.Concat(
            (char)Convert.ToInt32(m.Groups[1].Value, 16), (char)Convert.ToInt32(m.Groups[2].Value, 16)));

    [GeneratedRegex(@"(?<=(?:^|[^\\])(?:\\\\)*)\\u(D[89AB][0-9A-F]{2})\\u(D[C-F][0-9A-F]{2})", RegexOptions.IgnoreCase)]
    private static partial Regex EscapedSurrogatePair();

    private static JsonEntry ToJsonEntry(Entry e) =>
        new(e.Id, e.Number, e.Title, e.Url, e.Links.Select(l => new JsonLink(l.Text, l.Url)).ToList(), e.Year,
            e.Description, e.Line, e.Children.Select(ToJsonEntry).ToList());

    private static void AppendEntry(StringBuilder sb, Entry entry, int depth)
    {
        var unchanged = entry.Source is { } source && EntryMatches(entry, source);
        if (unchanged) AppendSource(sb, entry.Source!);
        else
        {
            AppendRenderedEntry(sb, entry, depth);
            sb.Append('\n', TrailingBlankLines(entry.Source)); // keeps the list's spacing around an edited entry
        }
        foreach (var child in entry.Children) AppendEntry(sb, child, depth + 1);
        if (unchanged && entry.TrailingSource is { } trailing) AppendSource(sb, trailing);
    }

    private static int TrailingBlankLines(string? source)
    {
        if (source is null) return 0;
        var lines = source.Replace("\r\n", "\n").Split('\n');
        return lines.Reverse().Skip(1).TakeWhile(string.IsNullOrWhiteSpace).Count(); // Skip: the text after the last '\n'
    }

    /// <summary>The source still says what the fields say when reading it again gives the same fields.</summary>
    private static bool EntryMatches(Entry entry, string source)
    {
        var parsed = ItemText.Parse(source, entry.TrailingSource, entry.Line);
        return parsed.Number == entry.Number && parsed.Prefix == entry.Prefix && parsed.Title == entry.Title
            && parsed.Url == entry.Url && parsed.Year == entry.Year && parsed.Description == entry.Description
            && parsed.Links.SequenceEqual(entry.Links);
    }

    private static bool HeaderMatches(ReadingList list, string header) =>
        BlockText.ReadHeader(header) == (list.Title, list.Preamble);

    private static bool SectionMatches(Section section, string source) =>
        BlockText.ReadSection(source) is var (heading, intro) && (Section.TitleUnder(section.Group, heading), intro) == (section.Title, section.Intro);

    private static void AppendSource(StringBuilder sb, string source)
    {
        EnsureLineStart(sb);
        sb.Append(source);
    }

    private static void EnsureLineStart(StringBuilder sb)
    {
        if (sb.Length > 0 && sb[^1] != '\n') sb.Append('\n');
    }

    private static void AppendRenderedHeader(StringBuilder sb, ReadingList list)
    {
        if (list.Title.Length > 0) sb.Append("# ").Append(list.Title).Append('\n');
        if (list.Preamble.Length > 0) sb.Append(list.Preamble).Append('\n');
    }

    private static void AppendRenderedSection(StringBuilder sb, Section section)
    {
        EnsureLineStart(sb);
        sb.Append("## ").Append(section.Title).Append('\n');
        if (section.Intro.Length > 0) sb.Append(section.Intro).Append('\n');
    }

    /// <summary>Writes an entry from its fields in the list's own style, so that importing it gives the fields back.</summary>
    private static void AppendRenderedEntry(StringBuilder sb, Entry entry, int depth)
    {
        EnsureLineStart(sb);
        var indent = new string(' ', 4 * depth);
        var marker = (depth, entry.Number) switch
        {
            (0, "") => "- ",
            (0, var n) => $"{n}. ",
            (_, "") => "+ ",
            (_, var n) when n.Contains('.') => $"+ {n} ",
            (_, var n) => $"{n}. ",
        };
        var continuation = new string(' ', indent.Length + marker.Length);
        var titleIsLink = entry.Url is not null && entry.Links.Count > 0 && entry.Links[0].Url == entry.Url
            && entry.Links[0].Text == entry.Title;
        var description = WithMissingLinksAndYear(entry, titleIsLink);

        sb.Append(indent).Append(marker);
        if (titleIsLink)
        {
            sb.Append(entry.Prefix).Append('[').Append(EscapeText(entry.Title)).Append("](").Append(Destination(entry.Url!)).Append(')');
            if (description.Length > 0)
            {
                if (description[0] is not ('(' or '（')) sb.Append(' ');
                AppendIndented(sb, description, continuation);
            }
            sb.Append('\n');
        }
        else
        {
            // The description goes into a paragraph of its own so the title is read back exactly.
            sb.Append(EscapeText(entry.Title)).Append('\n');
            if (description.Length > 0)
            {
                sb.Append('\n').Append(continuation);
                AppendIndented(sb, description, continuation);
                sb.Append('\n');
            }
        }
    }

    /// <summary>
    /// A title as Markdown text that reads back as itself: brackets, angle brackets and emphasis marks are escaped, so a
    /// moderator's "](" or "&lt;b&gt;" cannot open a link or a tag in the exported list.
    /// </summary>
    private static string EscapeText(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']' or '<' or '>' or '*' or '_' or '`') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>A link destination that cannot end early: a URL with brackets, parentheses or spaces goes inside &lt;…&gt;.</summary>
    private static string Destination(string url) =>
        url.IndexOfAny(['(', ')', '[', ']', ' ', '<', '>']) < 0
            ? url
            : "<" + url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal) + ">";

    private static string WithMissingLinksAndYear(Entry entry, bool titleIsLink)
    {
        var description = entry.Description;
        foreach (var link in entry.Links.Skip(titleIsLink ? 1 : 0))
            if (!description.Contains(link.Url, StringComparison.Ordinal))
                description = Join(description, link.Text == link.Url ? link.Url : $"[{link.Text}]({link.Url})");
        var words = InlineText.ToWordsOnly(ItemInlines.Read(description).Tokens);
        if (entry.Year is { } year && YearFinder.Find(words, entry.Title) != year)
            description = Join(description, $"({year})");
        return description;
    }

    private static string Join(string text, string addition) => text.Length == 0 ? addition : $"{text} {addition}";

    private static void AppendIndented(StringBuilder sb, string text, string indent)
    {
        var lines = text.Split('\n');
        sb.Append(lines[0]);
        foreach (var line in lines.Skip(1))
        {
            sb.Append('\n');
            if (line.Length > 0) sb.Append(indent).Append(line);
        }
    }

    internal sealed record JsonReadingList(string Title, IReadOnlyList<JsonSection> Sections);

    internal sealed record JsonSection(string Title, JsonTopic Topic, IReadOnlyList<JsonEntry> Entries);

    internal sealed record JsonTopic(string Key, string English, string Chinese, IReadOnlyList<string> Aliases);

    internal sealed record JsonLink(string Text, string Url);

    internal sealed record JsonEntry(
        string Id, string Number, string Title, string? Url, IReadOnlyList<JsonLink> Links, int? Year,
        string Description, int Line, IReadOnlyList<JsonEntry> Children);
}
