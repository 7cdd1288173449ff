using System.Net;
using DltBot.Storage;

namespace DltBot.FaultSuite;

/// <summary>
/// PostgreSQL down for 60 s across the scheduled time: both bots stay up (no crash, no restart loop), log the outage,
/// say so on /healthz, and the occurrence is posted once after the server is back, well within the grace period.
/// </summary>
public sealed class PostgresOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    // The outage starts this long before the slot, so it lies across it with 45 s on the other side.
    private static readonly TimeSpan DownBeforeSlot = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Postgres_down_for_60_s_across_the_scheduled_time_gives_one_post_after_it_returns_and_no_crash_loop()
    {
        await using var world = await Scenario.OnOwnClusterAsync();
        var a = world.StartBot("a", shardCount: 2, shardIds: "0");
        var b = world.StartBot("b", shardCount: 2, shardIds: "1");
        await Task.WhenAll(Scenario.ReadyAsync(a, 1), Scenario.ReadyAsync(b, 1));
        var pids = (a.Pid, b.Pid);

        var slot = await world.ScheduleSoonAsync(shardCount: 2, lead: DownBeforeSlot + TimeSpan.FromSeconds(10), margin: DownBeforeSlot);
        await Scenario.UntilAsync(slot - DownBeforeSlot);
        var lostA = Scenario.NextLineAsync(a, "Not hearing other instances' catalog changes");
        var lostB = Scenario.NextLineAsync(b, "Not hearing other instances' catalog changes");
        await world.Cluster.StopServerAsync(Scenario.Ct);
        var downAt = DateTimeOffset.UtcNow;
        Assert.True(downAt < slot, $"the server went down at {downAt:O}, after the slot {slot:O}");
        // The suite's own pooled connections die with the stopped server.
        Npgsql.NpgsqlConnection.ClearAllPools();

        // Each bot notices, logs it and says so on /healthz, and keeps running.
        await Task.WhenAll(lostA, lostB).WaitAsync(Scenario.Safety, Scenario.Ct);
        foreach (var bot in new[] { a, b })
        {
            var (status, body) = await bot.HealthAsync(Scenario.Ct);
            Assert.True(status == HttpStatusCode.OK, $"bot {bot.Name}: {(int)status} {body}");
            Assert.Contains("store: unreachable since", body, StringComparison.Ordinal);
        }

        await Scenario.UntilAsync(downAt + Outage);
        Assert.True(DateTimeOffset.UtcNow > slot, "the outage must lie across the scheduled time");
        var backA = Scenario.NextLineAsync(a, "Listening for other instances' catalog changes");
        var backB = Scenario.NextLineAsync(b, "Listening for other instances' catalog changes");
        await world.Cluster.StartServerAsync(Scenario.Ct);
        var upAt = DateTimeOffset.UtcNow;
        Assert.Empty(world.Posts);

        var post = await world.MessagePostAsync(1, Scenario.Safety);
        var poster = await Task.WhenAny(Scenario.RunDoneAsync(a, "Posted"), Scenario.RunDoneAsync(b, "Posted")).WaitAsync(Scenario.Safety, Scenario.Ct);
        await poster;
        var occurrence = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal((OccurrenceState.Posted, slot), (occurrence?.State, occurrence?.ScheduledUtc));
        var posted = Assert.Single(world.Posts);
        Assert.Equal(posted.MessageId, occurrence!.Post!.MessageId);
        Assert.Equal(1, Scenario.RunsDone(a) + Scenario.RunsDone(b));

        // Both heard the database again, and /healthz says ready without the outage; the same processes all along.
        await Task.WhenAll(backA, backB).WaitAsync(Scenario.Safety, Scenario.Ct);
        foreach (var bot in new[] { a, b })
        {
            var (status, body) = await bot.HealthAsync(Scenario.Ct);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.DoesNotContain("store:", body, StringComparison.Ordinal);
            Assert.False(bot.HasExited, $"bot {bot.Name} exited");
        }
        Assert.Equal(pids, (a.Pid, b.Pid));
        Scenario.Report($"slot {slot:HH:mm:ss}; PostgreSQL down {downAt:HH:mm:ss.fff}-{upAt:HH:mm:ss.fff}; " +
                        $"posted at {post.ReceivedAt:HH:mm:ss.fff} ({(post.ReceivedAt - upAt).TotalSeconds:0.0} s after it returned, {(post.ReceivedAt - slot).TotalSeconds:0} s after the slot); " +
                        $"outage lines: a {a.Log.Count("Not hearing")}, b {b.Log.Count("Not hearing")}");
    }
}

