using DltBot.Bot.Interactions;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;

namespace DltBot.Bot.Tests.Interactions;

public sealed class InteractionRouterTests
{
    private readonly InteractionRouter _router = DiscordCatalog.Router();

    private InteractionResponse Answer(Interaction interaction)
    {
        var response = _router.Plan(interaction).Produce(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        MessageValidator.Validate(response); // never a 400 from Discord
        return response;
    }

    [Fact]
    public void Search_lists_the_grokking_papers_five_a_page_with_paging_and_an_entry_select()
    {
        var interaction = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" });
        var plan = _router.Plan(interaction);
        var response = Answer(interaction);

        Assert.Equal(DeferStyle.Message, plan.Defer);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        var embed = Assert.Single(response.Data!.Embeds!);
        Assert.Contains("grokking", embed.Title);
        Assert.Contains("[Grokking: Generalization Beyond Overfitting", embed.Description);
        Assert.Contains("Page 1 of 2 (7", embed.Footer!.Text);
        Assert.False(Ephemeral(response));
        Assert.Equal(new List<string>(), response.Data.AllowedMentions!.Parse);

        var buttons = response.Data.Components![0].Components!;
        Assert.True(buttons[0].Disabled);
        Assert.True(CustomIdCodec.TryDecode(buttons[1].CustomId, out var next));
        Assert.Equal(new SearchPageState(2, TestInteractions.Alice, "grokking", null, null, null), next);

        var select = Assert.Single(response.Data.Components[1].Components!);
        Assert.Equal(ComponentType.StringSelect, select.Type);
        Assert.Equal(5, select.Options!.Count);
    }

    [Fact]
    public void A_zh_locale_gets_Chinese_text()
    {
        var response = Answer(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking" }, locale: "zh-CN"));

        var embed = response.Data!.Embeds![0];
        Assert.StartsWith("搜索", embed.Title);
        Assert.Contains("第 1/2 页", embed.Footer!.Text);
        Assert.Equal("下一页 ▶", response.Data.Components![0].Components![1].Label);
    }

    [Fact]
    public void The_requester_clicking_next_updates_their_message()
    {
        var id = CustomIdCodec.Encode(new SearchPageState(2, TestInteractions.Alice, "grokking"));
        var plan = _router.Plan(TestInteractions.Click(id, TestInteractions.Alice));
        var response = Answer(TestInteractions.Click(id, TestInteractions.Alice));

        Assert.Equal(DeferStyle.Update, plan.Defer);
        Assert.Equal(InteractionCallbackType.UpdateMessage, response.Type);
        Assert.Contains("Page 2 of 2", response.Data!.Embeds![0].Footer!.Text);
        Assert.Contains("Grokking as the transition", response.Data.Embeds[0].Description);
    }

    [Fact]
    public void Someone_else_clicking_gets_their_own_ephemeral_copy_to_page_through()
    {
        var id = CustomIdCodec.Encode(new SearchPageState(2, TestInteractions.Alice, "grokking"));
        var plan = _router.Plan(TestInteractions.Click(id, TestInteractions.Bob));
        var response = Answer(TestInteractions.Click(id, TestInteractions.Bob));

        Assert.Equal(DeferStyle.EphemeralMessage, plan.Defer);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Type);
        Assert.True(Ephemeral(response));
        Assert.True(CustomIdCodec.TryDecode(response.Data!.Components![0].Components![0].CustomId, out var previous));
        Assert.Equal(TestInteractions.Bob, previous!.RequesterId);
    }

    [Fact]
    public void Picking_an_entry_shows_its_card_with_children()
    {
        var pick = CustomIdCodec.Encode(new EntryPickState(TestInteractions.Alice));
        var response = Answer(TestInteractions.Click(pick, TestInteractions.Alice, values: ["arxiv:2210.01117"]));

        var embed = response.Data!.Embeds![0];
        Assert.Contains("Omnigrok: Grokking Beyond Algorithmic Data", embed.Title);
        Assert.Equal("https://arxiv.org/abs/2210.01117", embed.Url);
        Assert.Contains(embed.Fields!, f => f.Value.Contains("Omnigrok code"));
        Assert.False(Ephemeral(response));

        var forBob = Answer(TestInteractions.Click(pick, TestInteractions.Bob, values: ["arxiv:2210.01117"]));
        Assert.True(Ephemeral(forBob));
    }

    [Fact]
    public void An_id_too_long_for_a_select_value_goes_through_its_short_form()
    {
        var page = Answer(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "long id" }));
        var option = Assert.Single(page.Data!.Components![^1].Components![0].Options!);
        Assert.StartsWith("h:", option.Value);
        Assert.True(option.Value.Length <= 100);

