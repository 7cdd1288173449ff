using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Tests.Gateway.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Gateway;

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
