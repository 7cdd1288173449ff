using DltBot.Bot.Interactions;

namespace DltBot.Bot.Tests.Interactions;

public sealed class TextFitTests
{
    [Theory]
    [InlineData("short", 10, "short")]
    [InlineData("exactly10!", 10, "exactly10!")]
    [InlineData("a longer sentence", 8, "a longer")]
    [InlineData("深度学习理论", 4, "深度学习")]
    [InlineData("ab😀cd", 3, "ab")]
    [InlineData("anything", 0, "")]
    public void Truncate_keeps_whole_characters_within_the_limit(string text, int limit, string expected) =>
        Assert.Equal(expected, TextFit.Truncate(text, limit));

    [Fact]
    public void Ellipsize_marks_the_cut_and_counts_the_mark()
    {
        var result = TextFit.Ellipsize("Understanding deep learning requires rethinking generalization", 20);
        Assert.True(result.Length <= 20);
        Assert.EndsWith("…", result);
        Assert.Equal("fits", TextFit.Ellipsize("fits", 4));
    }
}
