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

public sealed class LevenshteinPrefixTests
{
    [Theory]
    [InlineData("grokin", "grokking", 1)]   // grokin -> grokki(n): one edit against "grokkin"
    [InlineData("equivar", "equivariant", 0)]
    [InlineData("equivra", "equivariant", 1)]
    [InlineData("zzzz", "equivariant", 3)]
    public void WithinPrefix_is_the_least_distance_to_a_beginning_of_about_the_same_length(string word, string longer, int max)
    {
        var expected = Enumerable.Range(word.Length - 1, 3).Where(n => n <= longer.Length)
            .Min(n => Levenshtein.Distance(word, longer.AsSpan(0, n)));
        var found = Levenshtein.WithinPrefix(word, longer, max);
        if (expected <= max) Assert.Equal(expected, found);
        else Assert.True(found > max);
    }
}
