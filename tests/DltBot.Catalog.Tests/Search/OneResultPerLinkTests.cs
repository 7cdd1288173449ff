using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

/// <summary>Issue 8: a results page shows each link once, however many entries or sub-items repeat it.</summary>
public sealed class OneResultPerLinkTests
{
    private static readonly Lazy<string> BundledText = new(() =>
        File.ReadAllText(Path.Combine(JudgedSetTests.RepoRoot(), "catalog", "deep-learning-theory.md")));

    /// <summary>
    /// The bundled list as a curator might extend it: Omnigrok repeated as the PDF of a later version in another section and
    /// as a sub-item, and the scaling-laws paper repeated under itself with another spelling of the same link.
    /// </summary>
    private static ReadingList BundledWithRepeats()
    {
        var lines = BundledText.Value.Split('\n').ToList();
        var omnigrok = lines.FindIndex(l => l.StartsWith("37. [Omnigrok", StringComparison.Ordinal));
        lines.Insert(omnigrok + 1, "    + 37.1 [Omnigrok (PDF, v2)](https://arxiv.org/pdf/2210.01117v2.pdf) grokking 的 PDF 版本");
        var scaling = lines.FindIndex(l => l.StartsWith("2. [Scaling Laws", StringComparison.Ordinal));
        lines.Insert(scaling + 1, "    + 2.1 [Scaling Laws for Neural Language Models (abstract page)](http://www.arxiv.org/abs/2001.08361/) scaling laws");
        lines.Add("8. [Omnigrok again](https://arxiv.org/abs/2210.01117v1) grokking beyond algorithmic data, listed twice");
        return MarkdownCatalogImporter.Import(string.Join('\n', lines)).List;
    }

    /// <summary>The link as a reader compares them, worked out here independently of the engine's own key.</summary>
    private static string LinkOf(SearchHit hit)
    {
        if (hit.Entry.Url is null) return "id:" + hit.Entry.Id;
        var paper = System.Text.RegularExpressions.Regex.Match(hit.Entry.Url, @"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})");
        return paper.Success ? "arxiv:" + paper.Groups[1].Value : RelevanceMetrics.Normalize(hit.Entry.Url);
    }

    [Theory]
    [InlineData("grokking")]
    [InlineData("Omnigrok")]
    [InlineData("scaling laws")]
    [InlineData("2210.01117")]
    public void A_results_page_shows_each_link_once(string text)
    {
        using var search = LuceneCatalogSearch.Build(BundledWithRepeats());

        var response = search.Search(new SearchQuery(text, Limit: 20));

        Assert.Null(response.Error);
        Assert.NotEmpty(response.Hits);
        Assert.Equal(response.Hits.Count, response.Hits.Select(LinkOf).Distinct().Count());
    }

    [Fact]
    public void Total_counts_each_link_once()
    {
        using var plain = LuceneCatalogSearch.Build(MarkdownCatalogImporter.Import(BundledText.Value).List);
        using var repeated = LuceneCatalogSearch.Build(BundledWithRepeats());

        var before = plain.Search(new SearchQuery("grokking", Limit: 20));
        var after = repeated.Search(new SearchQuery("grokking", Limit: 20));

        Assert.Equal(before.Total, after.Total);
        Assert.Equal(after.Hits.Count, after.Total);
    }

    [Fact]
    public void Later_pages_do_not_repeat_a_link_of_an_earlier_page()
    {
        using var search = LuceneCatalogSearch.Build(BundledWithRepeats());

        var first = search.Search(new SearchQuery("grokking", Limit: 2));
        var second = search.Search(new SearchQuery("grokking", Limit: 2, Offset: 2));
        var whole = search.Search(new SearchQuery("grokking", Limit: 4));

        Assert.Equal(whole.Hits.Select(LinkOf), first.Hits.Concat(second.Hits).Select(LinkOf));
        Assert.Equal(first.Total, second.Total);
    }

    [Theory]
    [InlineData("Omnigrok Grokking Beyond Algorithmic Data", "Omnigrok: Grokking Beyond Algorithmic Data")]
    [InlineData("Omnigrok again", "Omnigrok again")]
    public void The_best_ranked_of_the_repeats_is_the_one_shown(string text, string shown)
    {
        using var search = LuceneCatalogSearch.Build(BundledWithRepeats());

        var hit = Assert.Single(search.Search(new SearchQuery(text, Limit: 20)).Hits, h => LinkOf(h) == "arxiv:2210.01117");

        Assert.Equal(shown, hit.Entry.Title);
    }

    [Theory]
    [InlineData("https://arxiv.org/abs/2210.01117", "arxiv:2210.01117")]
    [InlineData("https://arxiv.org/pdf/2210.01117v2.pdf", "arxiv:2210.01117")]
    [InlineData("http://www.arxiv.org/abs/2210.01117v1/", "arxiv:2210.01117")]
    [InlineData("https://arxiv.org/pdf/2210.01117", "arxiv:2210.01117")]
    [InlineData("HTTPS://WWW.offconvex.org/2021/03/25/beyondNTK/", "offconvex.org/2021/03/25/beyondntk")]
    [InlineData("https://gowers.wordpress.com/2022/04/28/a/#more-6531", "gowers.wordpress.com/2022/04/28/a")]
    [InlineData("https://openreview.net/forum?id=G70Z8ds32C9", "openreview.net/forum?id=g70z8ds32c9")]
    public void Link_keys_ignore_what_a_reader_ignores(string url, string key) => Assert.Equal(key, UrlKey.Of(url));

    [Fact]
    public void Entries_without_a_link_are_never_merged() => Assert.Null(UrlKey.Of(null));
}
