using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class SearchAliasesTests
{
    [Theory]
    [InlineData("optimization", "优化")]
    [InlineData("优化", "optimization")]
    [InlineData("generalization", "泛化")]
    [InlineData("泛化", "generalisation")]
    [InlineData("approximation", "逼近")]
    [InlineData("GNN", "图神经网络")]
    public void The_shipped_table_expands_both_ways(string form, string expected) =>
        Assert.Contains(expected, SearchAliases.Default.Expand(form));

    [Fact]
    public void Unknown_words_expand_to_themselves() => Assert.Equal(["grokkingx"], SearchAliases.Default.Expand("grokkingx"));

    [Fact]
    public void Malformed_data_names_the_bad_group()
    {
        var error = Assert.Throws<FormatException>(() => SearchAliases.Parse("""{"groups":[["a","b"],[1]]}"""));
        Assert.Contains("group 1", error.Message);
    }
}
