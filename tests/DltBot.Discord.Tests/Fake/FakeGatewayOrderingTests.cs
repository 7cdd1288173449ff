using System.Diagnostics.CodeAnalysis;
using DltBot.FakeDiscord;

namespace DltBot.Discord.Tests.Fake;

/// <summary>
/// What a test may rely on once it has seen a frame: the fake has already reacted to it. Publishing IDENTIFY before
/// the session existed let an end-to-end test dispatch into nothing ("No gateway session yet").
/// </summary>
public sealed class FakeGatewayOrderingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_identify_is_published_only_once_its_session_exists()
    {
        // The clock stalls the fake inside its IDENTIFY handling (the concurrency check reads it), after recording.
        var clock = new StallingClock(stallOnCall: 2);
        await using var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { TimeProvider = clock }, Ct);
        server.Gateway.EnforceIdentifyConcurrency = true;
        await using var client = await RawGatewayClient.ConnectAsync(server.GatewayUrl);
        await client.ReceiveFrameAsync(); // HELLO
        var identified = server.Gateway.WaitForIdentifyAsync(cancellationToken: Ct);

        await client.SendAsync("""{"op":2,"d":{"token":"t","intents":1,"properties":{"os":"linux","browser":"t","device":"t"}}}""");
        await clock.Stalled.WaitAsync(RawGatewayClient.SafetyNet, Ct);

        Assert.False(identified.IsCompleted);
        Assert.Null(server.Gateway.CurrentSessionId);
        clock.Release();
        await identified.WaitAsync(RawGatewayClient.SafetyNet, Ct);
        Assert.NotNull(server.Gateway.CurrentSessionId);
        Assert.Equal(2, await server.Gateway.SendDispatchAsync("MARKER", "{}", Ct)); // READY was 1
    }

    /// <summary>System time, except that the n-th read blocks until released.</summary>
    [SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
        Justification = "ManualResetEventSlim only holds an OS handle once WaitHandle is read, which never happens here; a clock lives for one test.")]
    private sealed class StallingClock(int stallOnCall) : TimeProvider
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ManualResetEventSlim _release = new();
        private int _calls;

        public Task Stalled => _stalled.Task;

        public void Release() => _release.Set();

        public override DateTimeOffset GetUtcNow()
        {
            if (Interlocked.Increment(ref _calls) == stallOnCall)
            {
                _stalled.TrySetResult();
                _release.Wait(RawGatewayClient.SafetyNet);
            }

            return base.GetUtcNow();
        }
    }
}
