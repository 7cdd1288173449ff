using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class LevenshteinTests
{
    [Theory]
    [InlineData("grokking", "grokking", 0)]
    [InlineData("equivarient", "equivariant", 1)]
    [InlineData("generalisaton", "generalization", 2)]
    [InlineData("theroy", "theory", 1)] // a transposition counts once
    [InlineData("kernel", "", 6)]
    public void Distance_counts_edits(string a, string b, int expected) => Assert.Equal(expected, Levenshtein.Distance(a, b));

    [Theory]
    [InlineData("theroy", "theory", 1, true)]
    [InlineData("generalisaton", "generalization", 1, false)]
    [InlineData("generalisaton", "generalization", 2, true)]
    [InlineData("abcdefgh", "zyxwvuts", 2, false)]
    [InlineData("short", "much longer word", 3, false)]
    public void AtMost_agrees_with_the_full_distance(string a, string b, int max, bool expected)
    {
        Assert.Equal(expected, Levenshtein.AtMost(a, b, max));
        Assert.Equal(expected, Levenshtein.Distance(a, b) <= max);
    }
}
