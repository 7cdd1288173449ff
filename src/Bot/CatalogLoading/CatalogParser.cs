using DltBot.Catalog.Import;
using DltBot.Catalog.Repair;

namespace DltBot.Bot.CatalogLoading;

/// <param name="Repair">The mojibake repair that ran first, or null when none was attempted.</param>
public sealed record ParsedCatalog(ImportResult Imported, RepairReport? Repair);

/// <summary>Markdown text to a catalog; a seam so loading can be tested apart from the importer.</summary>
public interface ICatalogParser
{
    ParsedCatalog Parse(string markdown);
}

/// <summary>Repairs mojibake first (a URL may serve the damaged original), then imports.</summary>
public sealed class MarkdownCatalogParser : ICatalogParser
{
    public ParsedCatalog Parse(string markdown)
    {
        var repair = MojibakeRepair.Repair(markdown);
        return new ParsedCatalog(MarkdownCatalogImporter.Import(repair.Text), repair);
    }
}
