using DltBot.Storage;

namespace DltBot.FaultSuite;

/// <summary>
/// Two moderators edit one entry at the same moment through two instances (Http mode behind a load balancer: any
/// instance answers any interaction). No update may be lost: each edit either applies on top of the other or is
/// refused as "changed meanwhile"; an applied edit changes only the field it named.
/// </summary>
public sealed class ConcurrentEditTests(SharedCluster shared)
{
    private const string Entry = "arxiv:2210.01117";
    private const int Rounds = 8;

    [Fact]
    public async Task Concurrent_edits_of_one_entry_through_two_instances_lose_no_update()
    {
        await using var world = await Scenario.OnSharedClusterAsync(shared);
        var a = world.StartBot("a", shardCount: 0);
        var b = world.StartBot("b", shardCount: 0);
        await Task.WhenAll(Scenario.ReadyAsync(a, 0), Scenario.ReadyAsync(b, 0));

        // A changes the title, B the note, both sent at once, round after round.
        var applied = new List<(string Field, string Value)>();
        var refused = 0;
        for (var round = 1; round <= Rounds; round++)
        {
            var title = $"Omnigrok, round {round} by A";
            var note = $"Note of round {round} by B";
            var editA = world.Fake.Interactions.SlashCommand("dlt-mod", "edit", FakeDiscord.FakeOption.String("id", Entry), FakeDiscord.FakeOption.String("title", title));
            var editB = world.Fake.Interactions.SlashCommand("dlt-mod", "edit", FakeDiscord.FakeOption.String("id", Entry), FakeDiscord.FakeOption.String("note", note));
            var answers = await Task.WhenAll(world.AnswerOverHttpAsync(a, editA), world.AnswerOverHttpAsync(b, editB));
            foreach (var (answer, field, value) in new[] { (answers[0], "title", title), (answers[1], "note", note) })
            {
                if (answer.Contains("Edited ", StringComparison.Ordinal)) applied.Add((field, value));
                else if (answer.Contains("was changed meanwhile by someone else", StringComparison.Ordinal)) refused++;
                else Assert.Fail($"round {round}, the {field} edit got neither 'Edited' nor 'changed meanwhile': {answer}");
            }
        }

        var history = await world.Stores.Entries.HistoryAsync(Scenario.Guild, new HistoryFilter(Entry), 0, 100, Scenario.Ct);
        var edits = history.Changes.OrderBy(c => c.Version).ToList();
        Assert.Equal(applied.Count, edits.Count);
        EntryChange? previous = null;
        foreach (var edit in edits)
        {
            // In order: each change starts from what the one before it left.
            if (previous is not null) Assert.Equal(previous.After, edit.Before);
            var changed = Changed(edit.Before!, edit.After!);
            var (field, value) = Assert.Single(changed);
            Assert.Contains((field, value), applied);
            previous = edit;
        }

        var stored = await world.Stores.Entries.GetEntryAsync(Scenario.Guild, Entry, Scenario.Ct);
        Assert.Equal(applied.Last(e => e.Field == "title").Value, stored!.Fields.Title);
        Assert.Equal(applied.Last(e => e.Field == "note").Value, stored.Fields.Note);
        Scenario.Report($"{Rounds} rounds of two concurrent edits: {applied.Count} applied, {refused} refused as changed meanwhile, none lost");
    }

    private static List<(string Field, string Value)> Changed(Catalog.Curation.EntryFields before, Catalog.Curation.EntryFields after)
    {
        var changed = new List<(string, string)>();
        if (before.Title != after.Title) changed.Add(("title", after.Title));
        if (before.Note != after.Note) changed.Add(("note", after.Note));
        if (before.Url != after.Url) changed.Add(("url", after.Url ?? ""));
        if (before.Topic != after.Topic) changed.Add(("topic", after.Topic));
        if (before.Year != after.Year) changed.Add(("year", after.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        return changed;
    }
}
