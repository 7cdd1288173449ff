using DltBot.Bot.Commands;
using DltBot.Bot.Interactions;
using DltBot.Bot.Localization;
using DltBot.Bot.Rendering;
using DltBot.Catalog.Import;
using DltBot.Catalog.Search;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>Plurals, capitals after colons and list numbering in what users read.</summary>
public sealed class RoughTextTests
{
    [Theory]
    [InlineData(1, "1 entry")]
    [InlineData(0, "0 entries")]
    [InlineData(2, "2 entries")]
    public void A_count_agrees_with_its_noun_in_English(int count, string expected) =>
        Assert.Equal(expected, Strings.Count(Language.English, count, CountedNoun.Entry));

    [Fact]
    public void Chinese_counts_take_a_measure_word_and_no_plural() =>
        Assert.Equal("1 个条目", Strings.Count(Language.Chinese, 1, CountedNoun.Entry));

    [Fact]
    public void The_about_size_line_says_1_topic_not_1_topics() =>
        Assert.Equal("1 topic, 1 entry (1 with sub-items)",
            Strings.Get(Language.English, TextKey.CountsValue, Strings.Count(Language.English, 1, CountedNoun.Topic), Strings.Count(Language.English, 1, CountedNoun.Entry), 1));

    [Fact]
    public void Catalog_check_says_has_for_one_linked_sub_item()
    {
        var imported = MarkdownCatalogImporter.Import("# T\n\n## Overview\n\n1. An entry without a link\n    + 1.1 [A child](https://arxiv.org/abs/2012.10931)\n");
        var finding = Assert.Single(CatalogCheck.Run(imported), f => f.Message.Contains("no link of its own", StringComparison.Ordinal));
        Assert.Contains("(1 of its sub-items has one)", finding.Message);
    }

    [Theory]
    [InlineData("The query has no words", "the query has no words")]
    [InlineData("FTS5 refused it", "FTS5 refused it")]
    [InlineData("Discord:Urls is bad", "Discord:Urls is bad")]
    public void A_message_after_a_colon_continues_the_sentence(string message, string expected) =>
        Assert.Equal(expected, Strings.AfterColon(message));

    [Fact]
    public void An_unusable_query_reads_as_one_sentence()
    {
        var search = new FakeSearch(_ => new SearchResponse([], 0, "The query has no searchable words.", []));
        var reply = CommandHarness.Create(TestCatalog.Snapshot, _ => search, new FakeTimeProvider()).Run("search", Language.English, ("query", "???"));
        Assert.Equal("Cannot search for that: the query has no searchable words.", Assert.IsType<ErrorReply>(reply).Message);
    }

    private static EntryListReply SecondPageOfATopic() => new(Language.English, "Optimization · 优化",
        [new EntryRow("optimization-sgd", "7", "SGD", null, null, "Optimization"), new EntryRow("arxiv:1412.6980", "10", "Adam", "https://arxiv.org/abs/1412.6980", null, "Optimization")],
        new PageInfo(2, 2, 4), []);

    [Fact]
    public void Console_rows_are_numbered_by_place_across_pages_not_by_the_source_numbers()
    {
        var output = new StringWriter();
        ConsoleRenderer.Render(SecondPageOfATopic(), output);
        var text = output.ToString();
        Assert.Contains("3. SGD", text);
        Assert.Contains("4. Adam", text);
        Assert.DoesNotContain("7.", text);
        Assert.DoesNotContain("10.", text);
    }

    [Fact]
    public void Discord_rows_are_numbered_by_place_across_pages_not_by_the_source_numbers()
    {
        var description = DiscordReplyRenderer.Render(SecondPageOfATopic(), 1).Embeds![0].Description!;
        Assert.StartsWith("**3. SGD**", description);
        Assert.Contains("**4. [Adam]", description);
        Assert.DoesNotContain("**7.", description);
    }
}
