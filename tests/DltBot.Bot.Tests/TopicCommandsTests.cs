using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>The commands that name a topic, over the real <c>TopicLookup</c>.</summary>
public sealed class TopicCommandsTests
{
    private readonly FakeSearch search = FakeSearch.Returning();

    private DltCommands Commands() => new(TestCatalog.Snapshot, _ => search, new FakeTimeProvider());

    [Theory]
    [InlineData("优化")]
    [InlineData("Optimization")]
    [InlineData("optimization")]
    [InlineData("sgd")]
    public void Topic_finds_a_section_by_any_name_and_lists_its_entries(string name)
    {
        var reply = Assert.IsType<EntryListReply>(Commands().Execute(new TopicRequest(name), Language.English));
        Assert.Equal("Optimization · 优化", reply.Title);
        Assert.Equal(["arxiv:2210.01117", "arxiv:1710.11029"], reply.Rows.Select(r => r.Id));
        Assert.Equal(new PageInfo(1, TopicRequest.DefaultPageSize, 2), reply.Page);
        Assert.Null(reply.Query);
    }

    [Fact]
    public void Topic_title_leads_with_the_requester_language()
    {
        var reply = Assert.IsType<EntryListReply>(Commands().Execute(new TopicRequest("优化"), Language.Chinese));
        Assert.Equal("优化 · Optimization", reply.Title);
        Assert.All(reply.Rows, r => Assert.Equal("优化", r.Topic));
    }

    [Fact]
    public void Topic_rows_count_sub_items()
    {
        var reply = Assert.IsType<EntryListReply>(Commands().Execute(new TopicRequest("overview"), Language.English));
        Assert.Equal([2, 0], reply.Rows.Select(r => r.ChildCount));
    }

    [Fact]
    public void Unknown_topic_suggests_close_names_in_one_line()
    {
        var english = Assert.IsType<ErrorReply>(Commands().Execute(new TopicRequest("optimisation"), Language.English));
        Assert.Equal(ErrorKind.UnknownTopic, english.Kind);
        Assert.StartsWith("Unknown topic \"optimisation\". Did you mean: ", english.Message);
        Assert.Contains(english.Suggestions, s => s.Equals("Optimization", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain('\n', english.Message);

        var chinese = Assert.IsType<ErrorReply>(Commands().Execute(new TopicRequest("optimisation"), Language.Chinese));
        Assert.StartsWith("没有名为「optimisation」的主题。你是不是想找：", chinese.Message);
    }

    [Fact]
    public void Unknown_topic_with_nothing_close_points_at_the_topic_list()
    {
        var reply = Assert.IsType<ErrorReply>(Commands().Execute(new TopicRequest("quantum chromodynamics"), Language.English));
        Assert.Equal("Unknown topic \"quantum chromodynamics\". /dlt topics lists the topics.", reply.Message);
    }

    [Fact]
    public void Topic_page_past_the_end_is_an_error()
    {
        var reply = Assert.IsType<ErrorReply>(Commands().Execute(new TopicRequest("优化", 3), Language.English));
        Assert.Equal("Page 3 does not exist; there are 1 page(s)", reply.Message);
    }

    [Fact]
    public void Search_with_an_unknown_topic_fails_before_searching()
    {
        var reply = Assert.IsType<ErrorReply>(Commands().Execute(new SearchRequest("grokking", Topic: "optimisation"), Language.English));
        Assert.Equal(ErrorKind.UnknownTopic, reply.Kind);
        Assert.Empty(search.Queries);
    }

    [Fact]
    public void Search_with_a_known_topic_passes_it_on()
    {
        Commands().Execute(new SearchRequest("grokking", Topic: "优化"), Language.English);
        Assert.Equal("优化", Assert.Single(search.Queries).Topic);
    }

    [Fact]
    public void Random_with_a_topic_picks_from_that_topic_only()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var commands = new DltCommands(TestCatalog.Snapshot, _ => search, new FakeTimeProvider(), new Random(seed));
            var reply = Assert.IsType<EntryCardReply>(commands.Execute(new RandomRequest("优化"), Language.English));
            Assert.Equal("Optimization", reply.Card.Topic);
        }
        Assert.IsType<ErrorReply>(Commands().Execute(new RandomRequest("nope-nope-nope"), Language.English));
    }
}
