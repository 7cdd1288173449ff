using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class AutocompleteTests : IDisposable
{
    private readonly LuceneCatalogSearch search = LuceneCatalogSearch.Build(SampleCatalog.Build());

    public void Dispose() => search.Dispose();

    [Fact]
    public void Topics_come_first_and_match_either_language()
    {
        Assert.Equal("optimization", search.Autocomplete("opt")[0].Value);
        Assert.Equal("optimization", search.Autocomplete("优")[0].Value);
        Assert.Equal(SuggestionKind.Topic, search.Autocomplete("泛")[0].Kind);
    }

    [Fact]
    public void Entry_titles_match_at_the_start_of_any_word_and_any_chinese_character()
    {
        Assert.Contains(search.Autocomplete("modul"), s => s.Value == "arxiv:2301.02679");
        Assert.Contains(search.Autocomplete("几何"), s => s.Value == "geometricdeeplearning-com-lectures");
        Assert.Contains(search.Autocomplete("GROK"), s => s.Value == "arxiv:2210.01117");
    }

    [Fact]
    public void A_title_starting_with_the_prefix_ranks_before_one_containing_it()
    {
        var values = search.Autocomplete("grok", only: SuggestionKind.Entry).Select(s => s.Value).ToList();
        Assert.Equal(["arxiv:2301.02679", "arxiv:2210.01117"], values);
    }

    [Fact]
    public void Limit_and_kind_filter_are_honoured()
    {
        Assert.Equal(2, search.Autocomplete("", limit: 2).Count);
        Assert.All(search.Autocomplete("", only: SuggestionKind.Topic), s => Assert.Equal(SuggestionKind.Topic, s.Kind));
        Assert.Empty(search.Autocomplete("zzzz"));
        Assert.Empty(search.Autocomplete("grok", limit: 0));
    }
}
