using System.Globalization;
using System.Net;
using System.Text.Json;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Permissions;
using DltBot.Discord.Rest;
using DltBot.Discord.Tests.Rest;
using DltBot.FakeDiscord;
using P = DltBot.Discord.Permissions.DiscordPermissions;

namespace DltBot.Discord.Tests.Fake;

/// <summary>The fake's guilds, channels, nonces, polls, threads and channel faults, driven through our real client.</summary>
public sealed class FakeWeeklyPostTests : IAsyncLifetime
{
    private const string GuildId = "838486034743296000";
    private const string Papers = "933273450578183400";
    private const string BotsRole = "838486034743296001";
    private const string OwnerId = "111111111111111111";
    private static readonly ulong PapersId = ulong.Parse(Papers, CultureInfo.InvariantCulture);

    private readonly ObservableFakeTimeProvider _time = new();
    private FakeDiscordServer _server = null!;
    private DiscordRestClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private FakeRest Fake => _server.Rest;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = _time });
        var options = new DiscordRestOptions { Token = "t", ApiBaseUrl = _server.RestBaseUrl, AttemptTimeout = null, MaxAttempts = 1 };
        _client = new DiscordRestClient(new HttpClient(), options, new DiscordRateLimiter(options, _time), _time, jitter: () => 1.0);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private static MessageCreateRequest WeeklyPost(string nonceKey = "potw:guild:2026-W49") => new()
    {
        Content = $"<@&{BotsRole}>",
        Embeds = [new EmbedBuilder().WithTitle("Omnigrok: Grokking Beyond Algorithmic Data").Build()],
        AllowedMentions = AllowedMentions.OnlyRoles(ulong.Parse(BotsRole, CultureInfo.InvariantCulture)),
        Nonce = MessageNonce.For(nonceKey),
        EnforceNonce = true,
    };

    [Fact]
    public async Task A_configured_guild_channel_and_member_give_the_permissions_discord_would_compute()
    {
        Fake.AddGuild(new FakeGuild(GuildId, OwnerId, (ulong)P.ViewChannel, [new FakeRole(BotsRole, "Bots", (ulong)(P.SendMessages | P.EmbedLinks))]));
        Fake.AddMember(GuildId, _server.Options.BotUserId, BotsRole);
        Fake.AddChannel(new FakeChannel(Papers, GuildId, "papers")
        {
            Overwrites = [FakeOverwrite.Role(BotsRole, deny: (ulong)P.EmbedLinks), FakeOverwrite.Member(_server.Options.BotUserId, allow: (ulong)P.CreatePublicThreads)],
        });

        var me = await _client.GetCurrentUserAsync(Ct);
        var guild = await _client.GetGuildAsync(ulong.Parse(GuildId, CultureInfo.InvariantCulture), Ct);
        var member = await _client.GetGuildMemberAsync(guild.Id, me.Id, Ct);
        var channel = await _client.GetChannelAsync(PapersId, Ct);

        Assert.Equal((ChannelType.GuildText, guild.Id, "papers"), (channel.Type, channel.GuildId, channel.Name));
        Assert.Equal(["Embed Links", "Send Messages in Threads"], PostingPermissions.MissingNames(guild, member, channel, PostingPermissions.PostWithThread));
    }

    [Fact]
    public async Task Unknown_guild_and_member_answer_discords_codes()
    {
        Fake.AddGuild(new FakeGuild(GuildId, OwnerId, 0, []));

        var guild = await Assert.ThrowsAsync<DiscordRestException>(() => _client.GetGuildAsync(42, Ct));
        var member = await Assert.ThrowsAsync<DiscordRestException>(() => _client.GetGuildMemberAsync(ulong.Parse(GuildId, CultureInfo.InvariantCulture), 42, Ct));

        Assert.Equal((10004, 10007), (guild.DiscordCode, member.DiscordCode));
    }

    [Fact]
    public async Task The_same_enforced_nonce_within_the_window_returns_the_earlier_message_and_posts_nothing_new()
    {
        var first = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);
        _time.Advance(TimeSpan.FromMinutes(4));
        var second = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);
        var otherWeek = await _client.CreateMessageAsync(PapersId, WeeklyPost("potw:guild:2026-W50"), Ct);

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, otherWeek.Id);
        Assert.Equal(MessageNonce.For("potw:guild:2026-W49"), first.Nonce);
        Assert.Equal(2, Fake.PostsIn(Papers).Count);
    }

    [Fact]
    public async Task After_the_window_or_without_enforce_nonce_the_same_nonce_posts_again()
    {
        var first = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);
        _time.Advance(Fake.NonceWindow);
        var afterWindow = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);
        var notEnforced = await _client.CreateMessageAsync(PapersId, WeeklyPost() with { EnforceNonce = null }, Ct);

        Assert.Equal(3, new[] { first.Id, afterWindow.Id, notEnforced.Id }.Distinct().Count());
        Assert.Equal(3, Fake.PostsIn(Papers).Count);
    }

    [Fact]
    public async Task A_post_keeps_its_request_so_tests_can_check_allowed_mentions_and_embeds()
    {
        var message = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);

        var post = Assert.Single(Fake.PostsIn(Papers));
        var body = post.Request.BodyJson();
        Assert.Equal(message.Id.ToString(CultureInfo.InvariantCulture), post.MessageId);
        Assert.Equal(BotsRole, Assert.Single(body.GetProperty("allowed_mentions").GetProperty("roles").EnumerateArray()).GetString());
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.Equal("Omnigrok: Grokking Beyond Algorithmic Data", Assert.Single(message.Embeds!).Title);
    }

    [Fact]
    public async Task Recent_messages_come_newest_first_with_their_nonces_and_respect_the_limit()
    {
        var ids = new List<ulong>();
        for (var week = 45; week <= 49; week++)
        {
            ids.Add((await _client.CreateMessageAsync(PapersId, WeeklyPost($"potw:guild:2026-W{week}"), Ct)).Id);
        }

        await _client.CreateMessageAsync(PapersId + 1, new MessageCreateRequest { Content = "elsewhere" }, Ct);

        var recent = await _client.GetChannelMessagesAsync(PapersId, 3, Ct);

        Assert.Equal(ids.AsEnumerable().Reverse().Take(3), recent.Select(m => m.Id));
        Assert.Equal(MessageNonce.For("potw:guild:2026-W49"), recent[0].Nonce);
        Assert.Equal("?limit=3", Fake.Requests[^1].Query);
    }

    [Fact]
    public async Task A_limit_over_100_is_a_400_from_the_fake_too()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"{_server.RestBaseUrl}/channels/{Papers}/messages?limit=101"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"limit\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_poll_round_trips_with_results_the_test_sets()
    {
        var posted = await _client.CreateMessageAsync(PapersId, new MessageCreateRequest
        {
            Poll = PollCreateRequest.SingleChoice("What should we read next?", ["Omnigrok", "NTK", "Tensor Programs"], durationHours: 167),
        }, Ct);

        var open = await _client.GetMessageAsync(PapersId, posted.Id, Ct);
        Fake.SetPollResults(Papers, posted.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<int, int> { [1] = 2, [3] = 5 }, finalized: true);
        var closed = await _client.GetMessageAsync(PapersId, posted.Id, Ct);

        Assert.Equal([1, 2, 3], open.Poll!.Answers.Select(a => a.AnswerId ?? 0));
        Assert.False(open.Poll.Results!.IsFinalized);
        Assert.Empty(open.Poll.Results.AnswerCounts);
        Assert.Equal(_time.GetUtcNow().AddHours(167), open.Poll.Expiry);
        Assert.True(closed.Poll!.Results!.IsFinalized);
        Assert.Equal([new PollAnswerCount(1, 2, false), new PollAnswerCount(3, 5, false)], closed.Poll.Results.AnswerCounts);
    }

    [Fact]
    public void Poll_results_for_a_missing_message_or_answer_are_refused_in_the_test()
    {
        Assert.Throws<ArgumentException>(() => Fake.SetPollResults(Papers, "1", new Dictionary<int, int>(), finalized: true));
    }

    [Fact]
    public async Task Poll_answers_over_55_characters_get_a_50035_naming_the_answer()
    {
        // Sent raw: our client would refuse it before sending.
        using var http = new HttpClient();
        const string body = """{"poll":{"question":{"text":"Next?"},"answers":[{"poll_media":{"text":"ok"}},{"poll_media":{"text":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}}],"duration":24}}""";
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri($"{_server.RestBaseUrl}/channels/{Papers}/messages"), content, TestContext.Current.CancellationToken);

        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(50035, error.GetProperty("code").GetInt32());
        Assert.True(error.GetProperty("errors").GetProperty("poll").GetProperty("answers").GetProperty("1").TryGetProperty("poll_media", out _));
    }

    [Fact]
    public async Task A_missing_message_is_10008()
    {
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => _client.GetMessageAsync(PapersId, 5, Ct));

        Assert.Equal(DiscordRestException.UnknownMessageCode, error.DiscordCode);
    }

    [Fact]
    public async Task A_thread_from_the_post_records_name_and_archive_duration_takes_the_channels_guild_and_accepts_posts()
    {
        Fake.AddChannel(new FakeChannel(Papers, GuildId, "papers", Type: 5));
        var post = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);

        var thread = await _client.StartThreadFromMessageAsync(PapersId, post.Id, new StartThreadRequest { Name = "W49 · Omnigrok", AutoArchiveDuration = StartThreadRequest.OneWeek }, Ct);
        var prompt = await _client.CreateMessageAsync(thread.Id, new MessageCreateRequest { Content = "What surprised you?" }, Ct);
        var again = await Assert.ThrowsAsync<DiscordRestException>(
            () => _client.StartThreadFromMessageAsync(PapersId, post.Id, new StartThreadRequest { Name = "again" }, Ct));

        Assert.Equal((post.Id, ChannelType.AnnouncementThread, PapersId), (thread.Id, thread.Type, thread.ParentId));
        Assert.Equal(ulong.Parse(GuildId, CultureInfo.InvariantCulture), thread.GuildId);
        Assert.Equal(("W49 · Omnigrok", StartThreadRequest.OneWeek), (thread.Name, thread.ThreadMetadata!.AutoArchiveDuration));
        Assert.Equal(thread.Id, prompt.ChannelId);
        Assert.Single(Fake.PostsIn(thread.Id.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(DiscordRestException.ThreadAlreadyCreatedCode, again.DiscordCode);
        Assert.Equal(thread.Id, (await _client.GetMessageAsync(PapersId, post.Id, Ct)).Thread!.Id);
    }

    [Theory]
    [InlineData(ChannelFault.MissingPermissions, 50013, DiscordFailureKind.Permanent)]
    [InlineData(ChannelFault.MissingAccess, 50001, DiscordFailureKind.Permanent)]
    [InlineData(ChannelFault.UnknownChannel, 10003, DiscordFailureKind.Permanent)]
    [InlineData(ChannelFault.InternalServerError, 0, DiscordFailureKind.Transient)]
    public async Task A_channel_fault_answers_every_request_on_that_channel_until_cleared(ChannelFault fault, int code, DiscordFailureKind kind)
    {
        Fake.SetChannelFault(Papers, fault);

        var post = await Assert.ThrowsAsync<DiscordRestException>(() => _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct));
        var read = await Assert.ThrowsAsync<DiscordRestException>(() => _client.GetChannelMessagesAsync(PapersId, 10, Ct));
        var elsewhere = await _client.CreateMessageAsync(PapersId + 1, WeeklyPost(), Ct);
        Fake.ClearChannelFault(Papers);
        var healed = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);

        Assert.Equal((code, kind), (post.DiscordCode, post.Kind));
        Assert.Equal(kind, read.Kind);
        Assert.NotEqual(elsewhere.Id, healed.Id);
        Assert.Single(Fake.PostsIn(Papers));
    }

    [Fact]
    public async Task A_fault_scoped_to_threads_lets_the_post_through_and_fails_only_the_thread()
    {
        Fake.SetChannelFault(Papers, ChannelFault.MissingPermissions, ChannelFaultScope.StartThread);

        var post = await _client.CreateMessageAsync(PapersId, WeeklyPost(), Ct);
        var thread = await Assert.ThrowsAsync<DiscordRestException>(
            () => _client.StartThreadFromMessageAsync(PapersId, post.Id, new StartThreadRequest { Name = "W49" }, Ct));

        Assert.True(thread.IsPermanent);
        Assert.Single(Fake.PostsIn(Papers));
        Assert.Null(Fake.GetChannelJson(post.Id.ToString(CultureInfo.InvariantCulture)));
    }
}
