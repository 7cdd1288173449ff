using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class EntryKindClassifierTests
{
    [Theory]
    [InlineData("https://arxiv.org/abs/2210.01117", EntryKind.Paper)]
    [InlineData("https://arxiv.org/pdf/2012.10931.pdf", EntryKind.Paper)]
    [InlineData("https://openreview.net/forum?id=G70Z8ds32C9", EntryKind.Paper)]
    [InlineData("https://www.nature.com/articles/s41586-021-04086-x", EntryKind.Paper)]
    [InlineData("https://link.springer.com/article/10.1007/s10489-022-04207-7", EntryKind.Paper)]
    [InlineData("https://geometricdeeplearning.com/lectures/", EntryKind.Course)]
    [InlineData("http://mitliagkas.github.io/ift6085-dl-theory-class/", EntryKind.Course)]
    [InlineData("https://joanbruna.github.io/MathsDL-spring19/", EntryKind.Course)]
    [InlineData("https://github.com/zeke-xie/deep-learning-dynamics-paper-list", EntryKind.Code)]
    [InlineData("https://www.youtube.com/watch?v=wXZKoHEzASg", EntryKind.Video)]
    [InlineData("https://www.bilibili.com/video/av71583469", EntryKind.Video)]
    [InlineData("https://zhuanlan.zhihu.com/p/543041107", EntryKind.Article)]
    [InlineData("https://mp.weixin.qq.com/s/o1liWf9B4_LntBeyV2bVOg", EntryKind.Article)]
    [InlineData("http://www.offconvex.org/2021/03/25/beyondNTK/", EntryKind.Article)]
    [InlineData("https://terrytao.wordpress.com/2023/05/13/pcast/", EntryKind.Article)]
    [InlineData("https://www.springer.com/gp/book/9783030367206", EntryKind.Book)]
    [InlineData("https://www.cs.princeton.edu/courses/archive/fall19/cos597B/lecnotes/bookdraft.pdf", EntryKind.Book)]
    [InlineData("https://deepmodeling.com/", EntryKind.Other)]
    [InlineData(null, EntryKind.Other)]
    [InlineData("not a url", EntryKind.Other)]
    public void Classifies_links_by_host_and_path(string? url, EntryKind expected) =>
        Assert.Equal(expected, EntryKindClassifier.Classify(url));

    [Fact]
    public void A_curator_override_wins_over_the_link()
    {
        var entry = SampleCatalog.E("x", "Some talk", "https://arxiv.org/abs/1234.56789", "");
        var overrides = new Dictionary<string, EntryKind> { ["x"] = EntryKind.Video };

        Assert.Equal(EntryKind.Video, EntryKindClassifier.Classify(entry, overrides));
        Assert.Equal(EntryKind.Paper, EntryKindClassifier.Classify(entry));
    }
}
