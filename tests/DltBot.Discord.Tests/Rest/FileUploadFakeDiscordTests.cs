using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DltBot.Discord.Http;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using DltBot.FakeDiscord;

namespace DltBot.Discord.Tests.Rest;

/// <summary>Files through the real client over loopback to the fake Discord: recorded as sent, stored as attachments.</summary>
public sealed class FileUploadFakeDiscordTests
{
    private const string Token = "files-token";
    private const ulong InteractionId = 1528695470141087529;
    private const string InteractionToken = "aW50ZXJhY3Rpb246ZmlsZXM";

    private static readonly FileUpload Catalog = FileUpload.FromText("catalog.md", "# DLT catalog\n- 神经正切核\n", "text/markdown; charset=utf-8");

    private static async Task<(FakeDiscordServer Server, DiscordRestClient Client, ulong AppId)> StartAsync()
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });
        var options = new DiscordRestOptions { Token = Token, ApiBaseUrl = server.RestBaseUrl, AttemptTimeout = null };
        var client = new DiscordRestClient(new HttpClient(), options, new DiscordRateLimiter(options, TimeProvider.System), TimeProvider.System, jitter: () => 1.0);
        return (server, client, ulong.Parse(server.Options.ApplicationId, CultureInfo.InvariantCulture));
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_callback_with_a_file_is_recorded_with_its_file_and_the_original_shows_the_attachment()
    {
        var (server, client, appId) = await StartAsync();
        await using var _ = server;

        await client.CreateInteractionResponseAsync(InteractionId, InteractionToken,
            InteractionResponse.Message(new MessageCallback { Content = "Catalog attached.", Files = [Catalog], Ephemeral = true }));

        var callback = Assert.Single(server.Rest.GetCallbacks(Id(InteractionId)));
        Assert.Equal(204, callback.ResponseStatus);
        Assert.StartsWith("multipart/form-data", callback.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("Catalog attached.", callback.BodyJson().GetProperty("data").GetProperty("content").GetString());
        var file = Assert.Single(callback.Files);
        Assert.Equal(("files[0]", "catalog.md", "text/markdown; charset=utf-8"), (file.PartName, file.FileName, file.ContentType));
        Assert.Equal(Catalog.Content.ToArray(), file.Content);

        // The fake creates the original on a type 4 callback; reading it back shows Discord-shaped attachments.
        using var original = JsonDocument.Parse(await new HttpClient().GetStringAsync(
            $"{server.RestBaseUrl}/webhooks/{appId}/{InteractionToken}/messages/@original", TestContext.Current.CancellationToken));
        var attachment = Assert.Single(original.RootElement.GetProperty("attachments").EnumerateArray());
        Assert.Equal("catalog.md", attachment.GetProperty("filename").GetString());
        Assert.Equal(Catalog.Content.Length, attachment.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task A_deferral_then_an_edit_of_the_original_with_a_file_records_the_file()
    {
        var (server, client, appId) = await StartAsync();
        await using var _ = server;
        var answer = InteractionResponse.Message(new MessageCallback { Content = "Catalog attached.", Files = [Catalog] });

        await client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.Deferred());
        var edited = await client.EditOriginalResponseAsync(appId, InteractionToken, answer.Data!.ToOriginalEdit());

        Assert.Equal("Catalog attached.", edited.Content);
        var patch = Assert.Single(server.Rest.Requests, r => r.Route == "PATCH /webhooks/{app}/{token}/messages/@original");
        Assert.Equal(200, patch.ResponseStatus);
        Assert.Equal("catalog.md", patch.BodyJson().GetProperty("attachments")[0].GetProperty("filename").GetString());
        var file = Assert.Single(patch.Files);
        Assert.Equal("# DLT catalog\n- 神经正切核\n", file.Text);
        Assert.Contains("\"filename\":\"catalog.md\"", server.Rest.GetMessageJson(Id(edited.Id)), StringComparison.Ordinal);
        Assert.Empty(server.Rest.Requests.Single(r => r.Route!.EndsWith("/callback", StringComparison.Ordinal)).Files);
    }

    [Fact]
    public async Task A_followup_and_a_channel_post_with_files_are_recorded()
    {
        var (server, client, appId) = await StartAsync();
        await using var _ = server;

        await client.CreateFollowupMessageAsync(appId, InteractionToken, new MessageCreateRequest { Files = [Catalog] });
        await client.CreateMessageAsync(933273450578183326, new MessageCreateRequest { Files = [Catalog, Catalog with { FileName = "copy.md" }] });

        var followup = Assert.Single(server.Rest.Requests, r => r.Route == "POST /webhooks/{app}/{token}");
        Assert.Equal("catalog.md", Assert.Single(followup.Files).FileName);
        var post = Assert.Single(server.Rest.Requests, r => r.Route == "POST /channels/{channel}/messages");
        Assert.Equal(200, post.ResponseStatus);
        Assert.Equal(["files[0]", "files[1]"], post.Files.Select(f => f.PartName));
        Assert.Equal("copy.md", post.Files[1].FileName);
    }

    [Fact]
    public async Task The_fake_answers_400_50035_when_an_attachment_has_no_file_part()
    {
        var (server, _, appId) = await StartAsync();
        await using var _ = server;
        using var multipart = new MultipartFormDataContent();
        var payload = new StringContent("""{"content":"x","attachments":[{"id":0,"filename":"a.md"},{"id":1,"filename":"b.md"}]}""", Encoding.UTF8);
        payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        multipart.Add(payload, "payload_json");
        multipart.Add(new ByteArrayContent("a"u8.ToArray()), "files[0]", "a.md");

        using var response = await new HttpClient().PatchAsync(
            $"{server.RestBaseUrl}/webhooks/{appId}/{InteractionToken}/messages/@original", multipart, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(50035, error.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Object, error.RootElement.GetProperty("errors").GetProperty("attachments").GetProperty("1").ValueKind);
        Assert.Single(Assert.Single(server.Rest.Requests).Files);
    }

    [Fact]
    public async Task The_fake_answers_400_50035_for_multipart_without_payload_json()
    {
        var (server, _, _) = await StartAsync();
        await using var _ = server;
        using var multipart = new MultipartFormDataContent();
        multipart.Add(new ByteArrayContent("a"u8.ToArray()), "files[0]", "a.md");

        using var response = await new HttpClient().PostAsync(
            $"{server.RestBaseUrl}/interactions/{InteractionId}/{InteractionToken}/callback", multipart, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("50035", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_http_endpoint_reply_with_files_goes_through_the_callback_route_and_answers_202()
    {
        var (server, client, appId) = await StartAsync();
        await using var _ = server;
        var interaction = new Interaction { Id = InteractionId, ApplicationId = appId, Type = InteractionType.ApplicationCommand, Token = InteractionToken };

        var withFile = await InteractionEndpointReply.ForAsync(interaction,
            InteractionResponse.Message(new MessageCallback { Content = "Catalog attached.", Files = [Catalog] }), client, TestContext.Current.CancellationToken);
        var plain = await InteractionEndpointReply.ForAsync(interaction,
            InteractionResponse.Message(new MessageCallback { Content = "no file" }), client, TestContext.Current.CancellationToken);

        Assert.Same(InteractionEndpointReply.AnsweredViaCallback, withFile);
        Assert.Equal("catalog.md", Assert.Single(Assert.Single(server.Rest.GetCallbacks(Id(InteractionId))).Files).FileName);
        Assert.Equal(4, JsonDocument.Parse(plain.Json).RootElement.GetProperty("type").GetInt32());
        Assert.Single(server.Rest.Requests); // the reply without files stayed inline
        Assert.Throws<InvalidOperationException>(() =>
            InteractionEndpointReply.Inline(InteractionResponse.Message(new MessageCallback { Files = [Catalog] })));
    }
}
