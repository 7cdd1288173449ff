using System.Net;
using System.Text.Json.Nodes;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private const string Ct = "application/json";

    [Fact]
    public async Task Create_message_sends_bot_auth_user_agent_json_and_suppresses_mentions()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        var message = await kit.Client.CreateMessageAsync(ChannelA, new MessageCreateRequest { Content = "@everyone read this" });

        var request = Assert.Single(kit.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{BaseUrl}/channels/{ChannelA}/messages", request.Uri.ToString());
        Assert.Equal($"Bot {Token}", request.Authorization);
        Assert.Matches(@"^DiscordBot \(https?://\S+, [\w.]+\)$", request.UserAgent);
        Assert.Equal(Ct, request.ContentType);
        var body = JsonNode.Parse(request.Body!)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"content":"@everyone read this","allowed_mentions":{"parse":[]}}"""), body), body.ToJsonString());
        Assert.Equal(1528672814784186913UL, message.Id);
    }

    public static TheoryData<string, string, string, bool> Endpoints => new()
    {
        { "gateway", "GET", "/gateway/bot", true },
        { "global-get", "GET", $"/applications/{AppId}/commands?with_localizations=true", true },
        { "global-put", "PUT", $"/applications/{AppId}/commands", true },
        { "guild-get", "GET", $"/applications/{AppId}/guilds/42/commands?with_localizations=true", true },
        { "guild-put", "PUT", $"/applications/{AppId}/guilds/42/commands", true },
        { "callback", "POST", $"/interactions/{InteractionId}/{InteractionToken}/callback", false },
        { "edit-original", "PATCH", $"/webhooks/{AppId}/{InteractionToken}/messages/@original", false },
        { "delete-original", "DELETE", $"/webhooks/{AppId}/{InteractionToken}/messages/@original", false },
        { "followup", "POST", $"/webhooks/{AppId}/{InteractionToken}?wait=true", false },
        { "edit-followup", "PATCH", $"/webhooks/{AppId}/{InteractionToken}/messages/77", false },
        { "delete-followup", "DELETE", $"/webhooks/{AppId}/{InteractionToken}/messages/77", false },
        { "create-message", "POST", $"/channels/{ChannelA}/messages", true },
        { "start-thread", "POST", $"/channels/{ChannelA}/messages/1528672814784186913/threads", true },
        { "get-channel", "GET", $"/channels/{ChannelA}", true },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_uses_the_documented_method_and_path(string endpoint, string method, string path, bool botAuth)
    {
        var kit = new RestTestKit();
        var (status, json) = endpoint switch
        {
            "gateway" => (HttpStatusCode.OK, """{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":999,"reset_after":14400000,"max_concurrency":1}}"""),
            "global-get" or "global-put" or "guild-get" or "guild-put" => (HttpStatusCode.OK, "[]"),
            "callback" or "delete-original" or "delete-followup" => (HttpStatusCode.NoContent, null),
            "start-thread" or "get-channel" => (HttpStatusCode.OK, ChannelJson),
            _ => (HttpStatusCode.OK, MessageJson),
        };
        kit.Handler.Respond(status, json);
        var client = kit.Client;
        var edit = new MessageEditRequest { Content = "edited" };

        await (endpoint switch
        {
            "gateway" => client.GetGatewayBotAsync(),
            "global-get" => client.GetGlobalCommandsAsync(AppId),
            "global-put" => client.BulkOverwriteGlobalCommandsAsync(AppId, []),
            "guild-get" => client.GetGuildCommandsAsync(AppId, 42),
            "guild-put" => client.BulkOverwriteGuildCommandsAsync(AppId, 42, []),
            "callback" => client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.Pong()),
            "edit-original" => client.EditOriginalResponseAsync(AppId, InteractionToken, edit),
            "delete-original" => client.DeleteOriginalResponseAsync(AppId, InteractionToken),
            "followup" => client.CreateFollowupMessageAsync(AppId, InteractionToken, Hello),
            "edit-followup" => client.EditFollowupMessageAsync(AppId, InteractionToken, 77, edit),
            "delete-followup" => client.DeleteFollowupMessageAsync(AppId, InteractionToken, 77),
            "create-message" => client.CreateMessageAsync(ChannelA, Hello),
            "start-thread" => client.StartThreadFromMessageAsync(ChannelA, 1528672814784186913, new StartThreadRequest { Name = "Discussion", AutoArchiveDuration = 1440 }),
            "get-channel" => client.GetChannelAsync(ChannelA),
            _ => throw new ArgumentOutOfRangeException(nameof(endpoint)),
        });

        var request = Assert.Single(kit.Handler.Requests);
        Assert.Equal(method, request.Method.Method);
        Assert.Equal(BaseUrl + path, request.Uri.ToString());
        Assert.Equal(botAuth ? $"Bot {Token}" : null, request.Authorization);
    }

    [Fact]
    public async Task Gateway_bot_response_is_parsed()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """{"url":"wss://gateway.discord.gg","shards":1,"session_start_limit":{"total":1000,"remaining":997,"reset_after":73152341,"max_concurrency":1},"extra":true}""");

        var info = await kit.Client.GetGatewayBotAsync();

        Assert.Equal("wss://gateway.discord.gg", info.Url);
        Assert.Equal(997, info.SessionStartLimit.Remaining);
        Assert.Equal(73152341, info.SessionStartLimit.ResetAfter);
        Assert.Equal(1, info.SessionStartLimit.MaxConcurrency);
    }

    [Fact]
    public async Task Start_thread_sends_name_and_archive_duration_and_returns_the_thread()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.Created, ChannelJson);

        var thread = await kit.Client.StartThreadFromMessageAsync(ChannelA, 1528672814784186913, new StartThreadRequest { Name = "Discussion", AutoArchiveDuration = 1440 });

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"Discussion","auto_archive_duration":1440}"""), JsonNode.Parse(kit.Handler.Requests[0].Body!)));
        Assert.Equal(ChannelType.PublicThread, thread.Type);
        Assert.Equal(ChannelA, thread.ParentId);
    }

    [Fact]
    public async Task Payload_over_a_limit_is_refused_before_anything_is_sent()
    {
        var kit = new RestTestKit();

        var error = await Assert.ThrowsAsync<DiscordLimitException>(() =>
            kit.Client.CreateMessageAsync(ChannelA, new MessageCreateRequest { Content = new string('x', 2001) }));

        Assert.Equal("message.content", error.Path);
        Assert.Contains("2,001", error.Message);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public async Task Invalid_form_body_errors_are_flattened_into_field_paths()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.BadRequest, """
            {"code":50035,"message":"Invalid Form Body","errors":{"data":{"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 256 or fewer in length."}]}}}}}}
            """);

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            kit.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.Message(new MessageCallback { Content = "x" })));

        Assert.True(error.IsInvalidFormBody);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(["data.embeds.0.title: Must be 256 or fewer in length."], error.FieldErrors);
        Assert.Contains("data.embeds.0.title: Must be 256 or fewer in length.", error.Message);
        Assert.DoesNotContain(InteractionToken, error.Message);
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Malformed_success_body_becomes_a_typed_error()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """{"unexpected":true}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => kit.Client.GetChannelAsync(ChannelA));

        Assert.Contains("Channel", error.Message);
    }

    [Fact]
    public void Options_without_a_token_fail_fast_naming_the_setting()
    {
        var options = new DiscordRestOptions { Token = " " };

        var error = Assert.Throws<ArgumentException>(() => new DiscordRestClient(new HttpClient(), options));

        Assert.Contains("Discord:Token", error.Message);
    }
}

public sealed class CallbackMentionTests
{
    [Fact]
    public async Task Callback_message_built_by_hand_is_sent_without_pings()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.NoContent);

        await kit.Client.CreateInteractionResponseAsync(RestTestKit.InteractionId, RestTestKit.InteractionToken,
            new InteractionResponse { Type = InteractionCallbackType.ChannelMessageWithSource, Data = new InteractionCallbackData { Content = "@here" } });

        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", kit.Handler.Requests[0].Body);
    }
}
