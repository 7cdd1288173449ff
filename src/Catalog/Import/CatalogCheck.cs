using DltBot.Catalog.Model;

namespace DltBot.Catalog.Import;

/// <summary>Lists what a curator should look at: import problems, duplicate URLs, entries without a link (contract).</summary>
public static class CatalogCheck
{
    public static IReadOnlyList<ImportProblem> Run(ImportResult imported) =>
        throw new NotImplementedException("catalog check is not implemented yet.");
}
