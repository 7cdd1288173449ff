using DltBot.Storage;

namespace DltBot.FaultSuite;

/// <summary>Two bot processes, one clustered scheduler on PostgreSQL, one scheduled occurrence: exactly one post.</summary>
public sealed class TwoInstancesOnePostTests(SharedCluster shared)
{
    [Fact]
    public async Task Two_instances_and_one_scheduled_occurrence_give_exactly_one_post()
    {
        await using var world = await Scenario.OnSharedClusterAsync(shared);
        var a = world.StartBot("a", shardCount: 2, shardIds: "0");
        var b = world.StartBot("b", shardCount: 2, shardIds: "1");
        await Task.WhenAll(Scenario.ReadyAsync(a, 1), Scenario.ReadyAsync(b, 1));

        var slot = await world.ScheduleSoonAsync(shardCount: 2);
        var post = await world.MessagePostAsync(1, slot - DateTimeOffset.UtcNow + Scenario.Safety);
        var poster = await Task.WhenAny(Scenario.RunDoneAsync(a, "Posted"), Scenario.RunDoneAsync(b, "Posted")).WaitAsync(Scenario.Safety, Scenario.Ct);
        await poster;

        var occurrence = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.NotNull(occurrence);
        Assert.Equal((OccurrenceState.Posted, slot), (occurrence.State, occurrence.ScheduledUtc));
        var posted = Assert.Single(world.Posts);
        Assert.Equal(posted.MessageId, occurrence.Post!.MessageId);
        // The trigger has moved on to next week: no node can fire this occurrence again.
        Assert.Equal(slot.AddDays(7), await world.NextFireAsync());
        var ran = world.ClaimantBot(occurrence.Claimant);
        var other = ran == a ? b : a;
        Assert.Equal((1, 0), (Scenario.RunsDone(ran), Scenario.RunsDone(other)));
        Assert.False(a.HasExited || b.HasExited);
        Scenario.Report($"slot {slot:HH:mm:ss}; posted by bot {ran.Name} at {post.ReceivedAt:HH:mm:ss.fff}; one message {posted.MessageId}");
    }
}
