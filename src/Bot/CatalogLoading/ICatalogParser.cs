using DltBot.Catalog.Import;
using DltBot.Catalog.Repair;

namespace DltBot.Bot.CatalogLoading;

/// <param name="Repair">The mojibake repair that ran first, or null when the text was plainly clean.</param>
public sealed record ParsedCatalog(ImportResult Imported, RepairReport? Repair);

/// <summary>Markdown text to a catalog; a seam so loading can be tested apart from the importer.</summary>
public interface ICatalogParser
{
    ParsedCatalog Parse(string markdown);
}
