using DltBot.Discord.Gateway;
using DltBot.Discord.Rest;
using DltBot.Discord.Tests.Gateway.Fakes;
using DltBot.FakeDiscord;
using Microsoft.Extensions.Hosting;

namespace DltBot.Discord.Tests.Gateway;

/// <summary>Several shards in one process against the fake Discord on 127.0.0.1, on a fake clock.</summary>
public sealed class GatewayShardSetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(FakeDiscordServer Server, GatewayShardSet Shards, RecordingDispatchHandler Handler, HttpClient Http)> StartAsync(
        ObservableFakeTimeProvider time, GatewayShardingOptions sharding, int maxConcurrency, int recommendedShards = 1, IHostApplicationLifetime? lifetime = null)
    {
        var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions
        {
            ExpectedToken = GatewayScript.Token,
            HeartbeatIntervalMs = GatewayScript.HeartbeatIntervalMs,
            SessionStartLimit = new FakeSessionStartLimit(1000, 1000, 86_400_000, maxConcurrency),
            RecommendedShards = recommendedShards,
            TimeProvider = time,
        }, Ct);
        server.Gateway.EnforceIdentifyConcurrency = true; // an identify out of its bucket's turn would get op 9
        var http = new HttpClient();
        var rest = new DiscordRestClient(http, new DiscordRestOptions { Token = GatewayScript.Token, ApiBaseUrl = server.RestBaseUrl });
        var handler = new RecordingDispatchHandler();
        var shards = new GatewayShardSet(
            new GatewayClientOptions { Token = GatewayScript.Token }, sharding,
            new WebSocketGatewayTransportFactory(), new RestGatewayBotInfoSource(rest), handler, time, new FixedRandom(0.5),
            reconnectDelay: new ImmediateGatewayReconnectDelay(), lifetime: lifetime);
        await shards.StartAsync(Ct);
        return (server, shards, handler, http);
    }

    private static int[] ShardPair(GatewayFrame identify) =>
        [.. identify.Data.GetProperty("shard").EnumerateArray().Select(e => e.GetInt32())];

    [Fact]
    public async Task Four_shards_with_max_concurrency_two_identify_zero_and_one_together_then_two_and_three_five_seconds_later()
    {
        var time = new ObservableFakeTimeProvider();
        var (server, shards, handler, http) = await StartAsync(time, new GatewayShardingOptions(), maxConcurrency: 2, recommendedShards: 4);
        await using (server)
        using (http)
        await using (shards)
        {
            var first = new[] { await server.Gateway.WaitForIdentifyAsync(1, Ct).WithTimeout(), await server.Gateway.WaitForIdentifyAsync(2, Ct).WithTimeout() };
            Assert.Equal([[0, 4], [1, 4]], first.Select(ShardPair).OrderBy(p => p[0]));
            var started = time.GetUtcNow();

            // Shards 2 and 3 wait for their buckets' 5 s windows, and nothing else lets them through.
            await time.WaitForTimerAsync(GatewayIdentifyBudget.ConcurrencyWindow);
            await time.WaitForTimerAsync(GatewayIdentifyBudget.ConcurrencyWindow);
            Assert.Equal("READY", (await handler.NextAsync()).EventName); // handled after the state changed
            Assert.Equal("READY", (await handler.NextAsync()).EventName);
            Assert.Equal(2, server.Gateway.ReceivedFrames.Count(f => f.Op == 2));
            Assert.Equal([0, 1], shards.Status().Where(s => s.IsLive).Select(s => s.ShardId).Order());
            Assert.False(shards.IsReady);

            time.Advance(GatewayIdentifyBudget.ConcurrencyWindow);
            var second = new[] { await server.Gateway.WaitForIdentifyAsync(3, Ct).WithTimeout(), await server.Gateway.WaitForIdentifyAsync(4, Ct).WithTimeout() };
            Assert.Equal([[2, 4], [3, 4]], second.Select(ShardPair).OrderBy(p => p[0]));
            Assert.All(second, f => Assert.Equal(started + GatewayIdentifyBudget.ConcurrencyWindow, f.ReceivedAt));
            for (var ready = 0; ready < 2; ready++) Assert.Equal("READY", (await handler.NextAsync()).EventName);
            Assert.Equal(4, shards.ShardCount);
            Assert.DoesNotContain(server.Gateway.ReceivedFrames, f => f.Op == 6);
            Assert.All(server.Gateway.Connections, c => Assert.Null(c.ServerCloseStatus));
        }
    }

    [Fact]
    public async Task A_dropped_shard_resumes_alone_and_the_other_shards_connection_is_untouched()
    {
        var time = new ObservableFakeTimeProvider();
        var (server, shards, handler, http) = await StartAsync(time, new GatewayShardingOptions { ShardCount = 2 }, maxConcurrency: 2);
        await using (server)
        using (http)
        await using (shards)
        {
            Assert.Equal("READY", (await handler.NextAsync()).EventName);
            Assert.Equal("READY", (await handler.NextAsync()).EventName);
            var zero = server.Gateway.ConnectionOfShard(0)!;
            var one = server.Gateway.ConnectionOfShard(1)!;
            var (zeroSession, oneSession) = (shards.Shards[0].SessionId, shards.Shards[1].SessionId);
            Assert.Equal(server.Gateway.SessionIdOfShard(1), oneSession);

            await server.Gateway.DropConnectionAsync(1).WithTimeout();
            var resume = await server.Gateway.WaitForResumeAsync(1, Ct).WithTimeout();
            Assert.Equal(oneSession, resume.Data.GetProperty("session_id").GetString());
            Assert.Equal("RESUMED", (await handler.NextAsync()).EventName);

            Assert.Same(zero, server.Gateway.ConnectionOfShard(0));
            Assert.True(zero.IsOpen);
            Assert.Equal([2], zero.Frames.Select(f => f.Op).Where(op => op != 1));
            Assert.Equal(zeroSession, shards.Shards[0].SessionId);
            Assert.Equal(oneSession, shards.Shards[1].SessionId);
            Assert.NotSame(one, server.Gateway.ConnectionOfShard(1));
            Assert.Equal("/gateway-resume", server.Gateway.ConnectionOfShard(1)!.Path);
            Assert.Single(server.Gateway.ReceivedFrames, f => f.Op == 6);
            Assert.Equal(2, server.Gateway.ReceivedFrames.Count(f => f.Op == 2));
            Assert.True(shards.IsReady);

            // Each shard still gets its own guilds' interactions.
            await server.Gateway.SendInteractionAsync($$$"""{"id":"1","type":2,"guild_id":"{{{GuildOnShard(server, 0)}}}","data":{"name":"dlt"}}""", Ct);
            await server.Gateway.SendInteractionAsync($$$"""{"id":"2","type":2,"guild_id":"{{{GuildOnShard(server, 1)}}}","data":{"name":"dlt"}}""", Ct);
            Assert.Equal("INTERACTION_CREATE", (await handler.NextAsync()).EventName);
            Assert.Equal("INTERACTION_CREATE", (await handler.NextAsync()).EventName);
            Assert.Contains(zero.SentFrames, f => f.Contains("\"id\":\"1\"", StringComparison.Ordinal));
            Assert.Contains(server.Gateway.ConnectionOfShard(1)!.SentFrames, f => f.Contains("\"id\":\"2\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Shard_ids_beyond_Discords_recommended_count_stop_with_the_key_named()
    {
        var time = new ObservableFakeTimeProvider();
        var lifetime = new RecordingLifetime();
        var (server, shards, _, http) = await StartAsync(time, new GatewayShardingOptions { ShardIds = [0, 5] }, maxConcurrency: 1, recommendedShards: 2, lifetime);
        await using (server)
        using (http)
        await using (shards)
        {
            await lifetime.StopRequested.WithTimeout();
            Assert.NotNull(shards.FatalError);
            Assert.Contains("Discord:ShardIds lists shard 5, but Discord's recommended shard count is 2", shards.FatalError.Message, StringComparison.Ordinal);
            Assert.Empty(shards.Shards);
        }
    }

    [Theory]
    [InlineData(-1, null, "Discord:ShardCount -1")]
    [InlineData(2, new[] { 0, 2 }, "Discord:ShardIds lists shard 2, but Discord:ShardCount is 2")]
    [InlineData(0, new int[0], "Discord:ShardIds is an empty list")]
    public void Bad_sharding_fails_at_construction_naming_the_key(int count, int[]? ids, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => new GatewayShardSet(
            new GatewayClientOptions { Token = "t" }, new GatewayShardingOptions { ShardCount = count, ShardIds = ids },
            new WebSocketGatewayTransportFactory(), new StaticBotInfoSource(), new RecordingDispatchHandler()));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    private static ulong GuildOnShard(FakeDiscordServer server, int shard)
    {
        for (ulong guild = 838486034743296000; ; guild += 1UL << 22)
        {
            if (server.Gateway.ShardOfGuild(guild) == shard) return guild;
        }
    }

    private sealed class RecordingLifetime : IHostApplicationLifetime
    {
        private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task StopRequested => _stop.Task;

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => _stop.TrySetResult();
    }
}
