using DltBot.Catalog.Import;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

/// <summary>Issue 9 item 14: invisible and compatibility characters in a query do not hide what was typed.</summary>
public sealed class QueryTextTests
{
    [Theory]
    [InlineData("gr\u200Bokking", "grokking")]            // zero-width space
    [InlineData("gr\u200Cok\u200Dking", "grokking")]      // zero-width non-joiner and joiner
    [InlineData("\uFEFFgrokking\u2060", "grokking")]      // BOM, word joiner
    [InlineData("gro\u00ADkking", "grokking")]            // soft hyphen
    [InlineData("\u200Egrokking\u200F", "grokking")]      // bidi marks
    [InlineData("ｇｒｏｋｋｉｎｇ", "grokking")]            // full-width letters (NFKC)
    [InlineData("ﬁnite", "finite")]                       // ligature (NFKC)
    [InlineData("  scaling \u00A0\u3000 laws  ", "scaling laws")] // no-break and ideographic spaces
    [InlineData("泛化\u200B", "泛化")]
    [InlineData("grokking", "grokking")]
    public void Normalizes_what_was_typed(string typed, string expected) => Assert.Equal(expected, QueryText.Normalize(typed));

    [Fact]
    public void Clean_text_is_returned_as_is()
    {
        const string text = "geometric deep learning";
        Assert.Same(text, QueryText.Normalize(text));
    }

    [Fact]
    public void A_lone_surrogate_is_left_for_the_validator() => Assert.Equal("a\uD800b", QueryText.Normalize("a\uD800b"));

    [Theory]
    [InlineData("gr\u200Bokking")]
    [InlineData("ｇｒｏｋｋｉｎｇ")]
    [InlineData("\u2060grokking\u00A0")]
    public void Search_finds_what_was_meant(string typed)
    {
        using var search = LuceneCatalogSearch.Build(SampleCatalog.Build());

        var response = search.Search(new SearchQuery(typed));

        Assert.Null(response.Error);
        Assert.Contains(response.Hits, h => h.Entry.Id == "arxiv:2210.01117");
    }

    [Fact]
    public void A_query_of_invisible_characters_only_gets_a_clear_error()
    {
        using var search = LuceneCatalogSearch.Build(SampleCatalog.Build());

        var response = search.Search(new SearchQuery("\u200B\u200B\uFEFF"));

        Assert.Contains("invisible", response.Error);
        Assert.Empty(response.Hits);
    }
}
