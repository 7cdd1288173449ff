using DltBot.Storage;

namespace DltBot.FaultSuite;

/// <summary>
/// <c>kill -9</c> on the instance that holds the weekly job while its message POST is in flight (the fake Discord holds
/// the POST open, so "in the middle" is exact): the other instance takes the run over and the guild gets one post.
/// </summary>
public sealed class KillDuringPostTests(SharedCluster shared)
{
    [Fact]
    public async Task Killing_the_instance_in_the_middle_of_the_post_still_gives_exactly_one_post_made_by_the_other_instance()
    {
        await using var world = await Scenario.OnSharedClusterAsync(shared);
        // The first weekly POST never gets an answer, and, since its sender dies, never lands.
        world.Fake.Rest.HoldNext(r => r.Route == Scenario.MessagesRoute && r.RouteValues["channel"] == Scenario.Channel, 1);
        var a = world.StartBot("a", shardCount: 2, shardIds: "0");
        var b = world.StartBot("b", shardCount: 2, shardIds: "1");
        await Task.WhenAll(Scenario.ReadyAsync(a, 1), Scenario.ReadyAsync(b, 1));

        var slot = await world.ScheduleSoonAsync(shardCount: 2);
        var held = await world.MessagePostAsync(1, slot - DateTimeOffset.UtcNow + Scenario.Safety);
        var claim = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal(OccurrenceState.Claimed, claim?.State);
        var holder = world.ClaimantBot(claim!.Claimant);
        var other = holder == a ? b : a;
        Assert.Equal(1, world.Fake.Rest.HeldCount);

        await holder.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;

        // Quartz fails the dead node over after missed check-ins (7.5 s interval, 7.5 s slack) and fires its run again.
        var resent = await world.MessagePostAsync(2, Scenario.Safety);
        await Scenario.RunDoneAsync(other, "Posted").WaitAsync(Scenario.Safety, Scenario.Ct);

        var occurrence = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal(OccurrenceState.Posted, occurrence?.State);
        Assert.Same(other, world.ClaimantBot(occurrence!.Claimant));
        Assert.Equal(claim.Key, occurrence.Key);
        var posted = Assert.Single(world.Posts);
        Assert.Equal(posted.MessageId, occurrence.Post!.MessageId);
        // The same enforced nonce both times: had the first POST landed after all, Discord would have kept one message.
        Assert.Equal(held.BodyJson().GetProperty("nonce").GetString(), resent.BodyJson().GetProperty("nonce").GetString());
        Assert.Equal(0, held.ResponseStatus);
        Assert.False(other.HasExited);
        Scenario.Report($"slot {slot:HH:mm:ss}; bot {holder.Name} killed at {killedAt:HH:mm:ss.fff} with its POST held; " +
                        $"bot {other.Name} posted at {resent.ReceivedAt:HH:mm:ss.fff} ({(resent.ReceivedAt - killedAt).TotalSeconds:0.0} s later); one message {posted.MessageId}");
    }
}
