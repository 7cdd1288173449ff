using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

/// <summary>Whole conversations with the scripted server: identify, resume, reconnect instructions, close codes.</summary>
public sealed class GatewayClientSessionTests
{
    [Fact]
    public async Task Identify_sends_token_guilds_intent_and_properties_then_ready_makes_the_client_ready()
    {
        await using var harness = new GatewayHarness();
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.GatewayUri, connection.Uri);
        Assert.False(harness.Client.IsReady);

        connection.ServerHello();
        var identify = (await connection.NextSentWithOpAsync(2)).GetProperty("d");
        Assert.Equal(GatewayScript.Token, identify.GetProperty("token").GetString());
        Assert.Equal(1, identify.GetProperty("intents").GetInt32());
        Assert.Equal("linux", identify.GetProperty("properties").GetProperty("os").GetString());
        Assert.Equal("DltBot", identify.GetProperty("properties").GetProperty("browser").GetString());
        Assert.Equal("DltBot", identify.GetProperty("properties").GetProperty("device").GetString());
        Assert.False(identify.TryGetProperty("shard", out _));
        Assert.Equal(GatewayClientState.Identifying, harness.Client.State);

        connection.ServerReady();
        var ready = await harness.Handler.NextAsync();

        Assert.Equal(("READY", 1), (ready.EventName, ready.Sequence));
        Assert.Equal("DltBot", ready.Data.GetProperty("user").GetProperty("username").GetString());
        Assert.True(harness.Client.IsReady);
        Assert.Equal(GatewayScript.SessionId, harness.Client.SessionId);
        Assert.Equal(1, harness.Client.LastSequence);
    }

    [Fact]
    public async Task Op7_reconnect_closes_resumably_and_resumes_on_the_resume_url_with_the_last_sequence()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        first.ServerDispatch("GUILD_CREATE", 2, """{"id":"838486034743296000"}""");
        await harness.Handler.NextAsync();

        first.ServerOp(7);

        Assert.NotEqual(1000, await first.ClosedByClient);
        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.ResumeUri, second.Uri);
        second.ServerHello();
        var resume = (await second.NextSentWithOpAsync(6)).GetProperty("d");
        Assert.Equal(GatewayScript.Token, resume.GetProperty("token").GetString());
        Assert.Equal(GatewayScript.SessionId, resume.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        Assert.Equal(GatewayClientState.Resuming, harness.Client.State);

        second.ServerDispatch("RESUMED", 3);
        Assert.Equal("RESUMED", (await harness.Handler.NextAsync()).EventName);
        Assert.True(harness.Client.IsReady);
        Assert.Equal(1, harness.BotInfo.Calls);
    }

    [Fact]
    public async Task Op9_resumable_resumes()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();

        first.ServerOp(9, "true");

        await first.ClosedByClient;
        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.ResumeUri, second.Uri);
        second.ServerHello();
        Assert.Equal(1, (await second.NextSentWithOpAsync(6)).GetProperty("d").GetProperty("seq").GetInt32());
    }

    [Fact]
    public async Task Op9_not_resumable_waits_one_to_five_seconds_then_identifies_a_new_session_on_the_gateway_url()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        var first = await harness.StartReadyAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(10)); // the first identify's 5 s concurrency window is over

        first.ServerOp(9, "false");

        await first.ClosedByClient;
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3)); // 1 s + 4 s x 0.5
        Assert.Equal(1, harness.Transports.CreatedCount);
        Assert.Null(harness.Client.SessionId);
        harness.Time.Advance(TimeSpan.FromSeconds(3));

        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.GatewayUri, second.Uri);
        second.ServerHello();
        await second.NextSentWithOpAsync(2);
        second.ServerReady(sessionId: "fresh-session");
        var ready = await harness.Handler.NextAsync();
        Assert.Equal(("READY", 1), (ready.EventName, ready.Sequence));
        Assert.Equal("fresh-session", harness.Client.SessionId);
        Assert.Equal(2, harness.BotInfo.Calls);
    }

    [Fact]
    public async Task Invalid_session_right_after_identify_respects_the_five_second_identify_window()
    {
        await using var harness = new GatewayHarness(random: 0.125);
        var first = await harness.StartReadyAsync();

        first.ServerOp(9, "false");

        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5)); // 1 s + 4 s x 0.125
        harness.Time.Advance(TimeSpan.FromSeconds(1.5));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3.5)); // identify #1 was at t=0: next one not before t=5
        Assert.Equal(1, harness.Transports.CreatedCount);
        harness.Time.Advance(TimeSpan.FromSeconds(3.5));
        var second = await harness.Transports.NextConnectionAsync();
        second.ServerHello();
        await second.NextSentWithOpAsync(2);
    }

    // The client must do what the policy table says for every code the table test covers.
    public static TheoryData<int?, GatewayReconnectAction> ServerCloses => GatewayCloseCodePolicyTests.EveryCloseCode;

    [Theory]
    [MemberData(nameof(ServerCloses))]
    public async Task Every_server_close_leads_to_the_action_in_the_table(int? closeCode, GatewayReconnectAction expected)
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(5));

        first.ServerClose(closeCode);

        switch (expected)
        {
            case GatewayReconnectAction.Resume:
                var resumed = await harness.Transports.NextConnectionAsync();
                Assert.Equal(GatewayScript.ResumeUri, resumed.Uri);
                resumed.ServerHello();
                Assert.Equal(1, (await resumed.NextSentWithOpAsync(6)).GetProperty("d").GetProperty("seq").GetInt32());
                break;
            case GatewayReconnectAction.NewSession:
                var fresh = await harness.Transports.NextConnectionAsync();
                Assert.Equal(GatewayScript.GatewayUri, fresh.Uri);
                fresh.ServerHello();
                await fresh.NextSentWithOpAsync(2);
                Assert.Null(harness.Client.SessionId);
                break;
            case GatewayReconnectAction.Stop:
                var error = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Client.Completion.WithTimeout());
                Assert.Equal(closeCode, error.Decision.CloseCode);
                Assert.Contains($"{closeCode}: ", error.Message, StringComparison.Ordinal);
                Assert.Contains(GatewayCloseCodePolicy.Decide(closeCode).Fix!, error.Message, StringComparison.Ordinal);
                Assert.Same(error, harness.Client.FatalError);
                Assert.Equal(GatewayClientState.Faulted, harness.Client.State);
                Assert.False(harness.Client.IsReady);
                Assert.Equal(1, harness.Transports.CreatedCount);
                Assert.Contains(harness.Logger.Lines, line => line.StartsWith("Critical GatewayFatalClose", StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task Disallowed_intents_before_ready_stop_with_the_portal_hint()
    {
        await using var harness = new GatewayHarness();
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await harness.Transports.NextConnectionAsync();
        connection.ServerHello();
        await connection.NextSentWithOpAsync(2);

        connection.ServerClose(4014);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Client.Completion.WithTimeout());
        Assert.Contains("4014: disallowed intents; the bot asked for a privileged intent not enabled in the Developer Portal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_after_a_drop_delivers_every_dispatch_exactly_once_in_order()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        first.ServerDispatch("GUILD_CREATE", 2, """{"id":"1"}""");
        first.ServerDispatch("INTERACTION_CREATE", 3, """{"id":"100"}""");

        first.ServerClose(null);

        var second = await harness.Transports.NextConnectionAsync();
        second.ServerHello();
        Assert.Equal(3, (await second.NextSentWithOpAsync(6)).GetProperty("d").GetProperty("seq").GetInt32());
        // Replay as a sloppy server might: one event we already have, then the missed ones, then RESUMED.
        second.ServerDispatch("INTERACTION_CREATE", 3, """{"id":"100"}""");
        second.ServerDispatch("INTERACTION_CREATE", 4, """{"id":"101"}""");
        second.ServerDispatch("RESUMED", 5);
        second.ServerDispatch("THREAD_CREATE", 6, """{"id":"7"}""");

        var seen = new List<GatewayDispatch>();
        for (var i = 0; i < 5; i++)
        {
            seen.Add(await harness.Handler.NextAsync());
        }

        Assert.Equal([1, 2, 3, 4, 5, 6], harness.Handler.Handled.Select(d => d.Sequence));
        Assert.Equal(["READY", "GUILD_CREATE", "INTERACTION_CREATE", "INTERACTION_CREATE", "RESUMED", "THREAD_CREATE"],
            harness.Handler.Handled.Select(d => d.EventName));
        Assert.Equal(["100", "101"], harness.Handler.Handled.Where(d => d.EventName == "INTERACTION_CREATE").Select(d => d.Data.GetProperty("id").GetString()));
        Assert.Equal(6, harness.Client.LastSequence);
        Assert.True(harness.Client.IsReady);
    }

    [Fact]
    public async Task Connect_failures_back_off_through_the_time_provider()
    {
        await using var harness = new GatewayHarness(random: 0.5,
            reconnectDelay: new ExponentialGatewayReconnectDelay(new FixedRandom(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60)));
        harness.Transports.FailNextConnect(new System.Net.WebSockets.WebSocketException("connection refused"));
        harness.Transports.FailNextConnect(new System.Net.WebSockets.WebSocketException("connection refused"));

        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        await harness.Transports.NextCreatedAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(0.75)); // backoff 1: 1 s x (0.5 + 0.5 x 0.5)
        harness.Time.Advance(TimeSpan.FromSeconds(0.75));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(4.25)); // identify window: 5 s since the first attempt
        Assert.Equal(1, harness.Transports.CreatedCount);
        harness.Time.Advance(TimeSpan.FromSeconds(4.25));
        await harness.Transports.NextCreatedAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1.5)); // backoff 2 doubles
        harness.Time.Advance(TimeSpan.FromSeconds(1.5));
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(3.5));
        Assert.Equal(2, harness.Transports.CreatedCount);
        harness.Time.Advance(TimeSpan.FromSeconds(3.5));

        var connection = await harness.Transports.NextConnectionAsync();
        connection.ServerHello();
        await connection.NextSentWithOpAsync(2);
    }

    [Fact]
    public async Task Identify_waits_for_reset_after_when_the_daily_budget_is_spent()
    {
        await using var harness = new GatewayHarness();
        harness.BotInfo.Info = harness.BotInfo.Info with { SessionStartLimit = new GatewaySessionStartLimit(1000, 0, TimeSpan.FromHours(2), 1) };

        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromHours(2));

        Assert.Equal(0, harness.Transports.CreatedCount);
        Assert.Contains(harness.Logger.Lines, line => line.Contains("GatewayIdentifyBudgetExhausted", StringComparison.Ordinal)
            && line.Contains("All 1000 identifies", StringComparison.Ordinal));
        harness.Time.Advance(TimeSpan.FromHours(2));
        var connection = await harness.Transports.NextConnectionAsync();
        connection.ServerHello();
        await connection.NextSentWithOpAsync(2);
    }

    [Fact]
    public async Task Unreachable_resume_url_gives_up_the_session_after_the_configured_failures()
    {
        await using var harness = new GatewayHarness(configure: o => o with { MaxResumeConnectFailures = 2 });
        var first = await harness.StartReadyAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        harness.Transports.FailNextConnect(new IOException("resume host down"));
        harness.Transports.FailNextConnect(new IOException("resume host down"));

        first.ServerClose(4000);

        Assert.Equal(GatewayScript.ResumeUri, (await harness.Transports.NextCreatedAsync()).Uri);
        Assert.Equal(GatewayScript.ResumeUri, (await harness.Transports.NextCreatedAsync()).Uri);
        var fresh = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.GatewayUri, fresh.Uri);
        fresh.ServerHello();
        await fresh.NextSentWithOpAsync(2);
    }

    [Fact]
    public async Task Sharded_identify_sends_the_shard_pair()
    {
        await using var harness = new GatewayHarness(configure: o => o with { ShardId = 1, ShardCount = 2 });
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await harness.Transports.NextConnectionAsync();
        connection.ServerHello();

        var shard = (await connection.NextSentWithOpAsync(2)).GetProperty("d").GetProperty("shard");

        Assert.Equal([1, 2], shard.EnumerateArray().Select(e => e.GetInt32()));
    }

    [Theory]
    [InlineData("", null, null, "Discord:Token")]
    [InlineData("t", 2, 2, "Shard settings")]
    [InlineData("t", 0, null, "Shard settings")]
    public void Bad_options_fail_at_construction_with_the_setting_named(string token, int? shardId, int? shardCount, string expected)
    {
        var options = new GatewayClientOptions { Token = token, ShardId = shardId, ShardCount = shardCount };

        var error = Assert.Throws<ArgumentException>(() =>
            new GatewayClient(options, new ScriptedTransportFactory(), new StaticBotInfoSource(), new RecordingDispatchHandler()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

public sealed class GatewayClientReadyShapeTests
{
    [Fact]
    public async Task Ready_without_a_resume_url_resumes_on_the_gateway_url()
    {
        await using var harness = new GatewayHarness();
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var first = await harness.Transports.NextConnectionAsync();
        first.ServerHello();
        await first.NextSentWithOpAsync(2);
        first.ServerDispatch("READY", 1, """{"session_id":"no-resume-url","user":{"id":"1"}}""");
        await harness.Handler.NextAsync();

        first.ServerClose(4000);

        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.GatewayUri, second.Uri);
        second.ServerHello();
        Assert.Equal("no-resume-url", (await second.NextSentWithOpAsync(6)).GetProperty("d").GetProperty("session_id").GetString());
    }
}

public sealed class GatewayClientBotInfoFailureTests
{
    [Fact]
    public async Task When_gateway_bot_fails_later_the_cached_url_is_used()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(5));
        harness.BotInfo.Failure = new HttpRequestException("REST is down");

        first.ServerClose(4007); // needs a new session, hence /gateway/bot

        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.GatewayUri, second.Uri);
        Assert.Contains(harness.Logger.Lines, line => line.Contains("GatewayBotInfoFailed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_fatal_bot_info_error_is_not_papered_over_by_the_cached_url()
    {
        await using var harness = new GatewayHarness();
        var first = await harness.StartReadyAsync();
        harness.BotInfo.Failure = new GatewayFatalException(new GatewayCloseDecision(null, GatewayReconnectAction.Stop, "token rejected", "fix the token."));

        first.ServerClose(4007);

        var error = await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Client.Completion.WithTimeout());
        Assert.Equal("The gateway cannot start: token rejected; fix the token.", error.Message);
        Assert.Equal(1, harness.Transports.CreatedCount);
    }
}
