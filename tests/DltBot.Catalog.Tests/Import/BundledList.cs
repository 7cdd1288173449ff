using DltBot.Catalog.Import;

namespace DltBot.Catalog.Tests.Import;

/// <summary>The reading list shipped in the repository, found by walking up to DltBot.sln.</summary>
internal static class BundledList
{
    private static readonly Lazy<string> CachedText = new(() => File.ReadAllText(Path.Combine(RepoRoot(), "catalog", "deep-learning-theory.md")));
    private static readonly Lazy<ImportResult> CachedImport = new(() => MarkdownCatalogImporter.Import(CachedText.Value));

    public static string Text => CachedText.Value;

    /// <summary>Import is pure, so one import serves every read-only test.</summary>
    public static ImportResult Imported => CachedImport.Value;

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DltBot.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"DltBot.sln not found above {AppContext.BaseDirectory}");
    }
}
