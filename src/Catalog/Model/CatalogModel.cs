namespace DltBot.Catalog.Model;

/// <summary>The whole reading list: a title, the text before the first section, and the sections in order.</summary>
/// <param name="HeaderSource">The Markdown before the first section as written (title line and preamble), for byte-exact export.</param>
public sealed record ReadingList(string Title, string Preamble, IReadOnlyList<Section> Sections, string? HeaderSource = null)
{
    /// <summary>
    /// What the importer had to interpret to read the list (a table of contents skipped, a heading read as a group, table
    /// rows read as entries), each at its line; <c>catalog check</c> reports them. Not part of the list's content.
    /// </summary>
    public IReadOnlyList<Import.ImportProblem> Interpretations { get; init; } = [];

    /// <summary>Markdown after the last entry that belongs to none (a closing "back to top" link), for byte-exact export.</summary>
    public string? FooterSource { get; init; }

    /// <summary>Every entry, parents before their children, in list order.</summary>
    public IEnumerable<Entry> AllEntries() => Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()));

    /// <summary>The entry or sub-item with this id (ids are unique; case does not matter), or null.</summary>
    public Entry? FindEntry(string id) => AllEntries().FirstOrDefault(e => string.Equals(e.Id, id.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The section an entry or sub-item belongs to, or null when it is not in this list.</summary>
    public Section? SectionOf(Entry entry) =>
        Sections.FirstOrDefault(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Any(e => ReferenceEquals(e, entry)));

    // Records compare lists by reference; the catalog is compared by content (round trips, tests, reloads).
    public bool Equals(ReadingList? other) =>
        other is not null && Title == other.Title && Preamble == other.Preamble && HeaderSource == other.HeaderSource
        && FooterSource == other.FooterSource && Sections.SequenceEqual(other.Sections);

    public override int GetHashCode() => HashCode.Combine(Title, Preamble, Sections.Count);
}

/// <summary>One section of the list; each section is a topic.</summary>
/// <param name="Title">The heading text as written, after the path of the headings that group it.</param>
/// <param name="Topic">The topic's bilingual names and aliases.</param>
/// <param name="Line">1-based line of the heading in the source.</param>
/// <param name="Intro">Plain text between the heading and the first entry, if any.</param>
/// <param name="Source">The heading line and intro as written (after any grouping headings above it), for byte-exact export.</param>
/// <param name="Group">The headings that group this one (<c>Papers</c>), joined by <see cref="PathSeparator"/>; empty when none.</param>
public sealed record Section(string Title, Topic Topic, IReadOnlyList<Entry> Entries, int Line, string Intro = "", string? Source = null, string Group = "")
{
    public const string PathSeparator = " › ";

    /// <summary>The title a heading gets under its group: <c>Papers › Sliced Optimal Transport</c>.</summary>
    public static string TitleUnder(string group, string heading) => group.Length == 0 ? heading : $"{group}{PathSeparator}{heading}";

    public bool Equals(Section? other) =>
        other is not null && Title == other.Title && Topic == other.Topic && Line == other.Line && Intro == other.Intro
        && Source == other.Source && Group == other.Group && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => HashCode.Combine(Title, Line, Entries.Count);
}

/// <summary>A topic's names in both languages plus search aliases, kept as data (src/Catalog/Topics/topics.json).</summary>
public sealed record Topic(string Key, string English, string Chinese, IReadOnlyList<string> Aliases)
{
    /// <summary>Key, English name, Chinese name, then aliases, without duplicates.</summary>
    public IEnumerable<string> AllNames() =>
        new[] { Key, English, Chinese }.Concat(Aliases).Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase);

    public bool Equals(Topic? other) =>
        other is not null && Key == other.Key && English == other.English && Chinese == other.Chinese
        && Aliases.SequenceEqual(other.Aliases);

    public override int GetHashCode() => HashCode.Combine(Key, English, Chinese);
}

/// <summary>A hyperlink inside an entry.</summary>
public sealed record Link(string Text, string Url);

/// <summary>One item of the list (a numbered entry or a nested sub-item).</summary>
/// <param name="Id">Stable id: <c>arxiv:2210.01117</c>, a slug of the normalized URL, or of section and title.</param>
/// <param name="Number">The number as written (<c>2</c>, <c>2+</c>, <c>6.1</c>), empty when the source has none.</param>
/// <param name="Title">The title: the primary link's text, or the leading text when there is no link.</param>
/// <param name="Url">The primary URL, or null when the entry has no link of its own.</param>
/// <param name="Links">Every link of the entry, the primary one first.</param>
/// <param name="Year">The year the text gives, or null.</param>
/// <param name="Description">Plain text (HTML stripped, Markdown kept readable) after the title.</param>
/// <param name="Children">Nested sub-items.</param>
/// <param name="Line">1-based line in the source.</param>
/// <param name="Source">The entry's own Markdown as written (without its children), so an unchanged entry exports byte for byte.</param>
/// <param name="Prefix">Decoration written before the title link, such as 🔥.</param>
/// <param name="TrailingSource">Markdown of the entry written after its children (a paragraph indented under the entry), if any.</param>
public sealed record Entry(
    string Id,
    string Number,
    string Title,
    string? Url,
    IReadOnlyList<Link> Links,
    int? Year,
    string Description,
    IReadOnlyList<Entry> Children,
    int Line,
    string? Source = null,
    string Prefix = "",
    string? TrailingSource = null)
{
    public IEnumerable<Entry> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);

    public bool Equals(Entry? other) =>
        other is not null && Id == other.Id && Number == other.Number && Title == other.Title && Url == other.Url
        && Year == other.Year && Description == other.Description && Line == other.Line && Source == other.Source
        && Prefix == other.Prefix && TrailingSource == other.TrailingSource
        && Links.SequenceEqual(other.Links) && Children.SequenceEqual(other.Children);

    public override int GetHashCode() => HashCode.Combine(Id, Title, Url, Line);
}
