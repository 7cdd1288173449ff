using DltBot.Catalog.Import;

namespace DltBot.Catalog.Tests.Import;

public sealed class StableIdTests
{
    [Theory]
    [InlineData("https://arxiv.org/abs/2210.01117", "arxiv:2210.01117")]
    [InlineData("https://arxiv.org/pdf/2210.01117.pdf", "arxiv:2210.01117")]
    [InlineData("https://arxiv.org/pdf/2210.01117v3.pdf", "arxiv:2210.01117")]
    [InlineData("http://arxiv.org/abs/2210.01117v2", "arxiv:2210.01117")]
    [InlineData("https://www.arxiv.org/abs/1412.6980/", "arxiv:1412.6980")]
    [InlineData("https://arxiv.org/abs/math/0601001v1", "arxiv:math/0601001")]
    public void Arxiv_links_become_arxiv_ids(string url, string id) => Assert.Equal(id, StableIds.FromUrl(url));

    [Theory]
    [InlineData("https://www.zhihu.com/question/263711574", "zhihu-com-question-263711574")]
    [InlineData("https://github.com/teorth/pfr", "github-com-teorth-pfr")]
    [InlineData("http://www.offconvex.org/", "offconvex-org")]
    [InlineData("https://arxiv.org/list/cs.LG/recent", "arxiv-org-list-cs-lg-recent")]
    [InlineData("https://www.youtube.com/watch?v=wXZKoHEzASg", "youtube-com-watch-v-wxzkohezasg")]
    [InlineData("https://gowers.wordpress.com/2022/04/28/x/#more-6531", "gowers-wordpress-com-2022-04-28-x")]
    public void Other_links_become_slugs_of_host_and_path(string url, string id) => Assert.Equal(id, StableIds.FromUrl(url));

    [Fact]
    public void Long_slugs_keep_the_host_and_the_end_of_the_path()
    {
        var id = StableIds.FromUrl("https://www.mathematik.uni-wuerzburg.de/fileadmin/10040900/2019/Seminar__Artificial_Neural_Network__24_9__.pdf");
        Assert.True(id.Length <= StableIds.MaxSlugLength, id);
        Assert.StartsWith("mathematik-uni-wuerzburg-de-", id);
        Assert.EndsWith("network-24-9-pdf", id);
        Assert.DoesNotContain("--", id);
    }

    [Fact]
    public void Without_url_the_id_comes_from_section_and_title()
    {
        Assert.Equal("approximation-nn-approximation-theory", StableIds.ForEntry(null, "Approximation", "NN Approximation Theory"));
        Assert.Equal("mathematicians-拟定课题", StableIds.ForEntry(null, "Mathematicians", "拟定课题"));
        Assert.True(StableIds.ForEntry(null, "Overview", new string('x', 300)).Length <= StableIds.MaxSlugLength);
    }

    [Fact]
    public void Duplicates_get_numbered_suffixes_in_list_order()
    {
        var list = MarkdownCatalogImporter.Import("## A\n1. [a](https://arxiv.org/abs/2101.00001)\n2. [b](https://arxiv.org/pdf/2101.00001.pdf)\n## B\n1. [c](https://arxiv.org/abs/2101.00001v2)\n").List;
        Assert.Equal(["arxiv:2101.00001", "arxiv:2101.00001-2", "arxiv:2101.00001-3"], list.AllEntries().Select(e => e.Id));
    }

    [Fact]
    public void Ids_do_not_change_when_a_description_is_edited()
    {
        const string before = "## A\n1. [a](https://a.org/x) old words (2020)\n2. SGD first\n    + 2.1 [n](https://n.org)\n";
        const string after = "## A\n1. [a](https://a.org/x) completely new text, longer (2021)\n2. SGD first\n    + 2.1 [n](https://n.org) added note\n";
        Assert.Equal(
            MarkdownCatalogImporter.Import(before).List.AllEntries().Select(e => e.Id),
            MarkdownCatalogImporter.Import(after).List.AllEntries().Select(e => e.Id));
    }

    [Fact]
    public void Ids_of_the_bundled_list_are_the_same_on_every_import()
    {
        var again = MarkdownCatalogImporter.Import(BundledList.Text).List.AllEntries().Select(e => e.Id);
        Assert.Equal(BundledList.Imported.List.AllEntries().Select(e => e.Id), again);
    }

    [Theory]
    [InlineData("https://www.a.org/x/", "http://a.org/x")]
    [InlineData("https://a.org/x#frag", "https://a.org/x")]
    [InlineData("https://arxiv.org/pdf/2101.00001v1.pdf", "https://arxiv.org/abs/2101.00001")]
    public void Normalized_urls_compare_equal(string a, string b) => Assert.Equal(StableIds.NormalizeUrl(a), StableIds.NormalizeUrl(b));

    [Fact]
    public void Different_queries_are_different_urls() =>
        Assert.NotEqual(StableIds.NormalizeUrl("https://y.com/watch?v=a"), StableIds.NormalizeUrl("https://y.com/watch?v=b"));
}
