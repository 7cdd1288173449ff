using System.Net;

namespace DltBot.FaultSuite;

/// <summary>One instance runs two gateway shards; the fake drops one shard's TCP connection: only that shard resumes.</summary>
public sealed class ShardDropTests(SharedCluster shared)
{
    [Fact]
    public async Task A_dropped_shard_connection_resumes_that_shard_only()
    {
        await using var world = await Scenario.OnSharedClusterAsync(shared);
        var bot = world.StartBot("a", shardCount: 2);
        await Scenario.ReadyAsync(bot, 2);

        var gateway = world.Fake.Gateway;
        var (kept, dropped) = (gateway.ConnectionOfShard(0)!, gateway.ConnectionOfShard(1)!);
        var droppedSession = gateway.SessionIdOfShard(1);
        var identifies = gateway.ReceivedFrames.Count(f => f.Op == 2);
        var resumed = Scenario.NextLineAsync(bot, $"Gateway session {droppedSession} resumed");

        await gateway.DropConnectionAsync(1);
        var resume = await gateway.WaitForResumeAsync(1, Scenario.Ct).WaitAsync(Scenario.Safety, Scenario.Ct);
        await resumed.WaitAsync(Scenario.Safety, Scenario.Ct);

        Assert.Equal(droppedSession, resume.Data.GetProperty("session_id").GetString());
        var carrier = gateway.ConnectionOfShard(1)!;
        Assert.Equal((1, resume.ConnectionNumber), (carrier.ShardId, carrier.Number));
        Assert.NotEqual(dropped.Number, carrier.Number);
        // Shard 0 never noticed: the same connection, still open, no new IDENTIFY anywhere, one RESUME in all.
        Assert.True(kept.IsOpen);
        Assert.Same(kept, gateway.ConnectionOfShard(0));
        Assert.Equal(identifies, gateway.ReceivedFrames.Count(f => f.Op == 2));
        Assert.Single(gateway.ReceivedFrames, f => f.Op == 6);
        Assert.Equal(3, gateway.Connections.Count);
        var (status, body) = await bot.HealthAsync(Scenario.Ct);
        Assert.Equal((HttpStatusCode.OK, "ready; shard 0: ready, shard 1: ready"), (status, body));

        // Both shards still answer.
        foreach (var shard in new[] { 0, 1 })
        {
            var about = world.Fake.Interactions.SlashCommand("dlt", "about");
            Assert.Contains("DltBot", await world.AnswerOnShardAsync(shard, about), StringComparison.Ordinal);
        }
        Scenario.Report($"shard 1 dropped; resumed session {droppedSession} on connection {carrier.Number}; shard 0 kept connection {kept.Number}");
    }
}
