using System.Text.Json;
using System.Text.Json.Nodes;
using DltBot.Discord.Builders;
using DltBot.Discord.Json;
using DltBot.Discord.Models;

namespace DltBot.Discord.Tests.Models;

public sealed class ResponseJsonTests
{
    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}\nactual   {actual}");

    private static string Write(InteractionResponse response) => JsonSerializer.Serialize(response, DiscordJsonContext.Default.InteractionResponse);

    public static TheoryData<string, string> Responses => new()
    {
        { "pong", """{"type":1}""" },
        { "message", """{"type":4,"data":{"content":"找到 3 条","allowed_mentions":{"parse":[]},"flags":64}}""" },
        { "deferred", """{"type":5}""" },
        { "deferred-ephemeral", """{"type":5,"data":{"flags":64}}""" },
        { "deferred-update", """{"type":6}""" },
        { "update", """{"type":7,"data":{"content":"Page 2","components":[],"allowed_mentions":{"parse":[]}}}""" },
        { "autocomplete", """{"type":8,"data":{"choices":[{"name":"Neural Tangent Kernel","value":"ntk"},{"name":"Page","value":2,"name_localizations":{"zh-CN":"页"}}]}}""" },
        { "modal", """{"type":9,"data":{"custom_id":"dlt:suggest","title":"Suggest a paper","components":[{"type":18,"label":"Title","component":{"type":4,"custom_id":"title","style":1,"required":true,"max_length":256}}]}}""" },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public void Every_response_type_serializes_to_discords_shape(string kind, string expected)
    {
        var response = kind switch
        {
            "pong" => InteractionResponse.Pong(),
            "message" => InteractionResponse.Message(new MessageCallback { Content = "找到 3 条", Ephemeral = true }),
            "deferred" => InteractionResponse.Deferred(),
            "deferred-ephemeral" => InteractionResponse.Deferred(ephemeral: true),
            "deferred-update" => InteractionResponse.DeferredUpdate(),
            "update" => InteractionResponse.UpdateMessage(new MessageCallback { Content = "Page 2", Components = [] }),
            "autocomplete" => InteractionResponse.Autocomplete(
            [
                new ApplicationCommandOptionChoice { Name = "Neural Tangent Kernel", Value = "ntk" },
                new ApplicationCommandOptionChoice { Name = "Page", Value = 2, NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "页" } },
            ]),
            "modal" => InteractionResponse.Modal("dlt:suggest", "Suggest a paper",
                [ComponentBuilders.Label("Title", ComponentBuilders.TextInput("title", TextInputStyle.Short, maxLength: 256))]),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        MessageValidator.Validate(response);
        AssertJson(expected, Write(response));
        var back = JsonSerializer.Deserialize(expected, DiscordJsonContext.Default.InteractionResponse)!;
        AssertJson(expected, Write(back));
    }

    [Fact]
    public void Channel_message_defaults_to_no_mentions_and_keeps_embeds_and_buttons()
    {
        var message = new MessageCreateRequest
        {
            Content = "@everyone new paper",
            Embeds = [new EmbedBuilder().WithTitle("Deep Double Descent", "https://arxiv.org/abs/1912.02292").WithColor(0x3498DB)
                .WithTimestamp(new DateTimeOffset(2026, 7, 20, 8, 0, 0, TimeSpan.Zero)).WithFooter("DltBot").AddField("Section", "Generalization").Build()],
            Components = [ComponentBuilders.ActionRow(ComponentBuilders.Button(ButtonStyle.Secondary, "More", "dlt:more:1"), ComponentBuilders.LinkButton("arXiv", "https://arxiv.org/abs/1912.02292"))],
        };

        var json = JsonSerializer.Serialize(message, DiscordJsonContext.Default.MessageCreateRequest);

        AssertJson("""
            {"content":"@everyone new paper","allowed_mentions":{"parse":[]},
             "embeds":[{"title":"Deep Double Descent","url":"https://arxiv.org/abs/1912.02292","color":3447003,"timestamp":"2026-07-20T08:00:00+00:00",
                        "footer":{"text":"DltBot"},"fields":[{"name":"Section","value":"Generalization","inline":false}]}],
             "components":[{"type":1,"components":[{"type":2,"custom_id":"dlt:more:1","style":2,"label":"More"},{"type":2,"style":5,"label":"arXiv","url":"https://arxiv.org/abs/1912.02292"}]}]}
            """, json);
    }

    [Fact]
    public void Edit_request_defaults_to_no_mentions_and_omits_unchanged_parts()
    {
        var json = JsonSerializer.Serialize(new MessageEditRequest { Embeds = [] }, DiscordJsonContext.Default.MessageEditRequest);

        AssertJson("""{"embeds":[],"allowed_mentions":{"parse":[]}}""", json);
    }

    [Fact]
    public void Command_definitions_serialize_like_the_bulk_overwrite_body()
    {
        var command = new ApplicationCommand
        {
            Name = "dlt",
            Type = ApplicationCommandType.ChatInput,
            Description = "Deep learning theory reading list",
            DescriptionLocalizations = new Dictionary<string, string> { ["zh-CN"] = "深度学习理论书单" },
            DefaultMemberPermissions = "32",
            Contexts = [InteractionContextType.Guild],
            IntegrationTypes = [ApplicationIntegrationType.GuildInstall],
            Options =
            [
                new ApplicationCommandOption
                {
                    Type = ApplicationCommandOptionType.SubCommand, Name = "search", Description = "Search the list",
                    NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "搜索" },
                    Options =
                    [
                        new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "query", Description = "Words", Required = true, MaxLength = 100, Autocomplete = true },
                        new ApplicationCommandOption { Type = ApplicationCommandOptionType.Channel, Name = "channel", Description = "Where", ChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement] },
                        new ApplicationCommandOption { Type = ApplicationCommandOptionType.Integer, Name = "limit", Description = "How many", MinValue = 1, MaxValue = 10, Choices = [new ApplicationCommandOptionChoice { Name = "five", Value = 5 }] },
                    ],
                },
            ],
        };

        var json = JsonSerializer.Serialize<IReadOnlyList<ApplicationCommand>>([command], DiscordJsonContext.Default.IReadOnlyListApplicationCommand);

        AssertJson("""
            [{"type":1,"name":"dlt","description":"Deep learning theory reading list","description_localizations":{"zh-CN":"深度学习理论书单"},
              "default_member_permissions":"32","contexts":[0],"integration_types":[0],
              "options":[{"type":1,"name":"search","name_localizations":{"zh-CN":"搜索"},"description":"Search the list","options":[
                {"type":3,"name":"query","description":"Words","required":true,"max_length":100,"autocomplete":true},
                {"type":7,"name":"channel","description":"Where","channel_types":[0,5]},
                {"type":4,"name":"limit","description":"How many","min_value":1,"max_value":10,"choices":[{"name":"five","value":5}]}]}]}]
            """, json);
    }

    [Fact]
    public void Registered_commands_with_server_fields_parse()
    {
        const string json = """
            [{"id":"1290000000000000001","application_id":"1190000000000000001","version":"1290000000000000002","default_member_permissions":null,
              "type":1,"name":"dlt","description":"d","dm_permission":true,"contexts":null,"integration_types":[0],"nsfw":false,
              "options":[{"type":3,"name":"q","description":"d","required":true,"choices":[{"name":"a","value":"a"},{"name":"pi","value":3.14}]}]}]
            """;

        var commands = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.IReadOnlyListApplicationCommand)!;

        var command = Assert.Single(commands);
        Assert.Equal(1290000000000000001UL, command.Id);
        Assert.Equal("a", command.Options![0].Choices![0].Value.Text);
        Assert.Equal(3.14, command.Options[0].Choices![1].Value.Number);
    }

    [Fact]
    public void Error_and_gateway_bodies_parse()
    {
        var error = JsonSerializer.Deserialize("""{"message":"Unknown interaction","code":10062}""", DiscordJsonContext.Default.DiscordErrorBody)!;
        var limited = JsonSerializer.Deserialize("""{"message":"x","retry_after":1.337,"global":false}""", DiscordJsonContext.Default.RateLimitBody)!;

        Assert.Equal(10062, error.Code);
        Assert.Equal(1.337, limited.RetryAfter);
        Assert.False(limited.Global);
    }
}
