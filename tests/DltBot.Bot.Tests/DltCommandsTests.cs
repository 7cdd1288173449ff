using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Localization;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

public sealed class DltCommandsTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private CommandHarness Commands(ICatalogSearch? search = null, Random? random = null) =>
        CommandHarness.Create(TestCatalog.Snapshot, _ => search ?? FakeSearch.Returning(), time, random);

    [Fact]
    public void Topics_lists_every_topic_with_its_entry_count_in_the_requester_language()
    {
        var english = Assert.IsType<TopicListReply>(Commands().Run("topics", Language.English));
        Assert.Equal("Topics (3)", english.Title);
        Assert.Equal(
            [new("overview", "Overview", "综述", 2), new("optimization", "Optimization", "优化", 2), new TopicRow("generalization", "Generalization", "泛化", 1)],
            english.Topics);

        var chinese = Assert.IsType<TopicListReply>(Commands().Run("topics", Language.Chinese));
        Assert.Equal("主题（3 个）", chinese.Title);
        Assert.Equal(("优化", "Optimization"), (chinese.Topics[1].Name, chinese.Topics[1].OtherName));
    }

    [Fact]
    public void Show_returns_the_card_with_links_year_topic_description_and_children()
    {
        var reply = Assert.IsType<EntryCardReply>(Commands().Run("show", Language.English, ("id", "arxiv:2012.10931")));
        var card = reply.Card;
        Assert.Equal(("Recent advances in deep learning theory", "https://arxiv.org/pdf/2012.10931.pdf", 2021, "Overview"), (card.Title, card.Url, card.Year, card.Topic));
        Assert.Equal(["1.1", "1.2"], card.Children.Select(c => c.Number));
        Assert.Equal("综述", Assert.IsType<EntryCardReply>(Commands().Run("show", Language.Chinese, ("id", "arxiv:2012.10931"))).Card.Topic);
    }

    [Theory]
    [InlineData("ARXIV:2210.01117")]
    [InlineData("2210.01117")]
    [InlineData("https://arxiv.org/abs/2210.01117")]
    [InlineData("https://arxiv.org/abs/2210.01117/")]
    [InlineData("omnigrok: grokking beyond algorithmic data")]
    public void Show_finds_an_entry_by_id_in_any_case_by_bare_arxiv_number_by_url_or_by_exact_title(string id)
    {
        var reply = Assert.IsType<EntryCardReply>(Commands().Run("show", Language.English, ("id", id)));
        Assert.Equal("arxiv:2210.01117", reply.Card.Id);
    }

    [Fact]
    public void Show_finds_nested_sub_items_too()
    {
        var reply = Assert.IsType<EntryCardReply>(Commands().Run("show", Language.English, ("id", "arxiv:2012.10931/1.2")));
        Assert.Equal("stochastic differential equations", reply.Card.Title);
        Assert.Equal("Overview", reply.Card.Topic);
    }

    [Fact]
    public void Show_of_an_unknown_id_suggests_the_closest_ids_and_titles_in_one_line()
    {
        using var real = CommandHarness.Create(TestCatalog.Snapshot, Bot.Search.SearchEngine.Create, time);
        var english = Assert.IsType<ErrorReply>(real.Run("show", Language.English, ("id", "arxiv:2210.01118")));
        Assert.Equal(ErrorKind.UnknownId, english.Kind);
        Assert.StartsWith("No entry with id \"arxiv:2210.01118\". Closest: arxiv:2210.01117 (Omnigrok", english.Message);
        Assert.DoesNotContain('\n', english.Message);

        var byTitle = Assert.IsType<ErrorReply>(real.Run("show", Language.Chinese, ("id", "omnigrok")));
        Assert.StartsWith("没有编号为「omnigrok」的条目。最接近的有：arxiv:2210.01117", byTitle.Message);

        var nothingClose = Assert.IsType<ErrorReply>(real.Run("show", Language.English, ("id", "zzzzzzzzzzzzzzzzzzzz")));
        Assert.Contains("/dlt search", nothingClose.Message);
    }

    [Fact]
    public void An_id_longer_than_any_entry_can_have_is_refused_before_any_lookup()
    {
        var search = new FakeSearch(_ => throw new InvalidOperationException("must not be reached"));
        var reply = Assert.IsType<ErrorReply>(Commands(search).Run("show", Language.English, ("id", new string('x', 6000))));
        Assert.Equal(("id is too long: 6000 characters, at most 300", ErrorKind.BadOption), (reply.Message, reply.Kind));
    }

    [Fact]
    public void Search_passes_text_filters_and_page_to_the_engine_and_maps_hits_best_first()
    {
        var optimization = TestCatalog.List.Sections[1];
        var search = FakeSearch.Returning((TestCatalog.Omnigrok, optimization, 3.5f), (TestCatalog.Sgd, optimization, 1.25f));
        var reply = Assert.IsType<EntryListReply>(Commands(search).Run("search", Language.English,
            ("query", "grokking"), ("year", "2019-2022"), ("kind", "paper"), ("limit", "1"), ("page", "2")));

        Assert.Equal(new SearchQuery("grokking", null, new YearRange(2019, 2022), EntryKind.Paper, 1, 1), Assert.Single(search.Queries));
        var row = Assert.Single(reply.Rows);
        Assert.Equal(("arxiv:1710.11029", "Optimization", 1.25f), (row.Id, row.Topic, row.Score));
        Assert.Equal(new PageInfo(2, 1, 2), reply.Page);
        Assert.False(reply.Page.HasNext);
        // The title echoes the filters that narrowed the results.
        Assert.Equal("Search: grokking (2019–2022, papers)", reply.Title);
    }

    [Fact]
    public void Search_says_when_more_pages_exist()
    {
        var optimization = TestCatalog.List.Sections[1];
        var search = FakeSearch.Returning((TestCatalog.Omnigrok, optimization, 3.5f), (TestCatalog.Sgd, optimization, 1.25f));
        var reply = Assert.IsType<EntryListReply>(Commands(search).Run("search", Language.Chinese, ("query", "sgd"), ("limit", "1")));
        Assert.Contains("下一页：加 --page 2", reply.Notes);
    }

    [Fact]
    public void Search_without_hits_says_so_and_offers_the_engine_suggestions()
    {
        var search = new FakeSearch(_ => new SearchResponse([], 0, null, ["grokking", "优化"]));
        var reply = Assert.IsType<EntryListReply>(Commands(search).Run("search", Language.English, ("query", "grokkng")));
        Assert.Empty(reply.Rows);
        Assert.Equal(["No matches for \"grokkng\".", "Try: grokking, 优化"], reply.Notes);
        Assert.Equal(["grokking", "优化"], reply.Suggestions);
    }

    [Fact]
    public void Search_error_from_the_engine_becomes_a_one_line_error()
    {
        var search = new FakeSearch(_ => new SearchResponse([], 0, "the query has no words", []));
        var reply = Assert.IsType<ErrorReply>(Commands(search).Run("search", Language.English, ("query", "+++")));
        Assert.Equal(("Cannot search for that: the query has no words", ErrorKind.BadQuery), (reply.Message, reply.Kind));
    }

    [Fact]
    public void A_query_over_the_cap_is_refused_before_the_engine_sees_it()
    {
        var search = FakeSearch.Returning();
        var reply = Assert.IsType<ErrorReply>(Commands(search).Run("search", Language.English, ("query", new string('a', 300))));
        Assert.Equal(("query is too long: 300 characters, at most 200", ErrorKind.BadOption), (reply.Message, reply.Kind));
        Assert.Empty(search.Queries);
    }

    [Fact]
    public void Search_page_past_the_end_is_an_error_naming_the_page_count()
    {
        var optimization = TestCatalog.List.Sections[1];
        var search = FakeSearch.Returning((TestCatalog.Omnigrok, optimization, 3.5f));
        var reply = Assert.IsType<ErrorReply>(Commands(search).Run("search", Language.English, ("query", "grok"), ("page", "4")));
        Assert.Equal("Page 4 does not exist; there is 1 page", reply.Message);
    }

    [Fact]
    public void The_search_engine_is_built_on_first_search_only()
    {
        var built = 0;
        var commands = CommandHarness.Create(TestCatalog.Snapshot, _ => { built++; return FakeSearch.Returning(); }, time);
        commands.Run("topics", Language.English);
        commands.Run("show", Language.English, ("id", "arxiv:2210.01117"));
        Assert.Equal(0, built);
        commands.Run("search", Language.English, ("query", "x"));
        commands.Run("search", Language.English, ("query", "y"));
        Assert.Equal(1, built);
    }

    [Fact]
    public async Task Preparing_the_search_in_the_background_builds_it_once_for_all_later_searches()
    {
        var built = 0;
        var commands = CommandHarness.Create(TestCatalog.Snapshot, _ => { Interlocked.Increment(ref built); return FakeSearch.Returning(); }, time);
        await commands.Catalogs.Base.PrepareSearchAsync();
        Assert.Equal(1, built);
        commands.Run("search", Language.English, ("query", "x"));
        Assert.Equal(1, built);
    }

    [Fact]
    public void Random_picks_a_top_level_entry_with_the_given_random_source()
    {
        var first = Assert.IsType<EntryCardReply>(Commands(random: new Random(7)).Run("random", Language.English));
        var again = Assert.IsType<EntryCardReply>(Commands(random: new Random(7)).Run("random", Language.English));
        Assert.Equal(first.Card.Id, again.Card.Id);
        Assert.Contains(first.Card.Id, TestCatalog.List.Sections.SelectMany(s => s.Entries).Select(e => e.Id));
        Assert.Equal("A random pick", first.Heading);
    }

    [Fact]
    public void Random_is_weighted_towards_papers()
    {
        // Four of the five top-level entries are arXiv papers (weight 3); the PAC-Bayes notes have no link (weight 1),
        // so they should come up about 1 time in 13 rather than 1 in 5.
        var commands = Commands(random: new Random(2026));
        var notes = Enumerable.Range(0, 1300)
            .Count(_ => ((EntryCardReply)commands.Run("random", Language.English)).Card.Id == TestCatalog.Bounds.Id);
        Assert.InRange(notes, 60, 150);
    }

    [Fact]
    public void Topic_pages_hold_a_fixed_number_of_entries()
    {
        var entries = Enumerable.Range(1, TopicCommand.PageSize + 5)
            .Select(i => new Entry($"e{i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Entry {i}", null, [], null, "", [], i)).ToList();
        var list = new ReadingList("Long", "", [new Section("Optimization", TestCatalog.Optimization, entries, 1)]);
        using var commands = CommandHarness.Create(Bot.CatalogLoading.CatalogSnapshot.Of(list), time: time);
        var reply = Assert.IsType<EntryListReply>(commands.Run("topic", Language.English, ("name", "优化"), ("page", "2")));
        Assert.Equal(["e21", "e22", "e23", "e24", "e25"], reply.Rows.Select(r => r.Id));
        Assert.Equal(new PageInfo(2, TopicCommand.PageSize, 25), reply.Page);
    }

    [Fact]
    public void Random_on_an_empty_catalog_says_there_is_nothing_to_pick()
    {
        using var empty = CommandHarness.Create(Bot.CatalogLoading.CatalogSnapshot.Of(new ReadingList("Empty", "", [])), time: time);
        var reply = Assert.IsType<ErrorReply>(empty.Run("random", Language.Chinese));
        Assert.Equal("书单里没有可以挑选的条目。", reply.Message);
    }

    [Fact]
    public void Help_lists_every_command_in_both_languages()
    {
        foreach (var language in new[] { Language.English, Language.Chinese })
        {
            var help = Assert.IsType<InfoReply>(Commands().Run("help", language));
            foreach (var command in new[] { "search", "topic", "topics", "show", "random", "help", "about" })
                Assert.Contains(help.Lines, line => line.StartsWith("/dlt " + command + (command == "topic" ? " " : ""), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void About_reports_counts_source_and_uptime_from_the_time_provider()
    {
        var commands = Commands();
        time.Advance(new TimeSpan(1, 2, 3, 4));
        var about = Assert.IsType<InfoReply>(commands.Run("about", Language.English));
        var fields = about.Fields.ToDictionary(f => f.Label, f => f.Value);
        Assert.Equal("1d 2h 3m 4s", fields["Uptime"]);
        Assert.Equal("3 topics, 5 entries (7 with sub-items)", fields["Size"]);
        Assert.Equal("test catalog", fields["Source"]);

        var chinese = Assert.IsType<InfoReply>(commands.Run("about", Language.Chinese));
        Assert.Contains(new InfoField("运行时长", "1 天 2 小时 3 分 4 秒"), chinese.Fields);
    }
}
