using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Localization;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>The commands that name a topic, over the real <c>TopicLookup</c>.</summary>
public sealed class TopicCommandsTests
{
    private readonly FakeSearch search = FakeSearch.Returning();

    private Reply Run(string command, Language language, params (string, string?)[] options) =>
        CommandHarness.Create(TestCatalog.Snapshot, _ => search, new FakeTimeProvider()).Run(command, language, options);

    [Theory]
    [InlineData("优化")]
    [InlineData("Optimization")]
    [InlineData("optimization")]
    [InlineData("sgd")]
    public void Topic_finds_a_section_by_any_name_and_lists_its_entries(string name)
    {
        var reply = Assert.IsType<EntryListReply>(Run("topic", Language.English, ("name", name)));
        Assert.Equal("Optimization · 优化", reply.Title);
        Assert.Equal(["arxiv:2210.01117", "arxiv:1710.11029"], reply.Rows.Select(r => r.Id));
        Assert.Equal(new PageInfo(1, TopicCommand.PageSize, 2), reply.Page);
        Assert.Null(reply.Query);
    }

    [Fact]
    public void Topic_title_leads_with_the_requester_language()
    {
        var reply = Assert.IsType<EntryListReply>(Run("topic", Language.Chinese, ("name", "优化")));
        Assert.Equal("优化 · Optimization", reply.Title);
        Assert.All(reply.Rows, r => Assert.Equal("优化", r.Topic));
    }

    [Fact]
    public void Topic_rows_count_sub_items()
    {
        var reply = Assert.IsType<EntryListReply>(Run("topic", Language.English, ("name", "overview")));
        Assert.Equal([2, 0], reply.Rows.Select(r => r.ChildCount));
    }

    [Fact]
    public void Unknown_topic_suggests_close_names_in_one_line()
    {
        var english = Assert.IsType<ErrorReply>(Run("topic", Language.English, ("name", "optimisation")));
        Assert.Equal(ErrorKind.UnknownTopic, english.Kind);
        Assert.StartsWith("Unknown topic \"optimisation\". Did you mean: ", english.Message);
        Assert.Contains(english.Suggestions, s => s.Equals("Optimization", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain('\n', english.Message);

        var chinese = Assert.IsType<ErrorReply>(Run("topic", Language.Chinese, ("name", "optimisation")));
        Assert.StartsWith("没有名为「optimisation」的主题。你是不是想找：", chinese.Message);
    }

    [Fact]
    public void Unknown_topic_with_nothing_close_points_at_the_topic_list()
    {
        var reply = Assert.IsType<ErrorReply>(Run("topic", Language.English, ("name", "quantum chromodynamics")));
        Assert.Equal("Unknown topic \"quantum chromodynamics\". /dlt topics lists the topics.", reply.Message);
    }

    [Fact]
    public void Topic_page_past_the_end_is_an_error()
    {
        var reply = Assert.IsType<ErrorReply>(Run("topic", Language.English, ("name", "优化"), ("page", "3")));
        Assert.Equal("Page 3 does not exist; there is 1 page", reply.Message);
    }

    [Fact]
    public void Search_with_an_unknown_topic_fails_before_searching()
    {
        var reply = Assert.IsType<ErrorReply>(Run("search", Language.English, ("query", "grokking"), ("topic", "optimisation")));
        Assert.Equal(ErrorKind.UnknownTopic, reply.Kind);
        Assert.Empty(search.Queries);
    }

    [Fact]
    public void Search_with_a_known_topic_passes_it_on()
    {
        Run("search", Language.English, ("query", "grokking"), ("topic", "优化"));
        Assert.Equal("优化", Assert.Single(search.Queries).Topic);
    }

    [Fact]
    public void Random_with_a_topic_picks_from_that_topic_only()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            using var harness = CommandHarness.Create(TestCatalog.Snapshot, _ => search, new FakeTimeProvider(), new Random(seed));
            var reply = Assert.IsType<EntryCardReply>(harness.Run("random", Language.English, ("topic", "优化")));
            Assert.Equal("Optimization", reply.Card.Topic);
        }
        Assert.IsType<ErrorReply>(Run("random", Language.English, ("topic", "nope-nope-nope")));
    }
}
