using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Tests.Import;

namespace DltBot.Catalog.Tests.Topics;

public sealed class TopicLookupTests
{
    private static ReadingList List => BundledList.Imported.List;

    [Theory]
    [InlineData("优化", "Optimization")]
    [InlineData("optimization", "Optimization")]
    [InlineData("OPTIMIZATION", "Optimization")]
    [InlineData(" sgd ", "Optimization")]
    [InlineData("泛化", "generalization")]
    [InlineData("Generalization", "generalization")]
    [InlineData("Mathematicians", "数学家")]
    [InlineData("数学家", "数学家")]
    [InlineData("近似", "近似")]
    [InlineData("approximation", "Approximation")]
    [InlineData("逼近", "Approximation")]
    [InlineData("Formal mathematics and computers", "数学形式主义与计算机")]
    [InlineData("formal-mathematics", "数学形式主义与计算机")]
    [InlineData("deep modeling", "DeepModeling")]
    [InlineData("会议", "Session")]
    public void Finds_a_section_by_any_name_in_either_language(string name, string key) =>
        Assert.Equal(key, TopicLookup.Find(List, name)?.Topic.Key);

    [Fact]
    public void Both_languages_find_the_same_section()
    {
        Assert.Same(TopicLookup.Find(List, "优化"), TopicLookup.Find(List, "optimization"));
        Assert.Same(TopicLookup.Find(List, "数学形式主义与计算机"), TopicLookup.Find(List, "formal mathematics"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("quantum gravity")]
    public void Unknown_names_find_nothing(string name) => Assert.Null(TopicLookup.Find(List, name));

    [Theory]
    [InlineData("optimzation", "Optimization")]
    [InlineData("geometri", "Geometry")]
    [InlineData("优", "优化")]
    [InlineData("Mathematican", "mathematician")] // an alias is a name too
    public void Suggests_the_closest_name_first(string typo, string best) =>
        Assert.Equal(best, TopicLookup.Suggest(List, typo) is [var first, ..] ? first : null);

    [Fact]
    public void Suggest_respects_max_and_returns_nothing_for_gibberish()
    {
        Assert.True(TopicLookup.Suggest(List, "o", max: 2).Count <= 2);
        Assert.Empty(TopicLookup.Suggest(List, "zzzzqqqq"));
        Assert.Empty(TopicLookup.Suggest(List, ""));
    }

    [Fact]
    public void Edit_distance() => Assert.Equal(3, Levenshtein.Distance("kitten", "sitting"));
}
