namespace DltBot.Catalog.Model;

/// <summary>The whole reading list: a title, the text before the first section, and the sections in order.</summary>
public sealed record ReadingList(string Title, string Preamble, IReadOnlyList<Section> Sections)
{
    /// <summary>Every entry, parents before their children, in list order.</summary>
    public IEnumerable<Entry> AllEntries() => Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()));
}

/// <summary>One section of the list; each section is a topic.</summary>
/// <param name="Title">The heading text as written.</param>
/// <param name="Topic">The topic's bilingual names and aliases.</param>
/// <param name="Line">1-based line of the heading in the source.</param>
public sealed record Section(string Title, Topic Topic, IReadOnlyList<Entry> Entries, int Line);

/// <summary>A topic's names in both languages plus search aliases, kept as data (catalog/topics.json).</summary>
public sealed record Topic(string Key, string English, string Chinese, IReadOnlyList<string> Aliases);

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
    string? Source = null)
{
    public IEnumerable<Entry> SelfAndDescendants() => Children.SelectMany(c => c.SelfAndDescendants()).Prepend(this);
}
