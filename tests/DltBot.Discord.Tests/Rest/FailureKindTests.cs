using System.Net;
using DltBot.Discord.Rest;
using static DltBot.Discord.Tests.Rest.RestTestKit;

namespace DltBot.Discord.Tests.Rest;

/// <summary>Which failures the weekly job may retry (Transient) and which pause a server's schedule (Permanent).</summary>
public sealed class FailureKindTests
{
    [Theory]
    [InlineData(HttpStatusCode.Forbidden, 50013, "Missing Permissions (50013)")]
    [InlineData(HttpStatusCode.Forbidden, 50001, "Missing Access (50001)")]
    [InlineData(HttpStatusCode.NotFound, 10003, "Unknown Channel (10003)")]
    public async Task Channel_access_errors_are_permanent_with_code_status_and_reason(HttpStatusCode status, int code, string reason)
    {
        var kit = new RestTestKit();
        kit.Handler.Respond(status, $$"""{"message":"whatever Discord says","code":{{code}}}""");

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));

        Assert.Single(kit.Handler.Requests); // never retried
        Assert.Equal((status, code), (error.StatusCode, error.DiscordCode));
        Assert.Equal(DiscordFailureKind.Permanent, error.Kind);
        Assert.True(error.IsPermanent);
        Assert.False(error.IsTransient);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5xx_that_outlasts_the_retries_is_transient()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 2 });
        kit.Handler.Respond(HttpStatusCode.InternalServerError, """{"message":"500: Internal Server Error","code":0}""");
        kit.Handler.Respond(HttpStatusCode.BadGateway, "<html>bad gateway</html>");

        var sending = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        kit.Time.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => sending);

        Assert.Equal(2, kit.Handler.Requests.Count);
        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task A_timeout_after_the_retries_is_transient()
    {
        var kit = new RestTestKit(o => o with { MaxAttempts = 1, AttemptTimeout = TimeSpan.FromSeconds(15) });
        kit.Handler.Hang();

        var sending = kit.Client.CreateMessageAsync(ChannelA, Hello);
        await kit.Time.WaitForTimerAsync(TimeSpan.FromSeconds(15));
        kit.Time.Advance(TimeSpan.FromSeconds(15));
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => sending);

        Assert.Null(error.StatusCode);
        Assert.Equal(DiscordFailureKind.Transient, error.Kind);
    }

    [Fact]
    public async Task A_rate_limit_longer_than_the_client_waits_is_transient()
    {
        var kit = new RestTestKit(o => o with { MaxRateLimitWait = TimeSpan.FromSeconds(5) });
        kit.Handler.Respond(HttpStatusCode.TooManyRequests, """{"message":"You are being rate limited.","retry_after":60,"global":false}""", ("Retry-After", "60"));

        var error = await Assert.ThrowsAsync<DiscordRateLimitedException>(() => kit.Client.CreateMessageAsync(ChannelA, Hello));

        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden, null, DiscordFailureKind.Permanent)]
    [InlineData(HttpStatusCode.NotFound, 10008, DiscordFailureKind.Permanent)]
    [InlineData(HttpStatusCode.BadRequest, 50035, DiscordFailureKind.Rejected)]
    [InlineData(HttpStatusCode.BadRequest, 160004, DiscordFailureKind.Rejected)]
    [InlineData(HttpStatusCode.Unauthorized, 0, DiscordFailureKind.Rejected)]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, DiscordFailureKind.Transient)]
    [InlineData(HttpStatusCode.TooManyRequests, null, DiscordFailureKind.Transient)]
    [InlineData(null, null, DiscordFailureKind.Transient)]
    public void Classification_by_status_and_code(HttpStatusCode? status, int? code, DiscordFailureKind expected) =>
        Assert.Equal(expected, DiscordRestException.Classify(status, code));
}
