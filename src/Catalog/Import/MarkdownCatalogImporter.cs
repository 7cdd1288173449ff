using DltBot.Catalog.Model;

namespace DltBot.Catalog.Import;

/// <summary>Something the importer could not understand, or a finding of <c>catalog check</c>.</summary>
/// <param name="Line">1-based source line.</param>
public sealed record ImportProblem(int Line, string Message);

public sealed record ImportResult(ReadingList List, IReadOnlyList<ImportProblem> Problems);

/// <summary>Pure function from the awesome-list Markdown to a <see cref="ReadingList"/> (contract; implemented by the importer work).</summary>
public static class MarkdownCatalogImporter
{
    public static ImportResult Import(string markdown, TopicDirectory? topics = null) =>
        throw new NotImplementedException("Markdown import is not implemented yet.");
}
