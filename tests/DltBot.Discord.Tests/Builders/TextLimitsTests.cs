using DltBot.Discord.Builders;

namespace DltBot.Discord.Tests.Builders;

public sealed class TextLimitsTests
{
    [Fact]
    public void Text_within_the_limit_is_unchanged()
    {
        Assert.Equal("神经正切核", TextLimits.Truncate("神经正切核", 5));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(256)]
    [InlineData(1024)]
    public void Long_text_is_cut_to_the_limit_and_marked(int limit)
    {
        var text = string.Concat(Enumerable.Repeat("深度学习理论 deep learning theory ", 200));

        var cut = TextLimits.Truncate(text, limit);

        Assert.True(cut.Length <= limit, $"{cut.Length} > {limit}");
        Assert.EndsWith(TextLimits.Ellipsis, cut);
        Assert.StartsWith(cut[..^1].TrimEnd(), text);
    }

    [Fact]
    public void Surrogate_pairs_are_never_split()
    {
        var text = "ab" + string.Concat(Enumerable.Repeat("😀", 10));

        var cut = TextLimits.Truncate(text, 6);

        Assert.Equal("ab😀…", cut);
        Assert.False(char.IsHighSurrogate(cut[^2]));
    }

    [Fact]
    public void Combining_sequences_stay_whole()
    {
        var cut = TextLimits.Truncate("e\u0301e\u0301e\u0301e\u0301", 4);

        Assert.Equal("e\u0301…", cut);
    }

    [Fact]
    public void A_custom_marker_counts_toward_the_limit()
    {
        Assert.Equal("abc...", TextLimits.Truncate("abcdefghij", 6, "..."));
    }

    [Fact]
    public void Negative_limit_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextLimits.Truncate("x", -1));
    }
}
