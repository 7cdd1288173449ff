using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;

namespace DltBot.Discord.Tests.Gateway;

/// <summary>Heartbeats, zombie detection, slow handlers and shutdown, driven by FakeTimeProvider.</summary>
public sealed class GatewayClientHeartbeatTests
{
    [Fact]
    public async Task First_beat_comes_after_interval_times_jitter_then_every_interval_with_the_last_sequence()
    {
        await using var harness = new GatewayHarness(random: 0.25);
        var connection = await harness.StartReadyAsync();
        var jittered = harness.HeartbeatInterval * 0.25;

        harness.Time.Advance(jittered - TimeSpan.FromMilliseconds(1));
        Assert.False(connection.HasUnreadSentFrames);
        harness.Time.Advance(TimeSpan.FromMilliseconds(1));
        var beat = await connection.NextSentWithOpAsync(1);
        Assert.Equal(1, beat.GetProperty("d").GetInt32());

        connection.ServerAck();
        connection.ServerDispatch("GUILD_CREATE", 2);
        await harness.Handler.NextAsync();
        harness.Time.Advance(harness.HeartbeatInterval);
        Assert.Equal(2, (await connection.NextSentWithOpAsync(1)).GetProperty("d").GetInt32());
        Assert.NotNull(harness.Client.HeartbeatLatency);
    }

    [Fact]
    public async Task Heartbeat_before_any_dispatch_sends_null()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await harness.Transports.NextConnectionAsync();
        connection.ServerHello();
        await connection.NextSentWithOpAsync(2);

