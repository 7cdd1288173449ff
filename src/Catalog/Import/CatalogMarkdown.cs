using Markdig;
using Markdig.Syntax;

namespace DltBot.Catalog.Import;

/// <summary>The one Markdig pipeline import and export read with: CommonMark, pipe tables, and source positions.</summary>
internal static class CatalogMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePreciseSourceLocation()
        .UsePipeTables()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);
}
