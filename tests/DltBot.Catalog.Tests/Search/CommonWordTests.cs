using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class CommonWordTests
{
    private static ReadingList Large()
    {
        var entries = Enumerable.Range(0, 500)
            .Select(i => SampleCatalog.E($"e{i}", $"Deep topic {i}", $"https://example.org/{i}", "deep networks and more"))
            .Append(SampleCatalog.E("only-in-description", "Other", "https://example.org/other", "deep rareword"))
            .ToList();
        return new ReadingList("t", "", [new Section("Misc", new Topic("misc", "Misc", "杂项", []), entries, 1)]);
    }

    [Fact]
    public void A_word_in_most_descriptions_of_a_large_catalog_is_matched_in_titles_only()
    {
        using var search = LuceneCatalogSearch.Build(Large());

        var common = search.Search(new SearchQuery("deep"));

        Assert.Equal(500, common.Total);
        Assert.DoesNotContain(common.Hits, h => h.Entry.Id == "only-in-description");
        Assert.Equal("only-in-description", search.Search(new SearchQuery("rareword")).Hits.Single().Entry.Id);
        Assert.Equal("only-in-description", search.Search(new SearchQuery("deep rareword")).Hits[0].Entry.Id);
    }
}
