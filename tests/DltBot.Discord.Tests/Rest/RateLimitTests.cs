using System.Net;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

public sealed class RateLimitTests
{
    private const string UserLimited = """{"message":"You are being rate limited.","retry_after":1.5,"global":false}""";
    private const string GlobalLimited = """{"message":"You are being rate limited.","retry_after":0.5,"global":true}""";
    private const string SharedLimited = """{"message":"The resource is being rate limited.","retry_after":8.7,"global":false}""";

    [Fact]
    public async Task Request_into_a_bucket_known_to_be_empty_waits_for_the_reset_without_sending()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 0, resetAfter: 2.5));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 4, resetAfter: 5));
        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        var second = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(2.5));

        Assert.Single(kit.Handler.Requests);
        Assert.False(second.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(2.5));
        await second;
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Concurrent_requests_never_overdraw_a_bucket()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 2, resetAfter: 5));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 1, resetAfter: 5));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 0, resetAfter: 5));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 4, resetAfter: 5));
        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        var burst = Enumerable.Range(0, 3).Select(_ => kit.Client.CreateMessageAsync(ChannelA, Hello)).ToArray();
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(burst);
        Assert.Equal(4, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_bucket_wait_longer_than_allowed_fails_fast_without_sending()
    {
        var kit = new RestTestKit(o => o with { MaxRateLimitWait = TimeSpan.FromSeconds(10) });
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 0, resetAfter: 30));
        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        var error = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));

        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Remaining_requests_in_a_bucket_go_out_without_waiting()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 2, resetAfter: 10));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 1, resetAfter: 9));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 0, resetAfter: 8));

        for (var i = 0; i < 3; i++)
        {
            await kit.Client.CreateMessageAsync(ChannelA, Hello);
        }

        Assert.Equal(3, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Buckets_are_separated_by_major_parameter()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 0, resetAfter: 30));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 4, resetAfter: 5));
        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        await kit.Client.CreateMessageAsync(ChannelB, Hello);

        Assert.Equal($"{BaseUrl}/channels/{ChannelB}/messages", kit.Handler.Requests[1].Uri.ToString());
    }

    [Fact]
    public async Task Routes_that_share_a_bucket_hash_share_its_limit()
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.OK, ChannelJson, Bucket(remaining: 5, resetAfter: 5, hash: "shared-hash"));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson, Bucket(remaining: 0, resetAfter: 3, hash: "shared-hash"));
        kit.Handler.Respond(HttpStatusCode.OK, ChannelJson, Bucket(remaining: 4, resetAfter: 5, hash: "shared-hash"));
        await kit.Client.GetChannelAsync(ChannelA);
        await kit.Client.CreateMessageAsync(ChannelA, Hello);

        var third = kit.Client.GetChannelAsync(ChannelA);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(2, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(3));
        await third;
        Assert.Equal(3, kit.Handler.Requests.Count);
    }

    public static TheoryData<string, string, (string, string)[], double, bool> ScopedLimits => new()
    {
        { "user", UserLimited, [.. Bucket(0, 1.5), ("X-RateLimit-Scope", "user"), ("Retry-After", "2")], 1.5, true },
        { "shared", SharedLimited, [.. Bucket(7, 8.7, "a07b"), ("X-RateLimit-Scope", "shared"), ("Retry-After", "9")], 8.7, false },
        { "global", GlobalLimited, [("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global"), ("Retry-After", "1")], 0.5, true },
    };

    [Theory]
    [MemberData(nameof(ScopedLimits))]
    public async Task Json_429_waits_retry_after_then_retries_and_counts_invalid_requests_except_shared(
        string scope, string body, (string, string)[] headers, double retryAfter, bool countsAsInvalid)
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(HttpStatusCode.TooManyRequests, body, headers);
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        var send = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(retryAfter));

        Assert.Single(kit.Handler.Requests);
        kit.Time.Advance(TimeSpan.FromSeconds(retryAfter));
        await send;
        Assert.Equal(2, kit.Handler.Requests.Count);
        Assert.Equal(countsAsInvalid ? 1 : 0, kit.Limiter.InvalidRequestCount);
        Assert.NotNull(scope);
    }

    [Fact]
    public async Task Global_429_blocks_every_route_until_it_expires()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 1 });
        kit.Handler.Respond(HttpStatusCode.TooManyRequests, GlobalLimited, ("X-RateLimit-Global", "true"), ("X-RateLimit-Scope", "global"));
        kit.Handler.Respond(HttpStatusCode.OK, ChannelJson);
        var limited = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));
        Assert.Equal("global", limited.Scope);

        var other = kit.Client.GetChannelAsync(ChannelB);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(0.5));

        Assert.Single(kit.Handler.Requests);
        kit.Time.Advance(TimeSpan.FromSeconds(0.5));
        await other;
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Interaction_callbacks_are_not_held_by_the_global_limit()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 1 });
        kit.Handler.Respond(HttpStatusCode.TooManyRequests, GlobalLimited, ("X-RateLimit-Global", "true"));
        kit.Handler.Respond(HttpStatusCode.NoContent);
        await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));

        await kit.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.DeferredUpdate());

        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Theory]
    [InlineData("text/html", "<html><body>Error 1015</body></html>")]
    [InlineData("text/plain", null)]
    public async Task Cloudflare_429_without_json_backs_off_by_retry_after_and_counts_as_invalid(string contentType, string? body)
    {
        var kit = new RestTestKit();
        kit.Handler.RespondRaw(HttpStatusCode.TooManyRequests, body, contentType, ("Retry-After", "3"));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);

        var send = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3));

        Assert.Single(kit.Handler.Requests);
        Assert.Equal(1, kit.Limiter.InvalidRequestCount);
        kit.Time.Advance(TimeSpan.FromSeconds(3));
        await send;
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Cloudflare_ban_longer_than_the_max_wait_fails_fast_and_blocks_further_requests()
    {
        var kit = new RestTestKit();
        kit.Handler.RespondRaw(HttpStatusCode.TooManyRequests, "<html>banned</html>", "text/html", ("Retry-After", "3600"));

        var first = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));
        var second = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.GetChannelAsync(ChannelB));
        var callback = await Assert.ThrowsAsync<DiscordRateLimitedException>(() =>
            kit.Client.CreateInteractionResponseAsync(InteractionId, InteractionToken, InteractionResponse.Pong()));

        Assert.Equal("cloudflare", first.Scope);
        Assert.Equal(TimeSpan.FromHours(1), first.RetryAfter);
        Assert.Equal("cloudflare", second.Scope);
        Assert.Equal("cloudflare", callback.Scope);
        Assert.Single(kit.Handler.Requests);
    }

    [Fact]
    public async Task Invalid_request_budget_refuses_requests_before_discord_would_ban_us()
    {
        var kit = new RestTestKit(o => o with { InvalidRequestLimit = 5, InvalidRequestSafetyMargin = 2, InvalidRequestWindow = TimeSpan.FromMinutes(10) });
        for (var i = 0; i < 3; i++)
        {
            kit.Handler.Respond(HttpStatusCode.Forbidden, """{"message":"Missing Permissions","code":50013}""");
            var denied = await Assert.ThrowsAsync<DiscordRestException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));
            Assert.True(denied.IsMissingPermissions);
        }

        var refused = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));

        Assert.Equal("invalid-request-budget", refused.Scope);
        Assert.Equal(3, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromMinutes(10));
        kit.Handler.Respond(HttpStatusCode.OK, MessageJson);
        await kit.Client.CreateMessageAsync(ChannelA, Hello);
        Assert.Equal(4, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Global_requests_per_second_are_paced()
    {
        var kit = new RestTestKit(o => o with { GlobalRequestsPerSecond = 2 });
        for (var i = 0; i < 3; i++)
        {
            kit.Handler.Respond(HttpStatusCode.OK, ChannelJson);
        }

        await kit.Client.GetChannelAsync(ChannelA);
        await kit.Client.GetChannelAsync(ChannelB);
        var third = kit.Client.GetChannelAsync(ChannelA);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await third;
        Assert.Equal(3, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Global_limit_holds_in_every_rolling_second_not_only_in_fixed_windows()
    {
        // A fixed window opened at the first request lets 3 go at 0.9 s and 3 more at 1.0 s: 5 in a tenth of a second.
        var kit = new RestTestKit(o => o with { GlobalRequestsPerSecond = 3 });
        for (var i = 0; i < 6; i++)
        {
            kit.Handler.Respond(HttpStatusCode.OK, ChannelJson);
        }

        await kit.Client.GetChannelAsync(ChannelA);
        kit.Time.Advance(TimeSpan.FromSeconds(0.9));
        await kit.Client.GetChannelAsync(ChannelA);
        await kit.Client.GetChannelAsync(ChannelB);
        kit.Time.Advance(TimeSpan.FromSeconds(0.1));

        var first = kit.Client.GetChannelAsync(ChannelA);
        var held = new[] { kit.Client.GetChannelAsync(ChannelB), kit.Client.GetChannelAsync(ChannelC) };
        await first;
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(0.9));
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(0.9));

        Assert.Equal(4, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(0.9));
        await Task.WhenAll(held);
        Assert.Equal(6, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task A_global_slot_is_dated_by_the_answer_so_discord_never_sees_two_within_a_second()
    {
        // Sent at 0 s and answered at 0.5 s, the first may have reached Discord at 0.5 s: the next waits until 1.5 s.
        var kit = new RestTestKit(o => o with { GlobalRequestsPerSecond = 1 });
        kit.Handler.RespondAfter(TimeSpan.FromSeconds(0.5), kit.Time, HttpStatusCode.OK, ChannelJson);
        kit.Handler.Respond(HttpStatusCode.OK, ChannelJson);
        var slow = kit.Client.GetChannelAsync(ChannelA);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(0.5));
        kit.Time.Advance(TimeSpan.FromSeconds(0.5));
        await slow;

        var next = kit.Client.GetChannelAsync(ChannelB);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(0.9));

        Assert.Single(kit.Handler.Requests);
        Assert.False(next.IsCompleted);
        kit.Time.Advance(TimeSpan.FromSeconds(0.1));
        await next;
        Assert.Equal(2, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Requests_in_flight_hold_their_global_slots_however_long_they_take()
    {
        var kit = new RestTestKit(o => o with { GlobalRequestsPerSecond = 2 });
        kit.Handler.RespondAfter(TimeSpan.FromSeconds(5), kit.Time, HttpStatusCode.OK, ChannelJson);
        kit.Handler.RespondAfter(TimeSpan.FromSeconds(5), kit.Time, HttpStatusCode.OK, ChannelJson);
        kit.Handler.Respond(HttpStatusCode.OK, ChannelJson);
        var slow = new[] { kit.Client.GetChannelAsync(ChannelA), kit.Client.GetChannelAsync(ChannelB) };
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        kit.Time.Advance(TimeSpan.FromSeconds(2));

        var third = kit.Client.GetChannelAsync(ChannelC);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));

        Assert.Equal(2, kit.Handler.Requests.Count);
        kit.Time.Advance(TimeSpan.FromSeconds(3));
        await Task.WhenAll(slow);
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        await third;
        Assert.Equal(3, kit.Handler.Requests.Count);
    }

    [Fact]
    public async Task Rate_limit_retries_are_bounded()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 2 });
        kit.Handler.Respond(HttpStatusCode.TooManyRequests, UserLimited, ("X-RateLimit-Scope", "user"));
        kit.Handler.Respond(HttpStatusCode.TooManyRequests, UserLimited, ("X-RateLimit-Scope", "user"));

        var send = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5));
        kit.Time.Advance(TimeSpan.FromSeconds(1.5));

        var error = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => send);
        Assert.Equal("user", error.Scope);
        Assert.Equal(2, kit.Handler.Requests.Count);
    }
}

public sealed class RateLimiterMemoryTests
{
    [Fact]
    public async Task Per_interaction_buckets_and_queues_do_not_grow_without_bound()
    {
        var kit = new RestTestKit();
        const int interactions = 1500;
        for (var i = 0; i < interactions; i++)
        {
            kit.Handler.Respond(HttpStatusCode.NoContent, null, RestTestKit.Bucket(remaining: 4, resetAfter: 1, hash: "webhook-bucket"));
        }

        for (var i = 0; i < interactions; i++)
        {
            await kit.Client.CreateInteractionResponseAsync((ulong)(1000 + i), $"token-{i}", InteractionResponse.DeferredUpdate());
            kit.Time.Advance(TimeSpan.FromSeconds(2));
        }

        Assert.Equal(interactions, kit.Handler.Requests.Count);
        Assert.InRange(kit.Limiter.TrackedBucketCount, 1, 300);
        Assert.InRange(kit.Limiter.TrackedRouteQueueCount, 1, 300);
    }
}
