using DltBot.Catalog.Import;

namespace DltBot.Bot.CatalogLoading;

/// <summary>
/// The first import pays a few hundred ms of JIT (Markdig, the importer, the topic table). Running a tiny import on
/// another core while the host is being built takes most of that off the way to the first prompt.
/// </summary>
public static class CatalogWarmUp
{
    private const string Sample = "# T\n## Overview\n1. [A paper](https://arxiv.org/abs/2012.10931)(2021) 说明\n    + 1.1 sub-item\n";

    public static void Start() => _ = Task.Run(() =>
    {
        try
        {
            MarkdownCatalogImporter.Import(Sample);
        }
        catch (Exception)
        {
            // Only a warm-up: the real import reports any problem properly.
        }
    });
}