        harness.Time.Advance(harness.HeartbeatInterval * 0.5);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await connection.NextSentWithOpAsync(1)).GetProperty("d").ValueKind);
    }

    [Fact]
    public async Task Server_heartbeat_request_is_answered_immediately()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.ServerOp(1);

        Assert.Equal(1, (await connection.NextSentWithOpAsync(1)).GetProperty("d").GetInt32());
    }

    [Fact]
    public async Task Missing_ack_means_zombie_close_with_a_resumable_code_and_resume_with_the_last_sequence()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        var first = await harness.StartReadyAsync();
        first.ServerDispatch("GUILD_CREATE", 2);
        await harness.Handler.NextAsync();
        harness.Time.Advance(harness.HeartbeatInterval * 0.5);
        await first.NextSentWithOpAsync(1);

        harness.Time.Advance(harness.HeartbeatInterval); // no ACK came

        var closeCode = await first.ClosedByClient;
        Assert.NotEqual(1000, closeCode);
        Assert.NotEqual(1001, closeCode);
        Assert.Contains(harness.Logger.Lines, line => line.Contains("GatewayZombie", StringComparison.Ordinal));
        var second = await harness.Transports.NextConnectionAsync();
        Assert.Equal(GatewayScript.ResumeUri, second.Uri);
        second.ServerHello();
        var resume = (await second.NextSentWithOpAsync(6)).GetProperty("d");
        Assert.Equal(2, resume.GetProperty("seq").GetInt32());
        Assert.Equal(GatewayScript.SessionId, resume.GetProperty("session_id").GetString());
        Assert.Equal(2, harness.Transports.CreatedCount);
    }

    [Fact]
    public async Task Acknowledged_beats_keep_the_connection()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        var connection = await harness.StartReadyAsync();
        harness.Time.Advance(harness.HeartbeatInterval * 0.5);

        for (var beat = 0; beat < 5; beat++)
        {
            await connection.NextSentWithOpAsync(1);
            connection.ServerAck();
            connection.ServerOp(1); // a round trip through the reader proves the ACK was read before time moves on
            await connection.NextSentWithOpAsync(1);
            harness.Time.Advance(harness.HeartbeatInterval);
        }

        await connection.NextSentWithOpAsync(1);
        Assert.Null(connection.ClientCloseCode);
        Assert.Equal(1, harness.Transports.CreatedCount);
    }

    [Fact]
    public async Task A_slow_handler_stalls_neither_heartbeats_nor_reading()
    {
        await using var harness = new GatewayHarness(random: 0.5);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.OnDispatch = (dispatch, _) => dispatch.EventName == "GUILD_CREATE" ? release.Task : Task.CompletedTask;
        var connection = await harness.StartReadyAsync();
        connection.ServerDispatch("GUILD_CREATE", 2); // the handler sits on this one

        for (var beat = 0; beat < 3; beat++)
        {
            harness.Time.Advance(beat == 0 ? harness.HeartbeatInterval * 0.5 : harness.HeartbeatInterval);
            await connection.NextSentWithOpAsync(1);
            connection.ServerAck();
            connection.ServerDispatch("INTERACTION_CREATE", 3 + beat);
            connection.ServerOp(1);
            Assert.Equal(3 + beat, (await connection.NextSentWithOpAsync(1)).GetProperty("d").GetInt32()); // reader is current
        }

        Assert.Null(connection.ClientCloseCode);
        Assert.Equal(["READY"], harness.Handler.Handled.Select(d => d.EventName));

        release.SetResult();
        for (var i = 0; i < 4; i++)
        {
            await harness.Handler.NextAsync();
        }

        Assert.Equal([1, 2, 3, 4, 5], harness.Handler.Handled.Select(d => d.Sequence));
    }

    [Fact]
    public async Task A_failing_handler_is_logged_and_the_next_dispatch_still_arrives()
    {
        await using var harness = new GatewayHarness();
        harness.Handler.OnDispatch = (dispatch, _) => dispatch.Sequence == 2 ? Task.FromException(new InvalidOperationException("boom")) : Task.CompletedTask;
        var connection = await harness.StartReadyAsync();

        connection.ServerDispatch("GUILD_CREATE", 2);
        connection.ServerDispatch("GUILD_CREATE", 3);

        Assert.Equal(3, (await harness.Handler.NextAsync()).Sequence);
        Assert.Contains(harness.Logger.Lines, line => line.StartsWith("Error GatewayHandlerFailed", StringComparison.Ordinal) && line.Contains("sequence 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_frames_are_skipped_without_dropping_the_connection()
    {
        await using var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        connection.ServerSend("{not json");
        connection.ServerSend("""{"op":0,"d":{}}""");
        connection.ServerDispatch("GUILD_CREATE", 2);

        Assert.Equal(2, (await harness.Handler.NextAsync()).Sequence);
        Assert.Null(connection.ClientCloseCode);
        Assert.Equal(2, harness.Logger.Lines.Count(line => line.Contains("GatewayMalformedFrame", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Stop_closes_with_1000_and_waits_for_the_in_flight_handler()
    {
        var harness = new GatewayHarness();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.OnDispatch = (dispatch, _) =>
        {
            if (dispatch.EventName != "INTERACTION_CREATE")
            {
                return Task.CompletedTask;
            }

            started.TrySetResult();
            return release.Task;
        };
        var connection = await harness.StartReadyAsync();
        connection.ServerDispatch("INTERACTION_CREATE", 2);
        await started.Task.WithTimeout();

        var stop = harness.Client.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1000, await connection.ClosedByClient);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10)); // the drain timeout is armed, not yet due
        Assert.False(stop.IsCompleted);
        release.SetResult();
        await stop.WithTimeout();
        await harness.Client.Completion.WithTimeout();
        Assert.Equal(2, harness.Handler.Handled[^1].Sequence);
        Assert.Equal(GatewayClientState.Stopped, harness.Client.State);
        Assert.False(harness.Client.IsReady);
        Assert.True(connection.Disposed);
        Assert.Equal(1, harness.Transports.CreatedCount);
    }

    [Fact]
    public async Task Stop_cancels_handlers_that_outlive_the_drain_timeout()
    {
        var harness = new GatewayHarness();
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.OnDispatch = async (dispatch, ct) =>
        {
            if (dispatch.EventName == "INTERACTION_CREATE")
            {
                started.TrySetResult();
                await using var registration = ct.Register(() => cancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, ct);
            }
        };
        var connection = await harness.StartReadyAsync();
        connection.ServerDispatch("INTERACTION_CREATE", 2);
        await started.Task.WithTimeout();

        var stop = harness.Client.StopAsync(TestContext.Current.CancellationToken);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(10));
        harness.Time.Advance(TimeSpan.FromSeconds(10));

        await stop.WithTimeout();
        await cancelled.Task.WithTimeout();
        Assert.Contains(harness.Logger.Lines, line => line.Contains("GatewayHandlerDrainTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restart_stop_keeps_the_session_resumable()
    {
        var harness = new GatewayHarness();
        var connection = await harness.StartReadyAsync();

        await harness.Client.StopAsync(keepSessionResumable: true, TestContext.Current.CancellationToken).WithTimeout();

        Assert.Equal(GatewayClient.ResumableCloseCode, connection.ClientCloseCode);
        Assert.NotEqual(1000, connection.ClientCloseCode);
    }

    [Fact]
    public async Task Stop_while_waiting_to_reconnect_returns_without_another_connection()
    {
        var harness = new GatewayHarness(reconnectDelay: new ExponentialGatewayReconnectDelay(new FixedRandom(0), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(60)));
        var connection = await harness.StartReadyAsync();
        connection.ServerClose(4000);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(4));

        await harness.Client.StopAsync(TestContext.Current.CancellationToken).WithTimeout();

        await harness.Client.Completion.WithTimeout();
        Assert.Equal(1, harness.Transports.CreatedCount);
    }

    [Fact]
    public async Task Sends_go_through_the_current_connection_and_are_refused_when_disconnected()
    {
        var harness = new GatewayHarness();
        using var presence = System.Text.Json.JsonDocument.Parse("""{"since":null,"activities":[],"status":"online","afk":false}""");
        await Assert.ThrowsAsync<InvalidOperationException>(() => harness.Client.SendAsync(GatewayOpcode.PresenceUpdate, presence.RootElement, TestContext.Current.CancellationToken));
        var connection = await harness.StartReadyAsync();

        await harness.Client.SendAsync(GatewayOpcode.PresenceUpdate, presence.RootElement, TestContext.Current.CancellationToken);

        Assert.Equal("online", (await connection.NextSentWithOpAsync(3)).GetProperty("d").GetProperty("status").GetString());
        await harness.DisposeAsync();
    }
}

public sealed class GatewayClientHelloTimeoutTests
{
    [Fact]
    public async Task A_connection_that_never_says_hello_is_abandoned_and_retried()
    {
        await using var harness = new GatewayHarness(configure: o => o with { HelloTimeout = TimeSpan.FromSeconds(20) });
        await harness.Client.StartAsync(TestContext.Current.CancellationToken);
        var silent = await harness.Transports.NextConnectionAsync();
        await harness.Time.WaitForTimerAsync(TimeSpan.FromSeconds(20));

        harness.Time.Advance(TimeSpan.FromSeconds(20));

        Assert.NotEqual(1000, await silent.ClosedByClient);
        Assert.Contains(harness.Logger.Lines, line => line.Contains("no Hello within", StringComparison.Ordinal));
        var next = await harness.Transports.NextConnectionAsync();
        next.ServerHello();
        await next.NextSentWithOpAsync(2);
    }
}
