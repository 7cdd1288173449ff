using DltBot.Storage;

namespace DltBot.FaultSuite;

/// <summary>
/// PostgreSQL restarted while a weekly run is in the middle of its post: claimed in the database, the message on its
/// way (the fake Discord holds it), the server goes down (fast shutdown: every session ended); Discord answers while it
/// is down, so the run has a sent post it cannot record yet; then the server comes back. The run completes: one post,
/// recorded as posted.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task A_run_with_postgres_restarted_in_its_middle_completes_with_one_post()
    {
        await using var world = await Scenario.OnOwnClusterAsync();
        // Every attempt of the POST is held (the client retries one that Discord is slow to answer) until the server is down.
        var holding = true;
        world.Fake.Rest.HoldNext(r => Volatile.Read(ref holding) && r.Route == Scenario.MessagesRoute && r.RouteValues["channel"] == Scenario.Channel, 100);
        var a = world.StartBot("a", shardCount: 2, shardIds: "0");
        var b = world.StartBot("b", shardCount: 2, shardIds: "1");
        await Task.WhenAll(Scenario.ReadyAsync(a, 1), Scenario.ReadyAsync(b, 1));

        var slot = await world.ScheduleSoonAsync(shardCount: 2);
        await world.MessagePostAsync(1, slot - DateTimeOffset.UtcNow + Scenario.Safety);
        var claim = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal(OccurrenceState.Claimed, claim?.State);
        var runner = world.ClaimantBot(claim!.Claimant);
        var unrecorded = Scenario.NextLineAsync(runner, "could not be recorded yet");

        await world.Cluster.StopServerAsync(Scenario.Ct);
        var downAt = DateTimeOffset.UtcNow;
        Volatile.Write(ref holding, false);
        world.Fake.Rest.ReleaseHeld();
        await unrecorded.WaitAsync(Scenario.Safety, Scenario.Ct);
        await world.Cluster.StartServerAsync(Scenario.Ct);
        var upAt = DateTimeOffset.UtcNow;
        // The suite's own pooled connections died with the old server.
        Npgsql.NpgsqlConnection.ClearAllPools();

        await Scenario.RunDoneAsync(runner, "Posted").WaitAsync(Scenario.Safety, Scenario.Ct);
        var occurrence = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal((OccurrenceState.Posted, slot), (occurrence?.State, occurrence?.ScheduledUtc));
        var posted = Assert.Single(world.Posts);
        Assert.Equal(posted.MessageId, occurrence!.Post!.MessageId);
        Assert.Equal(1, Scenario.RunsDone(a) + Scenario.RunsDone(b));
        Assert.False(a.HasExited || b.HasExited);
        Scenario.Report($"slot {slot:HH:mm:ss}; PostgreSQL down {downAt:HH:mm:ss.fff}-{upAt:HH:mm:ss.fff} under bot {runner.Name}'s run, its post answered meanwhile; " +
                        $"recorded posted at {occurrence.FinishedUtc:HH:mm:ss.fff}; one message {posted.MessageId}");
    }
}