        var card = Answer(TestInteractions.Click(CustomIdCodec.Encode(new EntryPickState(TestInteractions.Alice)), values: [option.Value]));
        Assert.Contains("far too long", card.Data!.Embeds![0].Title);
    }

    [Fact]
    public void Autocomplete_for_show_offers_titles_within_Discord_limits()
    {
        var interaction = TestInteractions.Autocomplete("show", "id", "grok");
        var plan = _router.Plan(interaction);
        var response = Answer(interaction);

        Assert.Equal(DeferStyle.None, plan.Defer);
        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, response.Type);
        var choices = response.Data!.Choices!;
        Assert.InRange(choices.Count, 2, 25);
        Assert.All(choices, c => Assert.InRange(c.Name.Length, 1, 100));
        Assert.Contains(choices, c => c.Value.Text == "arxiv:2201.02177");
    }

    [Fact]
    public void Autocomplete_for_topics_answers_in_the_user_language()
    {
        var english = Answer(TestInteractions.Autocomplete("topic", "name", "opt"));
        var chinese = Answer(TestInteractions.Autocomplete("topic", "name", "优", locale: "zh-TW"));

        Assert.Equal("Optimization · 优化", Assert.Single(english.Data!.Choices!).Name);
        var choice = Assert.Single(chinese.Data!.Choices!);
        Assert.Equal("优化 · Optimization", choice.Name);
        Assert.Equal("Optimization", choice.Value.Text);
    }

    [Fact]
    public void A_bad_option_is_answered_at_once_with_an_ephemeral_line()
    {
        var interaction = TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = "grokking", ["year"] = "soon" });
        var plan = _router.Plan(interaction);
        var response = Answer(interaction);

        Assert.Equal(DeferStyle.None, plan.Defer);
        Assert.True(Ephemeral(response));
        Assert.Contains("soon", response.Data!.Content);
    }

    [Theory]
    [InlineData("remind:1528672814784186913")]
    [InlineData("dlt1|s|zz")]
    public void A_foreign_or_damaged_button_gets_a_notice_not_a_crash(string customId)
    {
        var response = Answer(TestInteractions.Click(customId));
        Assert.True(Ephemeral(response));
        Assert.Contains("older message", response.Data!.Content);
    }

    [Theory]
    [InlineData("help", "DltBot")]
    [InlineData("about", "About")]
    [InlineData("show", "Understanding deep learning")]
    public void Other_subcommands_render_as_embeds(string subcommand, string expected)
    {
        var options = subcommand == "show" ? new Dictionary<string, string> { ["id"] = "arxiv:1611.03530" } : null;
        var response = Answer(TestInteractions.Slash(subcommand, options));
        var embed = Assert.Single(response.Data!.Embeds!);
        Assert.Contains(expected, embed.Title);
    }

    [Fact]
    public void A_long_query_is_shortened_once_so_every_page_searches_the_same_text()
    {
        var query = "grokking " + new string('x', 150);
        var response = Answer(TestInteractions.Slash("search", new Dictionary<string, string> { ["query"] = query }));
        var title = response.Data!.Embeds![0].Title!;
        Assert.DoesNotContain(new string('x', 150), title);
    }

    private static bool Ephemeral(InteractionResponse response) => response.Data?.Flags?.HasFlag(MessageFlags.Ephemeral) == true;
}
