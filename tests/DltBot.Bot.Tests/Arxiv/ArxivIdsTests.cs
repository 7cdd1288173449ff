using DltBot.Bot.Arxiv;

namespace DltBot.Bot.Tests.Arxiv;

public sealed class ArxivIdsTests
{
    [Theory]
    [InlineData("https://arxiv.org/abs/2301.02679", "2301.02679")]
    [InlineData("https://arxiv.org/abs/2301.02679v2", "2301.02679")]
    [InlineData("https://arxiv.org/pdf/2301.02679.pdf", "2301.02679")]
    [InlineData("https://arxiv.org/pdf/2301.02679v3.pdf", "2301.02679")]
    [InlineData("arxiv.org/pdf/2301.02679v1", "2301.02679")]
    [InlineData("www.arxiv.org/abs/2301.02679", "2301.02679")]
    [InlineData("http://export.arxiv.org/abs/1412.6980", "1412.6980")]
    [InlineData("arXiv:2301.02679", "2301.02679")]
    [InlineData("arxiv:2301.02679v4", "2301.02679")]
    [InlineData("2301.02679", "2301.02679")]
    [InlineData("  2301.02679v2 ", "2301.02679")]
    [InlineData("0704.0001", "0704.0001")]
    [InlineData("math/0601001", "math/0601001")]
    [InlineData("arXiv:math/0601001v1", "math/0601001")]
    [InlineData("https://arxiv.org/abs/math/0601001", "math/0601001")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    public void Recognizes_links_references_and_bare_ids(string text, string expected)
    {
        Assert.True(ArxivIds.TryParse(text, out var id), text);
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("https://example.com/abs/2301.02679")]
    [InlineData("https://arxiv.org/list/cs.LG/recent")]
    [InlineData("https://arxiv.org/abs/")]
    [InlineData("2301.026")]
    [InlineData("230102679")]
    [InlineData("arXiv:")]
    [InlineData("Attention is all you need")]
    [InlineData("2301.02679 and more")]
    public void Refuses_everything_else(string? text)
    {
        Assert.False(ArxivIds.TryParse(text, out var id));
        Assert.Null(id);
    }
}
