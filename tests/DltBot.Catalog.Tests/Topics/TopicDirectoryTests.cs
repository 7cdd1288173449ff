namespace DltBot.Catalog.Tests.Topics;

public sealed class TopicDirectoryTests
{
    [Fact]
    public void Shipped_directory_has_a_topic_for_every_heading_of_the_list()
    {
        Assert.Equal(15, TopicDirectory.Default.Topics.Count);
        var optimization = TopicDirectory.Default.ForHeading("Optimization");
        Assert.Equal(("Optimization", "优化"), (optimization.English, optimization.Chinese));
        Assert.Equal("Formal mathematics and computers", TopicDirectory.Default.ForHeading("数学形式主义与计算机").English);
        Assert.Equal(("Approximation (LLMs and emergence)", "近似"), (TopicDirectory.Default.ForHeading("近似").English, TopicDirectory.Default.ForHeading("近似").Chinese));
        Assert.Equal("Mathematicians", TopicDirectory.Default.ForHeading("数学家").English);
    }

    [Fact]
    public void Unknown_heading_gets_a_topic_of_its_own()
    {
        var topic = TopicDirectory.Default.ForHeading(" Quantum ");
        Assert.Equal(("Quantum", "Quantum", "Quantum"), (topic.Key, topic.English, topic.Chinese));
        Assert.Empty(topic.Aliases);
    }

    [Fact]
    public void Heading_with_a_lost_character_still_finds_its_topic()
    {
        Assert.Equal("Mathematicians", TopicDirectory.Default.ForHeading("数\uFFFD家").English);
        Assert.Equal("Formal mathematics and computers", TopicDirectory.Default.ForHeading("数学形式主义不计算机").English);
        Assert.Equal("近\uFFFD", TopicDirectory.Default.ForHeading("近\uFFFD").Key); // too short to guess
    }

    [Fact]
    public void Directory_is_read_from_json()
    {
        var directory = TopicDirectory.FromJson("""{ "优化": { "english": "Optimization", "chinese": "优化", "aliases": ["sgd"] } }""");
        var topic = directory.ForHeading("优化");
        Assert.Equal(["sgd"], topic.Aliases);
    }

    [Theory]
    [InlineData("""{ "Optimization": { "english": "Optimization" } }""", "Optimization")]
    [InlineData("""{ "Optimization": [1, 2] }""", "$.Optimization")]
    [InlineData("not json", "invalid")]
    public void Bad_json_names_what_is_wrong(string json, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => TopicDirectory.FromJson(json));
        Assert.Contains(mentioned, error.Message);
    }
}
