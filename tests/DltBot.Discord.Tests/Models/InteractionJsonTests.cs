using System.Text.Json;
using System.Text.Json.Nodes;
using DltBot.Discord.Json;
using DltBot.Discord.Models;

namespace DltBot.Discord.Tests.Models;

public sealed class InteractionJsonTests
{
    private static Interaction Parse(string json) =>
        JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Interaction) ?? throw new InvalidOperationException("null");

    private static string Write(Interaction interaction) => JsonSerializer.Serialize(interaction, DiscordJsonContext.Default.Interaction);

    public static TheoryData<string, string, InteractionType> AllFixtures => new()
    {
        { "slash", InteractionFixtures.SlashSubcommand, InteractionType.ApplicationCommand },
        { "group", InteractionFixtures.SubcommandGroup, InteractionType.ApplicationCommand },
        { "autocomplete", InteractionFixtures.Autocomplete, InteractionType.ApplicationCommandAutocomplete },
        { "button", InteractionFixtures.Button, InteractionType.MessageComponent },
        { "select", InteractionFixtures.StringSelect, InteractionType.MessageComponent },
        { "modal-label", InteractionFixtures.ModalSubmitLabel, InteractionType.ModalSubmit },
        { "modal-row", InteractionFixtures.ModalSubmitActionRow, InteractionType.ModalSubmit },
        { "ping", InteractionFixtures.Ping, InteractionType.Ping },
        { "dm", InteractionFixtures.DirectMessageWithNumericIds, InteractionType.ApplicationCommand },
    };

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Every_interaction_type_round_trips_without_losing_modelled_fields(string name, string json, InteractionType type)
    {
        var parsed = Parse(json);
        var written = Write(parsed);
        var reparsed = Parse(written);

        Assert.Equal(type, parsed.Type);
        Assert.Equal(written, Write(reparsed));
        var node = JsonNode.Parse(written)!;
        Assert.Equal(parsed.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), node["id"]!.GetValue<string>());
        Assert.Null(node["_trace"]);
        Assert.Null(node["invoking_user"]);
        Assert.DoesNotContain("\"entitlements\"", written);
        Assert.NotEmpty(name);
    }

    [Fact]
    public void Slash_command_resolves_subcommand_and_typed_values()
    {
        var interaction = Parse(InteractionFixtures.SlashSubcommand);

        var (path, options) = interaction.Data!.ResolveSubcommand();

        Assert.Equal(1529100000000000001UL, interaction.Id);
        Assert.Equal(1190000000000000001UL, interaction.ApplicationId);
        Assert.Equal("dlt", interaction.Data.Name);
        Assert.Equal(["search"], path);
        Assert.Equal("神经正切核", options.Single(o => o.Name == "query").GetString());
        Assert.Equal(5, options.Single(o => o.Name == "limit").GetInt64());
        Assert.True(options.Single(o => o.Name == "english").GetBoolean());
        Assert.Equal("zh-CN", interaction.Locale);
        Assert.Equal("zh-CN", interaction.GuildLocale);
        Assert.Equal("张三", interaction.InvokingUser!.DisplayName);
        Assert.Equal(InteractionContextType.Guild, interaction.Context);
        Assert.Equal("1125899906842623", interaction.Member!.Permissions);
        Assert.Equal("reading-group", interaction.Channel!.Name);
    }

    [Fact]
    public void Subcommand_group_path_has_both_levels()
    {
        var (path, options) = Parse(InteractionFixtures.SubcommandGroup).Data!.ResolveSubcommand();

        Assert.Equal(["admin", "reload"], path);
        Assert.Empty(options);
    }

    [Fact]
    public void Autocomplete_finds_the_focused_option_inside_the_subcommand()
    {
        var focused = Parse(InteractionFixtures.Autocomplete).Data!.FindFocusedOption();

        Assert.NotNull(focused);
        Assert.Equal("entry", focused.Name);
        Assert.Equal("grok", focused.GetString());
    }

    [Fact]
    public void Button_click_carries_custom_id_and_the_message_it_sits_on()
    {
        var interaction = Parse(InteractionFixtures.Button);

        Assert.Equal(ComponentType.Button, interaction.Data!.ComponentType);
        Assert.Equal("dlt:page:2", interaction.Data.CustomId);
        var row = Assert.Single(interaction.Message!.Components!);
        Assert.Equal(ButtonStyle.Link, row.Components![1].ButtonStyle);
        Assert.Equal("https://arxiv.org/abs/1806.07572", row.Components[1].Url);
        Assert.Equal("Neural Tangent Kernel", interaction.Message.Embeds![0].Title);
    }

    [Fact]
    public void String_select_carries_the_chosen_values()
    {
        var data = Parse(InteractionFixtures.StringSelect).Data!;

        Assert.Equal(ComponentType.StringSelect, data.ComponentType);
        Assert.Equal(["generalization", "optimization"], data.Values);
    }

    [Theory]
    [InlineData(InteractionFixtures.ModalSubmitLabel, "Grokking: Generalization Beyond Overfitting", "第一行\n第二行")]
    [InlineData(InteractionFixtures.ModalSubmitActionRow, "Deep Double Descent", "classic")]
    public void Modal_values_are_read_from_both_layouts(string json, string title, string why)
    {
        var data = Parse(json).Data!;

        var values = data.GetModalValues();

        Assert.Equal("dlt:suggest", data.CustomId);
        Assert.Equal(title, values["title"]);
        Assert.Equal(why, values["why"]);
    }

    [Fact]
    public void Label_layout_also_yields_select_values()
    {
        var values = Parse(InteractionFixtures.ModalSubmitLabel).Data!.GetModalValues();

        Assert.Equal("generalization", values["section"]);
    }

    [Fact]
    public void Direct_message_uses_user_and_accepts_numeric_snowflakes()
    {
        var interaction = Parse(InteractionFixtures.DirectMessageWithNumericIds);

        Assert.Null(interaction.Member);
        Assert.Equal(720000000000000042UL, interaction.InvokingUser!.Id);
        Assert.Equal("zhang.san", interaction.InvokingUser.DisplayName);
        Assert.Equal(ChannelType.Dm, interaction.Channel!.Type);
        Assert.Equal(InteractionContextType.BotDm, interaction.Context);
        Assert.Contains("\"id\":\"1529100000000000008\"", Write(interaction));
    }

    [Fact]
    public void Ping_has_no_locale_and_no_data()
    {
        var ping = Parse(InteractionFixtures.Ping);

        Assert.Null(ping.Locale);
        Assert.Null(ping.Data);
        Assert.Equal("app.owner", ping.User!.Username);
    }

    [Theory]
    [InlineData("""{"application_id":"1","type":2,"token":"t"}""", "id")]
    [InlineData("""{"id":"x1","application_id":"1","type":2,"token":"t"}""", "snowflake")]
    public void Malformed_interaction_is_a_json_error_not_a_crash(string json, string mentioned)
    {
        var error = Assert.Throws<JsonException>(() => Parse(json));

        Assert.Contains(mentioned, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
