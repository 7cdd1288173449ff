using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

/// <summary>Issue 8: when few entries have every word, the page is filled with those that have most of them, after them.</summary>
public sealed class PartialMatchFillTests
{
    private static readonly Lazy<ReadingList> Bundled = new(() =>
        MarkdownCatalogImporter.Import(File.ReadAllText(Path.Combine(JudgedSetTests.RepoRoot(), "catalog", "deep-learning-theory.md"))).List);

    [Theory]
    [InlineData("lean video", "bilibili-com-video-av71583469", "lftcm2023-github-io")]
    [InlineData("GNN diffusion", "papertalk-org-papertalks-32188", "courses-神经-sheaf-扩散-从拓扑的角度分析-gnn-中的异质性和过度平滑")]
    [InlineData("equivariant network", "stat-uchicago-edu-lekheng-work-equivariant-pdf", "arxiv:2303.06208")]
    public void A_thin_page_is_filled_after_the_full_matches(string text, string fullMatch, string filler)
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);

        var response = search.Search(new SearchQuery(text, Limit: 10));

        var ids = response.Hits.Select(h => h.Entry.Id).ToList();
        Assert.NotNull(response.AllWordsTotal);
        Assert.Equal(fullMatch, ids[0]);
        Assert.Contains(filler, ids);
        Assert.True(ids.IndexOf(filler) >= response.AllWordsTotal, "a partial match ranked among the full matches");
        Assert.True(response.Total > response.AllWordsTotal);
    }

    [Fact]
    public void Full_matches_come_first_even_when_a_partial_match_scores_higher()
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);

        var response = search.Search(new SearchQuery("adam optimizer code", Limit: 10));

        var allWords = response.AllWordsTotal ?? response.Total;
        var adam = response.Hits.Select(h => h.Entry.Id).ToList().IndexOf("arxiv:1412.6980");
        Assert.True(adam >= allWords, $"Adam (no code) at {adam}, but {allWords} entries have every word");
        Assert.Contains(response.Hits.Take(allWords), h => h.Entry.Id == "github-com-zeke-xie-adaptive-inertia-adai");
    }

    [Fact]
    public void A_full_page_is_not_filled()
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);

        var response = search.Search(new SearchQuery("lean theorem proving", Limit: 10));

        Assert.Null(response.AllWordsTotal);
        Assert.Equal(10, response.Hits.Count);
    }

    [Fact]
    public void Every_page_agrees_on_total_and_order()
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);

        var pages = Enumerable.Range(0, 3).Select(p => search.Search(new SearchQuery("lean video", Limit: 5, Offset: 5 * p))).ToList();
        var whole = search.Search(new SearchQuery("lean video", Limit: 15));

        Assert.All(pages, p => Assert.Equal(whole.Total, p.Total));
        Assert.All(pages, p => Assert.Equal(whole.AllWordsTotal, p.AllWordsTotal));
        Assert.Equal(whole.Hits.Select(h => h.Entry.Id), pages.SelectMany(p => p.Hits).Select(h => h.Entry.Id));
    }

    [Fact]
    public void Total_counts_the_partial_matches_the_pages_can_show()
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);

        var response = search.Search(new SearchQuery("lean video", Limit: 100));

        Assert.Equal(response.Total, response.Hits.Count);
    }

    [Fact]
    public void A_single_word_is_never_filled()
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);

        var response = search.Search(new SearchQuery("instahide", Limit: 10));

        Assert.Null(response.AllWordsTotal);
        Assert.Equal("offconvex-org-2020-11-11-instahide", response.Hits[0].Entry.Id);
    }
}
