using System.Text;
using System.Text.Json;
using DltBot.FakeDiscord;

namespace DltBot.Discord.Tests.Fake;

public sealed class FakeInteractionFactoryTests : IAsyncLifetime
{
    private FakeDiscordServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeInteractionFactory Factory => _server.Interactions;

    public async ValueTask InitializeAsync() => _server = await FakeDiscordServer.StartAsync(cancellationToken: Ct);

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Slash_command_with_subcommand_nests_leaf_options()
    {
        var interaction = Factory.SlashCommand("dlt", "search", FakeOption.String("query", "泛化"), FakeOption.Integer("limit", 5));

        var root = Parse(interaction);
        Assert.Equal(2, root.GetProperty("type").GetInt32());
        Assert.Equal(interaction.Id, root.GetProperty("id").GetString());
        Assert.Equal(interaction.Token, root.GetProperty("token").GetString());
        Assert.Equal("zh-CN", root.GetProperty("locale").GetString());
        var sub = root.GetProperty("data").GetProperty("options")[0];
        Assert.Equal((1, "search"), (sub.GetProperty("type").GetInt32(), sub.GetProperty("name").GetString()));
        Assert.Equal("泛化", sub.GetProperty("options")[0].GetProperty("value").GetString());
        Assert.Equal(5, sub.GetProperty("options")[1].GetProperty("value").GetInt32());
        Assert.Contains("泛化", interaction.Json, StringComparison.Ordinal); // raw UTF-8, as Discord sends it
    }

    [Fact]
    public void Subcommand_group_is_two_levels_deep()
    {
        var data = Parse(Factory.SlashCommand("dlt", "admin reload")).GetProperty("data");

        var group = data.GetProperty("options")[0];
        Assert.Equal((2, "admin"), (group.GetProperty("type").GetInt32(), group.GetProperty("name").GetString()));
        Assert.Equal("reload", group.GetProperty("options")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Bare_command_has_no_options()
    {
        Assert.False(Parse(Factory.SlashCommand("ping")).GetProperty("data").TryGetProperty("options", out _));
    }

    [Fact]
    public void Autocomplete_marks_only_the_focused_option()
    {
        var root = Parse(Factory.Autocomplete("dlt", "topic", "name", "gen", FakeOption.Boolean("public", true)));

        Assert.Equal(4, root.GetProperty("type").GetInt32());
        var leaves = root.GetProperty("data").GetProperty("options")[0].GetProperty("options");
        Assert.False(leaves[0].TryGetProperty("focused", out _));
        Assert.True(leaves[1].GetProperty("focused").GetBoolean());
        Assert.Equal("gen", leaves[1].GetProperty("value").GetString());
    }

    [Fact]
    public void Button_and_select_carry_component_data_and_the_message()
    {
        var button = Parse(Factory.Button("page:2", messageId: "42"));
        var select = Parse(Factory.StringSelect("topic", "a", "b"));

        Assert.Equal(3, button.GetProperty("type").GetInt32());
        Assert.Equal((2, "page:2"), (button.GetProperty("data").GetProperty("component_type").GetInt32(), button.GetProperty("data").GetProperty("custom_id").GetString()));
        Assert.Equal("42", button.GetProperty("message").GetProperty("id").GetString());
        Assert.Equal(3, select.GetProperty("data").GetProperty("component_type").GetInt32());
        Assert.Equal(["a", "b"], select.GetProperty("data").GetProperty("values").EnumerateArray().Select(v => v.GetString()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Modal_submit_uses_the_requested_layout(bool labelLayout)
    {
        var values = new Dictionary<string, string> { ["title"] = "新标题", ["body"] = "line1\nline2" };

        var data = Parse(Factory.ModalSubmit("edit:1", values, labelLayout)).GetProperty("data");

        var first = data.GetProperty("components")[0];
        Assert.Equal(labelLayout ? 18 : 1, first.GetProperty("type").GetInt32());
        var input = labelLayout ? first.GetProperty("component") : first.GetProperty("components")[0];
        Assert.Equal((4, "title", "新标题"), (input.GetProperty("type").GetInt32(), input.GetProperty("custom_id").GetString(), input.GetProperty("value").GetString()));
        Assert.Equal(2, data.GetProperty("components").GetArrayLength());
    }

    [Fact]
    public void Dm_interaction_has_user_and_no_member_or_guild()
    {
        Factory.InGuild = false;

        var root = Parse(Factory.SlashCommand("dlt", "search", FakeOption.String("query", "x")));

        Assert.True(root.TryGetProperty("user", out _));
        Assert.False(root.TryGetProperty("member", out _));
        Assert.False(root.TryGetProperty("guild_id", out _));
        Assert.Equal(1, root.GetProperty("context").GetInt32());
    }

    [Fact]
    public void Ping_has_no_locale_and_ids_are_unique()
    {
        var a = Factory.Ping();
        var b = Factory.Ping();

        Assert.Equal(1, Parse(a).GetProperty("type").GetInt32());
        Assert.False(Parse(a).TryGetProperty("locale", out _));
        Assert.NotEqual(a.Id, b.Id);
        Assert.NotEqual(a.Token, b.Token);
    }

    [Fact]
    public async Task Interaction_sent_over_the_gateway_is_answered_on_the_callback_route()
    {
        var (client, _) = await RawGatewayClient.IdentifiedAsync(_server.GatewayUrl);
        await using var _ = client;
        var interaction = Factory.SlashCommand("dlt", "search", FakeOption.String("query", "grokking"));

        await _server.Gateway.SendInteractionAsync(interaction.Json, Ct);
        var frame = await client.ReceiveFrameAsync();
        var id = frame.GetProperty("d").GetProperty("id").GetString();
        var token = frame.GetProperty("d").GetProperty("token").GetString();
        using var http = new HttpClient();
        using var response = await http.PostAsync(
            $"{_server.RestBaseUrl}/interactions/{id}/{token}/callback",
            new StringContent("""{"type":5}""", Encoding.UTF8, "application/json"),
            Ct);

        var callback = await _server.Rest.WaitForCallbackAsync(interaction.Id, Ct).WaitAsync(RawGatewayClient.SafetyNet, Ct);
        Assert.Equal("INTERACTION_CREATE", frame.GetProperty("t").GetString());
        Assert.Equal(interaction.Token, callback.RouteValues["token"]);
        Assert.Equal(204, callback.ResponseStatus);
    }

    private static JsonElement Parse(FakeInteraction interaction)
    {
        using var document = JsonDocument.Parse(interaction.Json);
        return document.RootElement.Clone();
    }
}
