using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class SearchBehaviourTests : IDisposable
{
    private readonly LuceneCatalogSearch search = LuceneCatalogSearch.Build(SampleCatalog.Build());

    public void Dispose() => search.Dispose();

    private List<string> Ids(string text, string? topic = null, YearRange? years = null, EntryKind? kind = null)
    {
        var response = search.Search(new SearchQuery(text, topic, years, kind));
        Assert.Null(response.Error);
        return response.Hits.Select(h => h.Entry.Id).ToList();
    }

    [Theory]
    [InlineData("grok")]
    [InlineData("grokking")]
    [InlineData("Grokking")]
    [InlineData("grokin")]
    [InlineData("grokkign")]
    public void Finds_grokking_by_inflection_prefix_and_typo(string text)
    {
        var ids = Ids(text);
        Assert.Contains("arxiv:2210.01117", ids);
        Assert.Contains("arxiv:2301.02679", ids);
    }

    [Fact]
    public void Repeating_a_word_changes_nothing()
    {
        Assert.Equal(Ids("grokking"), Ids("grokking Grokking"));
        Assert.Equal(Ids("泛化"), Ids("泛化 泛化"));
        Assert.Equal(Ids("optimization"), Ids("optimization 优化"));
    }

    [Fact]
    public void Short_words_get_no_typo_allowance()
    {
        // "adma" is four letters: a transposition would be a typo, but only 5+ letter words get one.
        Assert.Empty(Ids("adma"));
    }

    [Fact]
    public void Chinese_bigram_search_needs_the_whole_word()
    {
        var ids = Ids("泛化");
        Assert.Contains("arxiv:2210.01117", ids);
        Assert.Contains("arxiv:2301.02679", ids);
        // "变化" shares 化 but is not 泛化.
        Assert.DoesNotContain("offconvex-beyondntk", ids);
    }

    [Fact]
    public void Chinese_phrase_of_four_characters_matches_as_a_phrase()
    {
        Assert.Equal(["dl-acm-org-topology", "stat-uchicago-edu-lekheng"], Ids("持续同调"));
    }

    [Fact]
    public void A_single_chinese_character_finds_text_containing_it()
    {
        Assert.Equal(["dl-acm-org-topology"], Ids("熵"));
    }

    [Fact]
    public void Chinese_aliases_apply_to_whole_runs_only()
    {
        // 数学 is an alias, but inside 计算拓扑学 the run itself is what was asked for.
        // The parent comes second: its sub-item's text lends it weight.
        Assert.Equal(["dl-acm-org-topology", "stat-uchicago-edu-lekheng"], Ids("计算拓扑学"));
    }

    [Fact]
    public void Concurrent_searches_agree_with_sequential_ones()
    {
        string[] texts = ["grokking", "泛化", "GNN 微分几何", "equivarient", "adam", "持续同调", "optimization", "鄂维南"];
        var expected = texts.Select(t => string.Join(",", Ids(t))).ToArray();
        var actual = new string[texts.Length * 8];
        Parallel.For(0, actual.Length, i => actual[i] = string.Join(",", search.Search(new SearchQuery(texts[i % texts.Length])).Hits.Select(h => h.Entry.Id)));
        for (var i = 0; i < actual.Length; i++)
            Assert.Equal(expected[i % texts.Length], actual[i]);
    }

    [Fact]
    public void Aliases_cross_languages_both_ways()
    {
        Assert.Contains("arxiv:2210.01117", Ids("generalization"));
        Assert.Contains("arxiv:2210.01117", Ids("generalisation"));
        Assert.Contains("arxiv:1412.6980", Ids("优化"));
        Assert.Contains("github-com-zeke-xie-adai", Ids("optimizer"));
    }

    [Fact]
    public void Mixed_english_and_chinese_query_needs_both()
    {
        Assert.Equal("geometricdeeplearning-com-lectures", Ids("GNN 微分几何")[0]);
    }

    [Theory]
    [InlineData("Bronstein", "geometricdeeplearning-com-lectures")]
    [InlineData("鄂维南", "opade-digital")]
    [InlineData("2210.01117", "arxiv:2210.01117")]
    [InlineData("arXiv:2210.01117v2", "arxiv:2210.01117")]
    [InlineData("equivarient", null)]
    public void Authors_and_arxiv_ids_are_found(string text, string? first)
    {
        var ids = Ids(text);
        if (first is null) Assert.Empty(ids); else Assert.Equal(first, ids[0]);
    }

    [Fact]
    public void Title_outranks_description()
    {
        // "Adai" is the child's title and appears in its own description; "Adam" is in Adai's description only.
        var ids = Ids("adam");
        Assert.Equal("arxiv:1412.6980", ids[0]);
        Assert.Contains("github-com-zeke-xie-adai", ids);
    }

    [Fact]
    public void Children_are_entries_and_lend_weight_to_their_parent()
    {
        var ids = Ids("flat minima");
        Assert.Equal("github-com-zeke-xie-adai", ids[0]);
        Assert.Contains("arxiv:1412.6980", ids);
    }

    [Fact]
    public void Filters_by_topic_in_either_language_year_and_kind()
    {
        Assert.Equal(["arxiv:2301.02679"], Ids("grokking", years: new YearRange(2023, 2024)));
        Assert.Empty(Ids("grokking", topic: "优化"));
        Assert.Equal(2, Ids("grokking", topic: "泛化").Count);
        Assert.Equal(2, Ids("grokking", topic: "Generalization").Count);
        Assert.Equal(["github-com-zeke-xie-adai"], Ids("adam", kind: EntryKind.Code));
    }

    [Fact]
    public void Unknown_topic_is_an_error_with_suggestions()
    {
        var response = search.Search(new SearchQuery("grokking", Topic: "generalizaton"));
        Assert.Contains("generalizaton", response.Error);
        Assert.Contains(response.Suggestions, s => s.Equals("Generalization", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Paging_returns_the_requested_slice_and_the_total()
    {
        var all = search.Search(new SearchQuery("泛化", Limit: 10));
        var second = search.Search(new SearchQuery("泛化", Limit: 1, Offset: 1));
        Assert.Equal(all.Total, second.Total);
        Assert.Equal(all.Hits[1].Entry.Id, Assert.Single(second.Hits).Entry.Id);
    }

    [Fact]
    public void Snippets_mark_matched_words_in_bold()
    {
        var hit = search.Search(new SearchQuery("泛化")).Hits[0];
        Assert.Contains("**泛化**", hit.Snippet);

        var english = search.Search(new SearchQuery("grok")).Hits.First(h => h.Entry.Id == "arxiv:2210.01117");
        Assert.Contains("**Grokking**", english.Snippet);
    }

    [Fact]
    public void No_hits_come_with_a_suggestion_that_matches()
    {
        // Four letters get no typo allowance, so nothing matches; the suggestion spells it as the catalog does.
        var response = search.Search(new SearchQuery("adma"));
        Assert.Empty(response.Hits);
        Assert.Equal("adam", response.Suggestions[0]);
        var suggested = search.Search(new SearchQuery(response.Suggestions[0]));
        Assert.NotEmpty(suggested.Hits);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "whitespace")]
    [InlineData("grok\u0007king", "control character")]
    [InlineData("the of and", "common words")]
    public void Unusable_queries_get_a_clear_error(string text, string expected)
    {
        var response = search.Search(new SearchQuery(text));
        Assert.Contains(expected, response.Error);
        Assert.Empty(response.Hits);
    }

    [Fact]
    public void Overlong_queries_get_a_clear_error()
    {
        var response = search.Search(new SearchQuery(new string('a', 201)));
        Assert.Equal("The query is 201 characters long; the limit is 200.", response.Error);
    }

    [Fact]
    public void Bad_paging_and_year_ranges_are_errors_not_exceptions()
    {
        Assert.NotNull(search.Search(new SearchQuery("adam", Limit: 0)).Error);
        Assert.NotNull(search.Search(new SearchQuery("adam", Offset: -1)).Error);
        Assert.NotNull(search.Search(new SearchQuery("adam", Years: new YearRange(2023, 2020))).Error);
    }

    [Theory]
    [InlineData("((")]
    [InlineData("\"unterminated")]
    [InlineData("a* OR b~ AND :")]
    [InlineData("😀🔥")]
    [InlineData("[](){}^~*?\\/")]
    public void Odd_characters_never_throw(string text)
    {
        var response = search.Search(new SearchQuery(text));
        Assert.NotNull(response);
    }
}
