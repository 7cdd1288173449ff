using DltBot.Bot.Commands;
using DltBot.Bot.Interactions;
using DltBot.Bot.Localization;
using DltBot.Catalog.Model;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;

namespace DltBot.Bot.Tests.Interactions;

public sealed class ReplyRendererTests
{
    [Fact]
    public void A_huge_entry_card_is_cut_to_Discord_limits_instead_of_failing()
    {
        var links = Enumerable.Range(0, 80).Select(i => new Link("Link " + i + new string('l', 40), "https://example.org/" + i)).ToList();
        var children = Enumerable.Range(0, 60).Select(i => new EntryCard("c" + i, "1." + i, "Child " + new string('c', 60), null, null, "t", "", [], [])).ToList();
        var card = new EntryCard("id", "1", new string('T', 400), "https://example.org", 2020, "Topic", new string('d', 9000), links, children);

        var message = DiscordReplyRenderer.Render(new EntryCardReply(Language.English, card, "Heading"), 1);

        var embed = Assert.Single(message.Embeds!);
        MessageValidator.Validate(InteractionResponse.Message(message));
        Assert.True(DiscordReplyRenderer.TotalLength(embed) <= 6000);
        Assert.EndsWith("…", embed.Title);
        Assert.Contains(embed.Fields!, f => f.Value.Contains("more"));
    }

    [Fact]
    public void Errors_are_one_ephemeral_line()
    {
        var message = DiscordReplyRenderer.Render(new ErrorReply(Language.English, ErrorKind.UnknownTopic, "Unknown topic \"x\".", []), 1);
        Assert.True(message.Ephemeral);
        Assert.Null(message.Embeds);
        Assert.Contains("Unknown topic", message.Content);
    }

    [Fact]
    public void Markdown_in_titles_cannot_break_links_and_mentions_never_ping()
    {
        var rows = new[] { new EntryRow("a", "1", "[evil](https://x) @everyone", "https://example.org/a", 2020, "t") };
        var list = new EntryListReply(Language.English, "Search: x", rows, new PageInfo(1, 5, 1), [], Paging: new SearchPages("x", null, null, null));

        var message = DiscordReplyRenderer.Render(list, 1);

        Assert.Contains("[(evil)(https://x) @everyone](https://example.org/a)", message.Embeds![0].Description);
        Assert.Equal(AllowedMentions.None, message.AllowedMentions);
        Assert.DoesNotContain(message.Components!, row => row.Components!.Any(c => c.Type == ComponentType.Button)); // one page: no paging
    }
}
