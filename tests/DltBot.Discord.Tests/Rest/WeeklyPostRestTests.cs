using System.Net;
using System.Text.Json.Nodes;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

/// <summary>The REST calls the paper-of-the-week job makes, against a scripted handler.</summary>
public sealed class WeeklyPostRestTests
{
    private const ulong Role = 838486034743296111;

    [Fact]
    public async Task A_weekly_post_sends_nonce_enforce_nonce_a_role_only_mention_and_a_poll()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        await kit.Client.CreateMessageAsync(ChannelA, new MessageCreateRequest
        {
            Content = $"<@&{Role}>",
            Embeds = [new EmbedBuilder().WithTitle("Omnigrok").Build()],
            AllowedMentions = AllowedMentions.OnlyRoles(Role),
            Nonce = MessageNonce.For("potw:838486034743296000:2026-W49"),
            EnforceNonce = true,
            Poll = PollCreateRequest.SingleChoice("What should we read next?", ["Omnigrok", "NTK"], durationHours: 160),
        });

        var body = JsonNode.Parse(Assert.Single(kit.Handler.Requests).Body!)!;
        Assert.Equal(MessageNonce.For("potw:838486034743296000:2026-W49"), body["nonce"]!.GetValue<string>());
        Assert.True(body["enforce_nonce"]!.GetValue<bool>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"parse":[],"roles":["{{Role}}"]}"""), body["allowed_mentions"]), body["allowed_mentions"]!.ToJsonString());
        var expectedPoll = JsonNode.Parse("""
            {"question":{"text":"What should we read next?"},
             "answers":[{"poll_media":{"text":"Omnigrok"}},{"poll_media":{"text":"NTK"}}],
             "duration":160,"allow_multiselect":false,"layout_type":1}
            """);
        Assert.True(JsonNode.DeepEquals(expectedPoll, body["poll"]), body["poll"]!.ToJsonString());
    }

    [Fact]
    public void Nonces_from_keys_are_stable_distinct_and_within_25_characters()
    {
        var week49 = MessageNonce.For("potw:838486034743296000:2026-W49");

        Assert.Equal(week49, MessageNonce.For("potw:838486034743296000:2026-W49"));
        Assert.NotEqual(week49, MessageNonce.For("potw:838486034743296000:2026-W50"));
        Assert.InRange(week49.Length, 1, 25);
        Assert.Matches("^[A-Za-z0-9_-]+$", week49);
    }

    [Fact]
    public async Task A_plain_post_sends_no_nonce_and_no_poll_keys()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        var body = JsonNode.Parse(Assert.Single(kit.Handler.Requests).Body!)!.AsObject();
        Assert.False(body.ContainsKey("nonce"));
        Assert.False(body.ContainsKey("enforce_nonce"));
        Assert.False(body.ContainsKey("poll"));
    }

    [Fact]
    public async Task Thread_from_message_sends_name_and_one_week_auto_archive()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.Created, ChannelJson);

        await kit.Client.StartThreadFromMessageAsync(ChannelA, 1528672814784186913, new StartThreadRequest { Name = "W49 · Omnigrok", AutoArchiveDuration = StartThreadRequest.OneWeek });

        var request = Assert.Single(kit.Handler.Requests);
        Assert.Equal($"{BaseUrl}/channels/{ChannelA}/messages/1528672814784186913/threads", request.Uri.ToString());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"name":"W49 · Omnigrok","auto_archive_duration":10080}"""), JsonNode.Parse(request.Body!)));
    }

    [Fact]
    public async Task Recent_messages_are_read_newest_first_with_limit_and_string_or_number_nonces()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """
            [{"id":"3","channel_id":"933273450578183326","content":"c","nonce":"potw:1:2026-W49"},
             {"id":"2","channel_id":"933273450578183326","content":"b","nonce":12345678901234},
             {"id":"1","channel_id":"933273450578183326","content":"a"}]
            """);

        var messages = await kit.Client.GetChannelMessagesAsync(ChannelA, 25);

        Assert.Equal($"{BaseUrl}/channels/{ChannelA}/messages?limit=25", Assert.Single(kit.Handler.Requests).Uri.ToString());
        Assert.Equal([3UL, 2UL, 1UL], messages.Select(m => m.Id));
        Assert.Equal(["potw:1:2026-W49", "12345678901234", null], messages.Select(m => m.Nonce));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task A_message_limit_outside_1_to_100_is_refused_before_sending(int limit)
    {
        var kit = new RestTestKit();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => kit.Client.GetChannelMessagesAsync(ChannelA, limit));

        Assert.Contains("1 to 100", error.Message, StringComparison.Ordinal);
        Assert.Empty(kit.Handler.Requests);
    }

    [Fact]
    public async Task A_message_with_a_poll_exposes_its_answers_and_final_results()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """
            {"id":"77","channel_id":"933273450578183326","content":"",
             "poll":{"question":{"text":"Next?"},"answers":[{"answer_id":1,"poll_media":{"text":"A"}},{"answer_id":2,"poll_media":{"text":"B"}}],
                     "expiry":"2026-12-12T18:00:00+00:00","allow_multiselect":false,"layout_type":1,
                     "results":{"is_finalized":true,"answer_counts":[{"id":1,"count":3,"me_voted":false},{"id":2,"count":5,"me_voted":true}]}}}
            """);

        var message = await kit.Client.GetMessageAsync(ChannelA, 77);

        Assert.Equal($"{BaseUrl}/channels/{ChannelA}/messages/77", Assert.Single(kit.Handler.Requests).Uri.ToString());
        var poll = Assert.IsType<Poll>(message.Poll);
        Assert.Equal([(1, "A"), (2, "B")], poll.Answers.Select(a => (a.AnswerId ?? 0, a.PollMedia.Text)));
        Assert.True(poll.Results!.IsFinalized);
        Assert.Equal([new PollAnswerCount(1, 3, false), new PollAnswerCount(2, 5, true)], poll.Results.AnswerCounts);
        Assert.Equal(new DateTimeOffset(2026, 12, 12, 18, 0, 0, TimeSpan.Zero), poll.Expiry);
    }

    [Fact]
    public async Task Guild_member_user_and_channel_carry_what_the_permission_check_needs()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, """{"id":"42","name":"DLT","owner_id":"7","roles":[{"id":"42","name":"@everyone","permissions":"1024","position":0},{"id":"43","name":"Bots","permissions":"2048","position":1}]}""");
        kit.Handler.Respond(HttpStatusCode.OK, """{"user":{"id":"9","username":"DltBot","bot":true},"roles":["43"],"joined_at":"2026-01-05T10:00:00+00:00"}""");
        kit.Handler.Respond(HttpStatusCode.OK, """{"id":"9","username":"DltBot","bot":true}""");
        kit.Handler.Respond(HttpStatusCode.OK, """{"id":"933273450578183326","type":5,"guild_id":"42","name":"papers","parent_id":"50","permission_overwrites":[{"id":"42","type":0,"allow":"0","deny":"2048"},{"id":"9","type":1,"allow":"2048","deny":"0"}]}""");

        var guild = await kit.Client.GetGuildAsync(42);
        var member = await kit.Client.GetGuildMemberAsync(42, 9);
        var me = await kit.Client.GetCurrentUserAsync();
        var channel = await kit.Client.GetChannelAsync(ChannelA);

        Assert.Equal(
            [$"{BaseUrl}/guilds/42", $"{BaseUrl}/guilds/42/members/9", $"{BaseUrl}/users/@me", $"{BaseUrl}/channels/{ChannelA}"],
            kit.Handler.Requests.Select(r => r.Uri.ToString()));
        Assert.Equal((7UL, 2), (guild.OwnerId, guild.Roles.Count));
        Assert.Equal("2048", guild.Roles[1].Permissions);
        Assert.Equal([43UL], member.Roles);
        Assert.Equal(9UL, member.User!.Id);
        Assert.True(me.Bot);
        Assert.Equal((ChannelType.GuildAnnouncement, 42UL, "papers", 50UL), (channel.Type, channel.GuildId, channel.Name, channel.ParentId));
        Assert.Equal(
            [new PermissionOverwrite { Id = 42, Type = PermissionOverwriteType.Role, Allow = "0", Deny = "2048" }, new PermissionOverwrite { Id = 9, Type = PermissionOverwriteType.Member, Allow = "2048", Deny = "0" }],
            channel.PermissionOverwrites!);
    }

    [Fact]
    public async Task Reading_messages_shares_the_channels_bucket_and_leaves_other_channels_alone()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, "[]", Bucket(remaining: 0, resetAfter: 3));
        kit.Handler.Respond(HttpStatusCode.OK, "[]", Bucket(remaining: 4, resetAfter: 3));
        kit.Handler.Respond(HttpStatusCode.OK, "[]", Bucket(remaining: 4, resetAfter: 3));
        await kit.Client.GetChannelMessagesAsync(ChannelA, 10);

        var sameChannel = kit.Client.GetChannelMessagesAsync(ChannelA, 10);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        await kit.Client.GetChannelMessagesAsync(ChannelB, 10);

        Assert.False(sameChannel.IsCompleted);
        Assert.Equal(2, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(3));
        await sameChannel;
        Assert.Equal(3, kit.Handler.Requests.Count);
    }
}
