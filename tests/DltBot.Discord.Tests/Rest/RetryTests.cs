using System.Net;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

public sealed class RetryTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Server_errors_are_retried_with_exponential_backoff(HttpStatusCode status)
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(status).Respond(status).Respond(HttpStatusCode.OK, MessageJson);

        var send = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Single(kit.Handler.Requests);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(2, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(2));

        var message = await send;
        Assert.Equal(3, kit.Handler.Requests.Count);
        Assert.Equal("hi", message.Content);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_with_one_log_line_and_no_stack_trace()
    {
        var kit = new RestTestKit();
        kit.Handler.Fail(new HttpRequestException("Connection refused (127.0.0.1:9)", new System.Net.Sockets.SocketException(111)))
            .Respond(HttpStatusCode.OK, MessageJson);

        var send = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await send;

        var line = Assert.Single(kit.Logger.Lines);
        Assert.Contains("DiscordRequestFailedTransiently", line, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException: Connection refused (127.0.0.1:9)", line, StringComparison.Ordinal);
        Assert.Null(Assert.Single(kit.Logger.Exceptions));
    }

    [Fact]
    public async Task Server_errors_stop_after_the_attempt_limit()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.InternalServerError).Respond(HttpStatusCode.InternalServerError)
            .Respond(HttpStatusCode.InternalServerError, """{"message":"Internal Server Error","code":0}""");

        var send = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        kit.Time.Advance(TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => send);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Timed_out_attempts_are_retried()
    {
        var kit = new RestTestKit(o => o with { AttemptTimeout = TimeSpan.FromSeconds(7) });
        kit.Handler.Hang().Respond(HttpStatusCode.OK, ChannelJson);

        var get = kit.Client.GetChannelAsync(ChannelA);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        kit.Time.Advance(TimeSpan.FromSeconds(7));
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));

        var channel = await get;
        Assert.Equal(2, kit.Handler.Requests.Count);
        Assert.Equal("Discussion", channel.Name);
    }

    [Fact]
    public async Task Transport_failures_are_retried_and_then_reported()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 2 });
        kit.Handler.Fail(new HttpRequestException("connection refused")).Fail(new HttpRequestException("connection refused"));

        var get = kit.Client.GetChannelAsync(ChannelA);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => get);
        Assert.Null(error.StatusCode);
        Assert.Contains("after 2 attempt(s)", error.Message);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Backoff_is_capped_at_the_maximum_delay()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 4, RetryBaseDelay = TimeSpan.FromSeconds(4), RetryMaxDelay = TimeSpan.FromSeconds(6) });
        kit.Handler.Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.BadGateway).Respond(HttpStatusCode.OK, ChannelJson);

        var get = kit.Client.GetChannelAsync(ChannelA);
        foreach (var delay in new[] { 4, 6, 6 })
        {
            await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(delay));
            kit.Time.Advance(TimeSpan.FromSeconds(delay));
        }

        await get;
        Assert.Equal(4, kit.Handler.Requests.Count);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, 50035)]
    [InlineData(HttpStatusCode.Forbidden, 50013)]
    [InlineData(HttpStatusCode.NotFound, 10003)]
    [InlineData(HttpStatusCode.BadRequest, 160004)]
    public async Task Client_errors_are_not_retried(HttpStatusCode status, int code)
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(status, $$"""{"message":"nope","code":{{code}}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(code, error.DiscordCode);
        Assert.Single(kit.Handler.Requests);
    }

    [Theory]
    [InlineData(10062, "Unknown interaction")]
    [InlineData(40060, "Interaction has already been acknowledged.")]
    public async Task Interaction_callback_errors_are_typed_and_never_retried(int code, string message)
    {
        var kit = new RestTestKit();
        var status = code == 10062 ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest;
        kit.Handler.Respond(status, $$"""{"message":"{{message}}","code":{{code}}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            kit.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.Deferred(ephemeral: true)));

        Assert.Equal(code == 10062, error.IsUnknownInteraction);
        Assert.Equal(code == 40060, error.IsAlreadyAcknowledged);
        Assert.Contains(message, error.Message);
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Already_acknowledged_after_our_own_timed_out_callback_counts_as_answered()
    {
        var kit = new RestTestKit(o => o with { AttemptTimeout = TimeSpan.FromSeconds(2) });
        kit.Handler.Hang().Respond(HttpStatusCode.BadRequest, """{"message":"Interaction has already been acknowledged.","code":40060}""");

        var respond = kit.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.DeferredUpdate());
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2));
        kit.Time.Advance(TimeSpan.FromSeconds(2));
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));

        await respond;
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Unauthorized_stops_every_later_bot_request_but_not_interaction_webhooks()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.Unauthorized, """{"message":"401: Unauthorized","code":0}""");
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        var first = await Assert.ThrowsAsync<DiscordRestException>(() => kit.Client.GetChannelAsync(ChannelA));
        var second = await Assert.ThrowsAsync<DiscordRestException>(() => kit.Client.CreateMessageAsync(ChannelB, Hello));
        await kit.Client.CreateFollowupMessageAsync(AppId, InteractionToken, Hello);

        Assert.True(first.IsUnauthorized);
        Assert.Contains("Discord:Token", second.Message);
        Assert.Equal(2, kit.Handler.Requests.Count);
        Assert.Equal(1, kit.Limiter.InvalidRequestCount);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_retried()
    {
        var kit = new RestTestKit();
        kit.Handler.Hang();
        using var cts = new CancellationTokenSource();

        var get = kit.Client.GetChannelAsync(ChannelA, cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get);
        Assert.Single(kit.Handler.Requests);
    }
}
