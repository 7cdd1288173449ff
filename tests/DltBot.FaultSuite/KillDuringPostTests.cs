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
        // Until the kill, no weekly POST gets an answer (the client retries one Discord is slow to answer: those are
        // held too); since their sender dies, none of them ever lands.
        var holding = true;
        world.Fake.Rest.HoldNext(r => Volatile.Read(ref holding) && r.Route == Scenario.MessagesRoute && r.RouteValues["channel"] == Scenario.Channel, 100);
        var a = world.StartBot("a", shardCount: 2, shardIds: "0");
        var b = world.StartBot("b", shardCount: 2, shardIds: "1");
        await Task.WhenAll(Scenario.ReadyAsync(a, 1), Scenario.ReadyAsync(b, 1));

        var slot = await world.ScheduleSoonAsync(shardCount: 2);
        var held = await world.MessagePostAsync(1, slot - DateTimeOffset.UtcNow + Scenario.Safety);
        var claim = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal(OccurrenceState.Claimed, claim?.State);
        var holder = world.ClaimantBot(claim!.Claimant);
        var other = holder == a ? b : a;

        await holder.KillAsync();
        var killedAt = DateTimeOffset.UtcNow;
        Volatile.Write(ref holding, false);
        var beforeKill = SentToChannel(world);
        Assert.All(beforeKill, r => Assert.Equal(0, r.ResponseStatus));

        // Quartz fails the dead node over after missed check-ins (7.5 s interval, 7.5 s slack) and fires its run again.
        var resent = await world.MessagePostAsync(beforeKill.Count + 1, Scenario.Safety);
        await Scenario.RunDoneAsync(other, "Posted").WaitAsync(Scenario.Safety, Scenario.Ct);

        var occurrence = await world.Stores.Weekly.Occurrences.LastOutcomeAsync(Scenario.Guild, Scenario.Ct);
        Assert.Equal(OccurrenceState.Posted, occurrence?.State);
        Assert.Same(other, world.ClaimantBot(occurrence!.Claimant));
        Assert.Equal(claim.Key, occurrence.Key);
        var posted = Assert.Single(world.Posts);
        Assert.Equal(posted.MessageId, occurrence.Post!.MessageId);
        // The same enforced nonce both times: had the first POST landed after all, Discord would have kept one message.
        Assert.Equal(held.BodyJson().GetProperty("nonce").GetString(), resent.BodyJson().GetProperty("nonce").GetString());
        Assert.False(other.HasExited);
        Scenario.Report($"slot {slot:HH:mm:ss}; bot {holder.Name} killed at {killedAt:HH:mm:ss.fff} with its POST held ({beforeKill.Count} attempt(s)); " +
                        $"bot {other.Name} posted at {resent.ReceivedAt:HH:mm:ss.fff} ({(resent.ReceivedAt - killedAt).TotalSeconds:0.0} s later); one message {posted.MessageId}");
    }

    private static List<FakeDiscord.RecordedRequest> SentToChannel(Scenario world) =>
        [.. world.Fake.Rest.Requests.Where(r => r.Route == Scenario.MessagesRoute && r.RouteValues["channel"] == Scenario.Channel)];
}
