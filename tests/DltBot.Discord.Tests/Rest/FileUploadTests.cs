using System.Net;
using System.Text;
using System.Text.Json;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

/// <summary>Messages with files: the multipart wire format, retries that resend all of it, and the checks before upload.</summary>
public sealed class FileUploadTests
{
    private static readonly byte[] Binary = [0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D, 0x80];

    private static FileUpload Markdown(string name = "list.md", string text = "# Catalog\n- NTK 中文\n") =>
        FileUpload.FromText(name, text, "text/markdown; charset=utf-8");

    [Fact]
    public async Task A_message_with_files_is_multipart_with_payload_json_then_one_files_part_per_file()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        await kit.Client.CreateMessageAsync(ChannelA, new MessageCreateRequest
        {
            Content = "the catalog",
            Files = [Markdown(), new FileUpload("raw.bin", Binary) { Description = "raw bytes" }],
        });

        var request = Assert.Single(kit.Handler.Requests);
        Assert.Equal("multipart/form-data", request.ContentType);
        var parts = await MultipartPart.ParseAsync(request.RawBody!, request.ContentTypeHeader!);
        Assert.Equal(["payload_json", "files[0]", "files[1]"], parts.Select(p => p.Name));

        var payload = parts[0];
        Assert.Null(payload.FileName);
        Assert.StartsWith("application/json", payload.ContentType, StringComparison.Ordinal);
        var json = JsonDocument.Parse(payload.Content).RootElement;
        Assert.Equal("the catalog", json.GetProperty("content").GetString());
        Assert.Equal(
            """[{"id":0,"filename":"list.md"},{"id":1,"filename":"raw.bin","description":"raw bytes"}]""",
            json.GetProperty("attachments").GetRawText());
        Assert.False(json.TryGetProperty("files", out _), "file bytes must never be part of the JSON");

