using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Bot.CatalogLoading;

/// <summary>The catalog the bot answers from, with where it came from.</summary>
/// <param name="Source">What was actually read: a path, or a URL (possibly "cached copy of ...").</param>
public sealed record CatalogSnapshot(ReadingList List, IReadOnlyList<ImportProblem> Problems, string Source, DateTimeOffset LoadedAt)
{
    public static CatalogSnapshot Of(ReadingList list, string source = "memory", DateTimeOffset loadedAt = default) =>
        new(list, [], source, loadedAt);
}
