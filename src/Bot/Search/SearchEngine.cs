using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Search;

/// <summary>Builds the search the commands use; the one place that knows which engine answers.</summary>
public static class SearchEngine
{
    public static ICatalogSearch Create(ReadingList list) => LuceneCatalogSearch.Build(list);

    /// <summary>The index of one place's changed entries, searched beside the shared one.</summary>
    public static ICatalogSearch CreateForChanges(ReadingList changedOnly) => LuceneCatalogSearch.BuildForChanges(changedOnly);
}
