using System.Net;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using DltBot.FakeDiscord;

namespace DltBot.Discord.Tests.Rest;

/// <summary>The real client over loopback HTTP against the fake Discord server: routes, auth and bodies agree.</summary>
public sealed class FakeDiscordInteropTests
{
    private const string Token = "interop-token";

    private static async Task<(FakeDiscordServer Server, DiscordRestClient Client, ulong AppId, ObservableFakeTimeProvider Time)> StartAsync()
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });
        var time = new ObservableFakeTimeProvider();
        var options = new DiscordRestOptions { Token = Token, ApiBaseUrl = server.RestBaseUrl, AttemptTimeout = null };
        var client = new DiscordRestClient(new HttpClient(), options, new DiscordRateLimiter(options, time), time, jitter: () => 1.0);
        return (server, client, ulong.Parse(server.Options.ApplicationId, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Fact]
    public async Task Scheduled_post_flow_create_message_then_start_thread_then_read_channel()
    {
        var (server, client, _, _) = await StartAsync();
        await using var _ = server;
        const ulong channelId = 933273450578183326;

        var gateway = await client.GetGatewayBotAsync();
        var message = await client.CreateMessageAsync(channelId, new MessageCreateRequest
        {
            Content = "@everyone this week",
            Embeds = [new EmbedBuilder().WithTitle("Neural Tangent Kernel").WithDescription("Jacot et al.").Build()],
        });
        var thread = await client.StartThreadFromMessageAsync(channelId, message.Id, new StartThreadRequest { Name = "Discussion: NTK", AutoArchiveDuration = 1440 });
        var fetched = await client.GetChannelAsync(thread.Id);

        Assert.False(string.IsNullOrEmpty(gateway.Url));
        Assert.Equal(channelId, message.ChannelId);
        Assert.Equal(message.Id, thread.Id);
        Assert.Equal("Discussion: NTK", fetched.Name);
        var post = server.Rest.Requests.Single(r => r.Method == "POST" && r.Route!.EndsWith("/messages", StringComparison.Ordinal));
        Assert.Equal($"Bot {Token}", post.Header("Authorization"));
        Assert.StartsWith("DiscordBot (", post.Header("User-Agent"));
        Assert.Equal(0, post.BodyJson().GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
    }

    [Fact]
    public async Task Command_registration_round_trips_and_compares_equal()
    {
        var (server, client, appId, _) = await StartAsync();
        await using var _ = server;
        ApplicationCommand[] desired =
        [
            new()
            {
                Name = "dlt",
                Description = "Deep learning theory reading list",
                DescriptionLocalizations = new Dictionary<string, string> { ["zh-CN"] = "深度学习理论书单" },
                Options =
                [
                    new ApplicationCommandOption
                    {
                        Type = ApplicationCommandOptionType.SubCommand, Name = "search", Description = "Search",
                        Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "query", Description = "Words", Required = true, Autocomplete = true }],
                    },
                ],
            },
        ];

        await client.BulkOverwriteGuildCommandsAsync(appId, 838486034743296000, desired);
        var registered = await client.GetGuildCommandsAsync(appId, 838486034743296000);

        Assert.NotNull(Assert.Single(registered).Id);
        Assert.True(ApplicationCommandComparer.AreEquivalent(desired, registered), string.Join(" | ", ApplicationCommandComparer.Differences(desired, registered)));
        Assert.False(ApplicationCommandComparer.AreEquivalent([desired[0] with { Description = "changed" }], registered));
    }

    [Fact]
    public async Task Interaction_reply_flow_defer_edit_followup_and_a_second_ack_is_typed()
    {
        var (server, client, appId, _) = await StartAsync();
        await using var _ = server;
        const ulong interactionId = 1528695470141087529;
        const string token = "aW50ZXJhY3Rpb246aW50ZXJvcA";

        await client.CreateInteractionResponseAsync(interactionId, token, InteractionResponse.Deferred(ephemeral: true));
        var original = await client.EditOriginalResponseAsync(appId, token, new MessageEditRequest { Content = "3 results" });
        var followup = await client.CreateFollowupMessageAsync(appId, token, new MessageCreateRequest { Content = "more", Flags = MessageFlags.Ephemeral });
        await client.EditFollowupMessageAsync(appId, token, followup.Id, new MessageEditRequest { Content = "more (edited)" });
        await client.DeleteFollowupMessageAsync(appId, token, followup.Id);
        server.Rest.RejectCallback(interactionId.ToString(System.Globalization.CultureInfo.InvariantCulture), CallbackRejection.AlreadyAcknowledged);
        var second = await Assert.ThrowsAsync<DiscordRestException>(() =>
            client.CreateInteractionResponseAsync(interactionId, token, InteractionResponse.Pong()));

        Assert.Equal("3 results", original.Content);
        Assert.True(second.IsAlreadyAcknowledged);
        var callback = server.Rest.GetCallbacks(interactionId.ToString(System.Globalization.CultureInfo.InvariantCulture))[0];
        Assert.Null(callback.Header("Authorization"));
        Assert.Equal(5, callback.BodyJson().GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task Server_errors_from_the_fake_are_retried_and_429_is_waited_out_on_the_fake_clock()
    {
        var (server, client, _, time) = await StartAsync();
        await using var _ = server;
        server.Rest.FailNext("GET /channels/{channel}", 1, RestFaultKind.BadGateway);
        server.Rest.FailNext("POST /channels/{channel}/messages", 1, RestFaultKind.RateLimitedUser, retryAfterSeconds: 2);

        var get = client.GetChannelAsync(933273450578183326);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        var channel = await get;
        var post = client.CreateMessageAsync(933273450578183326, new MessageCreateRequest { Content = "hi" });
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        time.Advance(TimeSpan.FromSeconds(2));
        await post;

        Assert.Equal(933273450578183326UL, channel.Id);
        Assert.Equal([502, 200, 429, 200], server.Rest.Requests.Select(r => r.ResponseStatus).ToArray());
    }

    [Fact]
    public async Task A_held_request_times_out_on_the_fake_clock_and_the_retry_goes_through()
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = Token });
        await using var _ = server;
        var time = new ObservableFakeTimeProvider();
        var options = new DiscordRestOptions { Token = Token, ApiBaseUrl = server.RestBaseUrl, AttemptTimeout = TimeSpan.FromSeconds(5) };
        var client = new DiscordRestClient(new HttpClient(), options, new DiscordRateLimiter(options, time), time, jitter: () => 1.0);
        server.Rest.HoldNext("GET /channels/{channel}", 1);

        var get = client.GetChannelAsync(933273450578183326);
        await server.Rest.WaitForRequestAsync(r => r.Route == "GET /channels/{channel}", TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        time.Advance(TimeSpan.FromSeconds(1));
        var channel = await get;

        Assert.Equal(933273450578183326UL, channel.Id);
        Assert.Equal(2, server.Rest.Requests.Count(r => r.Route == "GET /channels/{channel}"));
    }

    [Fact]
    public async Task Wrong_token_is_rejected_once_and_never_sent_again()
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = "the-right-one" });
        await using var _ = server;
        var client = new DiscordRestClient(new HttpClient(), new DiscordRestOptions { Token = "wrong", ApiBaseUrl = server.RestBaseUrl, AttemptTimeout = null });

        var first = await Assert.ThrowsAsync<DiscordRestException>(() => client.GetGatewayBotAsync());
        await Assert.ThrowsAsync<DiscordRestException>(() => client.GetGatewayBotAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Single(server.Rest.Requests);
    }
}
