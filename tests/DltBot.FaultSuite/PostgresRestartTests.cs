using DltBot.Storage;

namespace DltBot.FaultSuite;

/// <summary>
/// PostgreSQL restarted (fast shutdown: every session terminated) while a weekly run is in the middle of its post: the
/// run completes, or is retried, and the guild gets one post, recorded as posted.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task A_run_with_postgres_restarted_in_its_middle_completes_with_one_post()
    {
        await using var world = await Scenario.OnOwnClusterAsync();
        world.Fake.Rest.HoldNext(r => r.Route == Scenario.MessagesRoute && r.RouteValues["channel"] == Scenario.Channel, 1);
        var a = world.StartBot("a", shardCount: 2, shardIds: "0");
        var b = world.StartBot("b", shardCount: 2, shardIds: "1");
        await Task.WhenAll(Scenario.ReadyAsync(a, 1), Scenario.ReadyAsync(b, 1));

        var slot = await world.ScheduleSoonAsync(shardCount: 2);
        await world.MessagePostAsync(1, slot - DateTimeOffset.UtcNow + Scenario.Safety);
        var claim = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        var runner = world.ClaimantBot(claim!.Claimant);

        // Claimed in the database, the message on its way: the server goes away and comes back, then Discord answers.
        await world.Cluster.RestartServerAsync(Scenario.Ct);
        var restartedAt = DateTimeOffset.UtcNow;
        // The suite's own pooled connections died with the old server.
        Npgsql.NpgsqlConnection.ClearAllPools();
        world.Fake.Rest.ReleaseHeld();

        await Scenario.RunDoneAsync(runner, "Posted").WaitAsync(Scenario.Safety, Scenario.Ct);
        var occurrence = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal(OccurrenceState.Posted, occurrence?.State);
        var posted = Assert.Single(world.Posts);
        Assert.Equal(posted.MessageId, occurrence!.Post!.MessageId);
        Assert.False(a.HasExited || b.HasExited);
        Scenario.Report($"slot {slot:HH:mm:ss}; PostgreSQL restarted under bot {runner.Name}'s run, back at {restartedAt:HH:mm:ss.fff}; " +
                        $"run recorded posted at {occurrence.FinishedUtc:HH:mm:ss.fff}; one message {posted.MessageId}");
    }
}
