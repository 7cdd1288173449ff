using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using DltBot.Catalog.Import;

namespace DltBot.Bot.Arxiv;

/// <summary>Reads the Atom feed the arXiv API answers an <c>id_list</c> query with.</summary>
internal static partial class ArxivAtomReader
{
    public const string Unreadable = "arXiv's answer could not be read";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    /// <summary>
    /// Found for an entry that is a paper; NotFound when there is no entry or arXiv's error entry (its id is
    /// <c>…/api/errors#…</c>, its title <c>Error</c>); Failed when the answer is not such a feed.
    /// </summary>
    public static ArxivLookup Read(string xml, string requestedId)
    {
        XDocument document;
        try
        {
            // No DTDs and no external entities: the answer comes from the network.
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return new ArxivLookup.Failed(Unreadable);
        }

        if (document.Root is not { } feed || feed.Name != Atom + "feed") return new ArxivLookup.Failed(Unreadable);
        if (feed.Element(Atom + "entry") is not { } entry) return new ArxivLookup.NotFound(requestedId);

        var entryId = Text(entry, "id");
        if (entryId is null || StableIds.ArxivId(entryId) is not { } id || Text(entry, "title") is "Error")
            return new ArxivLookup.NotFound(requestedId);

        var title = Text(entry, "title");
        var published = Text(entry, "published");
        if (string.IsNullOrEmpty(title) || published is null
            || !DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var publishedAt))
            return new ArxivLookup.Failed(Unreadable);

        var authors = entry.Elements(Atom + "author")
            .Select(author => Collapse((string?)author.Element(Atom + "name") ?? ""))
            .Where(name => name.Length > 0)
            .ToArray();
        var abs = new Uri($"https://arxiv.org/abs/{id}");
        return new ArxivLookup.Found(new ArxivPaper(id, title, authors, publishedAt.Year, Text(entry, "summary") ?? "", abs));
    }

    private static string? Text(XElement entry, string name) =>
        entry.Element(Atom + name) is { } element ? Collapse(element.Value) : null;

    /// <summary>arXiv wraps titles and abstracts over several indented lines.</summary>
    public static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