        Assert.Equal("list.md", parts[1].FileName);
        Assert.Equal("text/markdown; charset=utf-8", parts[1].ContentType);
        Assert.Equal("# Catalog\n- NTK 中文\n", parts[1].Text);
        Assert.Equal("raw.bin", parts[2].FileName);
        Assert.Equal("application/octet-stream", parts[2].ContentType);
        Assert.Equal(Binary, parts[2].Content);
    }

    [Fact]
    public async Task A_message_without_files_stays_plain_json_without_attachments()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        var request = Assert.Single(kit.Handler.Requests);
        Assert.Equal("application/json", request.ContentType);
        Assert.False(JsonDocument.Parse(request.Body!).RootElement.TryGetProperty("attachments", out _));
    }

    [Fact]
    public async Task An_interaction_callback_with_a_file_puts_attachments_in_data()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.NoContent);

        await kit.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken,
            InteractionResponse.Message(new MessageCallback { Files = [Markdown()], Ephemeral = true }));

        var request = Assert.Single(kit.Handler.Requests);
        var parts = await MultipartPart.ParseAsync(request.RawBody!, request.ContentTypeHeader!);
        var json = JsonDocument.Parse(parts[0].Content).RootElement;
        Assert.Equal(4, json.GetProperty("type").GetInt32());
        Assert.Equal("""[{"id":0,"filename":"list.md"}]""", json.GetProperty("data").GetProperty("attachments").GetRawText());
        Assert.Equal(64, json.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Equal(0, json.GetProperty("data").GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal("files[0]", parts[1].Name);
    }

    [Fact]
    public async Task A_retry_after_a_500_resends_the_whole_multipart_body()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.InternalServerError).Respond(HttpStatusCode.OK, MessageJson);

        var send = kit.Client.EditOriginalResponseAsync(AppId, InteractionToken, new MessageEditRequest
        {
            Content = "done",
            Files = [Markdown(), new FileUpload("raw.bin", Binary)],
        });
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await send;

        Assert.Equal(2, kit.Handler.Requests.Count);
        var first = await MultipartPart.ParseAsync(kit.Handler.Requests[0].RawBody!, kit.Handler.Requests[0].ContentTypeHeader!);
        var second = await MultipartPart.ParseAsync(kit.Handler.Requests[1].RawBody!, kit.Handler.Requests[1].ContentTypeHeader!);
        Assert.Equal(3, second.Count);
        Assert.Equal(
            first.Select(p => (p.Name, p.FileName, p.ContentType, Convert.ToBase64String(p.Content))),
            second.Select(p => (p.Name, p.FileName, p.ContentType, Convert.ToBase64String(p.Content))));
        Assert.Equal(Binary, second[2].Content);
    }

    [Fact]
    public async Task Eleven_files_are_refused_before_sending()
    {
        var kit = new RestTestKit();
        var files = Enumerable.Range(0, 11).Select(i => Markdown($"part-{i}.md")).ToList();

        var error = await Assert.ThrowsAsync<DiscordLimitException>(() =>
            kit.Client.CreateFollowupMessageAsync(AppId, InteractionToken, new MessageCreateRequest { Files = files }));

        Assert.Equal("message.files", error.Path);
        Assert.Contains("11 files; the limit is 10", error.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public async Task Ten_files_are_sent()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        await kit.Client.CreateFollowupMessageAsync(AppId, InteractionToken,
            new MessageCreateRequest { Files = [.. Enumerable.Range(0, 10).Select(i => Markdown($"part-{i}.md"))] });

        var parts = await MultipartPart.ParseAsync(kit.Handler.Requests[0].RawBody!, kit.Handler.Requests[0].ContentTypeHeader!);
        Assert.Equal("files[9]", parts[^1].Name);
        Assert.Equal("part-9.md", parts[^1].FileName);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_and_named_while_one_at_the_limit_is_sent()
    {
        var kit = new RestTestKit(o => o with { MaxFileBytes = 16 });
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        var error = await Assert.ThrowsAsync<DiscordLimitException>(() => kit.Client.EditOriginalResponseAsync(AppId, InteractionToken,
            new MessageEditRequest { Files = [Markdown("ok.md", new string('a', 16)), Markdown("big.md", new string('a', 17))] }));
        Assert.Equal("message.files[1]", error.Path);
        Assert.Contains("'big.md'", error.Message, StringComparison.Ordinal);
        Assert.Contains("17 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("16 bytes", error.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Handler.Requests);

        await kit.Client.EditOriginalResponseAsync(AppId, InteractionToken, new MessageEditRequest { Files = [Markdown("ok.md", new string('a', 16))] });
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public void The_default_size_limit_is_discords_unboosted_10_MiB()
    {
        Assert.Equal(10 * 1024 * 1024, new RestTestKit().Options.MaxFileBytes);
        var justOver = new FileUpload("big.bin", new byte[(10 * 1024 * 1024) + 1]);

        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(new MessageCreateRequest { Files = [justOver] }));
        Assert.Equal("message.files[0]", error.Path);
    }

    [Theory]
    [InlineData("", "message.files[0].file_name")]
    [InlineData("   ", "message.files[0].file_name")]
    [InlineData("two\nlines.md", "message.files[0].file_name")]
    public async Task A_file_without_a_usable_name_is_refused(string name, string path)
    {
        var kit = new RestTestKit();

        var error = await Assert.ThrowsAsync<DiscordLimitException>(() =>
            kit.Client.CreateMessageAsync(ChannelA, new MessageCreateRequest { Files = [new FileUpload(name, Binary)] }));

        Assert.Equal(path, error.Path);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public void A_bad_content_type_or_long_description_is_refused()
    {
        var badType = Assert.Throws<DiscordLimitException>(() =>
            MessageValidator.Validate(new MessageCreateRequest { Files = [new FileUpload("a.md", Binary, "not a type")] }));
        Assert.Equal("message.files[0].content_type", badType.Path);

        var longDescription = Assert.Throws<DiscordLimitException>(() =>
            MessageValidator.Validate(new MessageCreateRequest { Files = [new FileUpload("a.md", Binary) { Description = new string('d', 1025) }] }));
        Assert.Equal("message.files[0].description", longDescription.Path);
    }

    [Fact]
    public void Files_are_refused_on_responses_that_cannot_carry_them_and_accepted_alone_on_a_message_response()
    {
        var deferred = InteractionResponse.Deferred() with { Data = new InteractionCallbackData { Files = [Markdown()] } };
        var error = Assert.Throws<DiscordLimitException>(() => MessageValidator.Validate(deferred));
        Assert.Equal("response.data.files", error.Path);

        MessageValidator.Validate(InteractionResponse.Message(new MessageCallback { Files = [Markdown()] }));
        MessageValidator.Validate(new MessageCreateRequest { Files = [Markdown()] });
    }

    [Fact]
    public void File_bytes_never_reach_the_json_and_a_response_without_files_has_no_attachments()
    {
        var withFile = InteractionResponse.Message(new MessageCallback { Content = "x", Files = [Markdown()] });
        var json = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(withFile, Json.DiscordJsonContext.Default.InteractionResponse));
        Assert.DoesNotContain("has_files", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"files\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Catalog", json, StringComparison.Ordinal);
        Assert.Contains("\"attachments\":[{\"id\":0,\"filename\":\"list.md\"}]", json, StringComparison.Ordinal);
        Assert.True(withFile.HasFiles);

        var plain = InteractionResponse.Message(new MessageCallback { Content = "x" });
        Assert.False(plain.HasFiles);
        Assert.DoesNotContain("attachments", Encoding.UTF8.GetString(Json.DiscordJson.WriteResponse(plain)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_original_edit_of_a_callback_carries_its_files()
    {
        var data = InteractionResponse.Message(new MessageCallback { Content = "catalog", Files = [Markdown()] }).Data!;

        var edit = data.ToOriginalEdit();

        Assert.Equal("catalog", edit.Content);
        Assert.Same(data.Files, edit.Files);
        Assert.Equal([new AttachmentReference(0, "list.md")], edit.Attachments!);
        Assert.Equal(AllowedMentions.None, edit.AllowedMentions);
    }
}
