using System.Text;
using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayReconnectDelayTests
{
    [Fact]
    public void Delays_double_up_to_the_cap_and_reset_after_success()
    {
        var delay = new ExponentialGatewayReconnectDelay(new FixedRandom(0), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        var seconds = Enumerable.Range(0, 9).Select(_ => delay.NextDelay().TotalSeconds).ToArray();
        delay.Reset();

        Assert.Equal([0.5, 1, 2, 4, 8, 16, 30, 30, 30], seconds);
        Assert.Equal(TimeSpan.FromSeconds(0.5), delay.NextDelay());
    }

    [Fact]
    public void Jitter_spreads_each_delay_between_half_and_all_of_its_ceiling()
    {
        var random = new FixedRandom(0.999);
        var delay = new ExponentialGatewayReconnectDelay(random, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

        var first = delay.NextDelay();

        Assert.InRange(first.TotalSeconds, 1.99, 2.0);
    }

    [Fact]
    public void Many_failures_never_overflow_past_the_cap()
    {
        var delay = new ExponentialGatewayReconnectDelay(new FixedRandom(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));

        var last = Enumerable.Range(0, 500).Select(_ => delay.NextDelay()).ToArray()[^1];

        Assert.Equal(TimeSpan.FromSeconds(90), last);
    }
}

public sealed class GatewayUriTests
{
    [Theory]
    [InlineData("wss://gateway.discord.gg", "wss://gateway.discord.gg/?v=10&encoding=json")]
    [InlineData("wss://gateway-us-east1-d.discord.gg/", "wss://gateway-us-east1-d.discord.gg/?v=10&encoding=json")]
    [InlineData("ws://127.0.0.1:5000/gateway?v=9&encoding=etf&x=1", "ws://127.0.0.1:5000/gateway?x=1&v=10&encoding=json")]
    public void Adds_version_10_json_exactly_once(string baseUrl, string expected)
    {
        Assert.Equal(new Uri(expected), GatewayUri.ForVersion10(new Uri(baseUrl)));
    }
}

public sealed class GatewayPayloadTests
{
    [Fact]
    public async Task First_heartbeat_carries_an_explicit_null_and_identify_omits_the_shard()
    {
        var transport = new ScriptedGatewayTransport();
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(new FakeTimeProvider()));

        await sender.SendHeartbeatAsync(null, TestContext.Current.CancellationToken);
        await sender.SendIdentifyAsync(new IdentifyData("t", 1, new IdentifyProperties("linux", "DltBot", "DltBot")), TestContext.Current.CancellationToken);
        await sender.SendResumeAsync(new ResumeData("t", "abc", 42), TestContext.Current.CancellationToken);

        Assert.Equal(
            [
                """{"op":1,"d":null}""",
                """{"op":2,"d":{"token":"t","intents":1,"properties":{"os":"linux","browser":"DltBot","device":"DltBot"}}}""",
                """{"op":6,"d":{"token":"t","session_id":"abc","seq":42}}""",
            ],
            transport.Sent);
    }

    [Fact]
    public async Task A_frame_over_4096_bytes_is_refused_with_a_clear_error_and_never_sent()
    {
        var transport = new ScriptedGatewayTransport();
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(new FakeTimeProvider()));
        using var big = JsonDocument.Parse($$"""{"status":"online","note":"{{new string('x', 4100)}}"}""");

        var error = await Assert.ThrowsAsync<GatewayPayloadTooLargeException>(
            () => sender.SendAsync(GatewayOpcode.PresenceUpdate, big.RootElement, TestContext.Current.CancellationToken));

        Assert.Equal(3, error.Opcode);
        Assert.Contains("4096", error.Message, StringComparison.Ordinal);
        Assert.Contains("4002", error.Message, StringComparison.Ordinal);
        Assert.Empty(transport.Sent);
    }

    [Fact]
    public async Task A_frame_of_exactly_4096_bytes_is_sent()
    {
        var transport = new ScriptedGatewayTransport();
        await transport.ConnectAsync(GatewayScript.GatewayUri, TestContext.Current.CancellationToken);
        var sender = new GatewayFrameSender(transport, new GatewaySendLimiter(new FakeTimeProvider()));
        var overhead = """{"op":3,"d":""}""".Length;
        using var exact = JsonDocument.Parse($"\"{new string('x', GatewayFrameSender.MaxFrameBytes - overhead)}\"");

        await sender.SendAsync(GatewayOpcode.PresenceUpdate, exact.RootElement, TestContext.Current.CancellationToken);

        Assert.Equal(GatewayFrameSender.MaxFrameBytes, Encoding.UTF8.GetByteCount(Assert.Single(transport.Sent)));
    }
}

