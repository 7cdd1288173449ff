using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Search;

/// <summary>Builds the search the commands use; the one place that knows which engine answers.</summary>
public static class SearchEngine
{
    public static ICatalogSearch Create(ReadingList list) => LuceneCatalogSearch.Build(list);
}
