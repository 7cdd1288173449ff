using DltBot.Catalog.Model;

namespace DltBot.Catalog.Export;

/// <summary>Markdown export is the inverse of import; JSON export follows the schema in the README (contract).</summary>
public static class CatalogExporter
{
    public static string ToMarkdown(ReadingList list) => throw new NotImplementedException();

    public static string ToJson(ReadingList list) => throw new NotImplementedException();
}