public sealed class GatewaySendLimiterTests
{
    [Fact]
    public async Task Ordinary_sends_wait_for_the_window_but_heartbeats_use_the_reserve()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);

        for (var i = 0; i < 117; i++)
        {
            Assert.True(limiter.WaitAsync(isHeartbeat: false, TestContext.Current.CancellationToken).AsTask().IsCompleted, $"send {i + 1} should not wait");
        }

        var blocked = limiter.WaitAsync(isHeartbeat: false, TestContext.Current.CancellationToken).AsTask();
        var heartbeats = Enumerable.Range(0, 3).Select(_ => limiter.WaitAsync(isHeartbeat: true, TestContext.Current.CancellationToken).AsTask()).ToArray();

        Assert.False(blocked.IsCompleted);
        Assert.All(heartbeats, heartbeat => Assert.True(heartbeat.IsCompleted));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(blocked.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await blocked.WithTimeout();
    }

    [Fact]
    public void Never_more_than_120_events_in_any_60_seconds()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time);

        var immediate = Enumerable.Range(0, 200).Count(_ => limiter.WaitAsync(isHeartbeat: true, TestContext.Current.CancellationToken).AsTask().IsCompleted);

        Assert.Equal(GatewaySendLimiter.DiscordEventsPerWindow, immediate);
    }

    [Fact]
    public void A_new_connection_starts_with_an_empty_window()
    {
        var limiter = new GatewaySendLimiter(new FakeTimeProvider(), limit: 2, reservedForHeartbeats: 1);
        Assert.True(limiter.WaitAsync(false, TestContext.Current.CancellationToken).AsTask().IsCompleted);
        Assert.False(limiter.WaitAsync(false, TestContext.Current.CancellationToken).AsTask().IsCompleted);

        limiter.Reset();

        Assert.True(limiter.WaitAsync(false, TestContext.Current.CancellationToken).AsTask().IsCompleted);
    }
}

public sealed class GatewayIdentifyBudgetTests
{
    [Fact]
    public async Task Exhausted_budget_waits_until_reset_after_and_says_so()
    {
        var time = new ObservableFakeTimeProvider();
        var logger = new ListLogger<GatewayClient>();
        var budget = new GatewayIdentifyBudget(time, logger);
        budget.Update(new GatewaySessionStartLimit(1000, 0, TimeSpan.FromMinutes(30), 1));

        var turn = budget.WaitForTurnAsync(0, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromMinutes(30));
        Assert.False(turn.IsCompleted);
        Assert.Contains(logger.Lines, line => line.Contains("GatewayIdentifyBudgetExhausted", StringComparison.Ordinal)
            && line.Contains("waiting 00:30:00", StringComparison.Ordinal));

        time.Advance(TimeSpan.FromMinutes(30));
        await turn.WithTimeout();
        Assert.Equal(999, budget.Remaining);
    }

    [Fact]
    public async Task At_most_one_identify_per_five_seconds_per_concurrency_bucket()
    {
        var time = new ObservableFakeTimeProvider();
        var budget = new GatewayIdentifyBudget(time);
        budget.Update(new GatewaySessionStartLimit(1000, 10, TimeSpan.FromHours(1), 2));

        await budget.WaitForTurnAsync(0, TestContext.Current.CancellationToken);
        await budget.WaitForTurnAsync(1, TestContext.Current.CancellationToken); // other bucket: no wait
        time.Advance(TimeSpan.FromSeconds(2));
        var sameBucket = budget.WaitForTurnAsync(2, TestContext.Current.CancellationToken); // 2 % 2 == bucket 0

        await time.WaitForTimerAsync(TimeSpan.FromSeconds(3));
        Assert.False(sameBucket.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(3));
        await sameBucket.WithTimeout();
        Assert.Equal(7, budget.Remaining);
    }
}

public sealed class GatewaySecretTests
{
    [Fact]
    public void Records_carrying_the_token_never_print_it()
    {
        const string token = "MTA4NTE0MDgxNDAwNDIyNDAwNw.secret";

        string[] printed =
        [
            new GatewayClientOptions { Token = token }.ToString(),
            new IdentifyData(token, 1, new IdentifyProperties("linux", "DltBot", "DltBot")).ToString(),
            new ResumeData(token, "session", 3).ToString(),
        ];

        Assert.All(printed, text => Assert.DoesNotContain(token, text, StringComparison.Ordinal));
        Assert.All(printed, text => Assert.Contains("***", text, StringComparison.Ordinal));
    }
}
