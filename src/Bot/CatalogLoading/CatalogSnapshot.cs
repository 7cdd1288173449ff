using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Bot.CatalogLoading;

/// <summary>The catalog the bot answers from, with where it came from.</summary>
/// <param name="Source">What was actually read, for operators (logs, the CLI): a path, or a URL without credentials,
/// query or fragment (possibly "... (cached copy from ...)").</param>
/// <param name="PublicSource">The same for anyone on Discord: only a host and a file name (<c>lists.example.org › dlt.md</c>,
/// <c>deep-learning-theory.md (bundled)</c>), never a server path or a secret.</param>
public sealed record CatalogSnapshot(ReadingList List, IReadOnlyList<ImportProblem> Problems, string Source, DateTimeOffset LoadedAt, string PublicSource)
{
    /// <summary>A snapshot whose source is a plain label ("memory", "test") that is safe to show as it is.</summary>
    public CatalogSnapshot(ReadingList list, IReadOnlyList<ImportProblem> problems, string source, DateTimeOffset loadedAt)
        : this(list, problems, source, loadedAt, source)
    {
    }

    public static CatalogSnapshot Of(ReadingList list, string source = "memory", DateTimeOffset loadedAt = default) =>
        new(list, [], source, loadedAt);
}
