namespace DltBot.Storage.Tests.Weekly;

public abstract class QueueAndSuggestionTests(StoreEngine engine) : StoreTest(engine)
{

    private WeeklyStores Weekly => Db.Open().Weekly;

    [Fact]
    public async Task The_queue_keeps_the_order_entries_were_queued_in_even_within_one_instant()
    {
        Assert.True(await Weekly.Queue.EnqueueAsync("g", "zeta", Sample.Alice, Ct));
        Assert.True(await Weekly.Queue.EnqueueAsync("g", "alpha", Sample.Bob, Ct)); // same FakeTimeProvider instant
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await Weekly.Queue.EnqueueAsync("g", "Mid", Sample.Alice, Ct));

        var queue = await Weekly.Queue.ListAsync("g", Ct);

        Assert.Equal(["zeta", "alpha", "mid"], queue.Select(q => q.EntryId));
        Assert.Equal(("222", Db.Time.GetUtcNow().AddMinutes(-1)), (queue[1].QueuedBy, queue[1].QueuedUtc));
    }

    [Fact]
    public async Task An_entry_is_queued_at_most_once_and_keeps_its_place()
    {
        await Weekly.Queue.EnqueueAsync("g", "a", Sample.Alice, Ct);
        await Weekly.Queue.EnqueueAsync("g", "b", Sample.Alice, Ct);

        Assert.False(await Weekly.Queue.EnqueueAsync("g", " A ", Sample.Bob, Ct));

        Assert.Equal(["a", "b"], (await Weekly.Queue.ListAsync("g", Ct)).Select(q => q.EntryId));
    }

    [Fact]
    public async Task Unqueue_takes_an_entry_out_and_says_when_it_was_not_queued()
    {
        await Weekly.Queue.EnqueueAsync("g", "a", Sample.Alice, Ct);
        await Weekly.Queue.EnqueueAsync("g", "b", Sample.Alice, Ct);

        Assert.True(await Weekly.Queue.UnqueueAsync("g", "A", Ct));
        Assert.False(await Weekly.Queue.UnqueueAsync("g", "a", Ct));
        Assert.True(await Weekly.Queue.EnqueueAsync("g", "a", Sample.Alice, Ct)); // back in line, at the end

        Assert.Equal(["b", "a"], (await Weekly.Queue.ListAsync("g", Ct)).Select(q => q.EntryId));
        Assert.Empty(await Weekly.Queue.ListAsync("other", Ct));
    }

    [Fact]
    public async Task A_members_new_suggestion_replaces_their_open_one()
    {
        Assert.Null(await Weekly.Suggestions.SuggestAsync("g", "m1", "a", Ct));
        Assert.Equal("a", await Weekly.Suggestions.SuggestAsync("g", "m1", "B", Ct));

        var open = await Weekly.Suggestions.ListOpenAsync("g", Ct);

        Assert.Equal([("b", 1)], open.Select(s => (s.EntryId, s.Count)));
    }

    [Fact]
    public async Task Open_suggestions_are_counted_per_entry_most_first_then_earliest()
    {
        await Weekly.Suggestions.SuggestAsync("g", "m1", "late-single", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await Weekly.Suggestions.SuggestAsync("g", "m2", "popular", Ct);
        await Weekly.Suggestions.SuggestAsync("g", "m3", "popular", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await Weekly.Suggestions.SuggestAsync("g", "m4", "later-single", Ct);
        await Weekly.Suggestions.SuggestAsync("h", "m5", "popular", Ct);

        var open = await Weekly.Suggestions.ListOpenAsync("g", Ct);

        Assert.Equal([("popular", 2), ("late-single", 1), ("later-single", 1)], open.Select(s => (s.EntryId, s.Count)));
        Assert.Equal(Db.Time.GetUtcNow().AddMinutes(-1), open[0].FirstSuggestedUtc);
    }

    [Fact]
    public async Task Closing_an_entrys_suggestions_leaves_the_others_and_lets_members_suggest_again()
    {
        await Weekly.Suggestions.SuggestAsync("g", "m1", "a", Ct);
        await Weekly.Suggestions.SuggestAsync("g", "m2", "a", Ct);
        await Weekly.Suggestions.SuggestAsync("g", "m3", "b", Ct);

        Assert.Equal(2, await Weekly.Suggestions.CloseForEntryAsync("g", "A", Ct));
        Assert.Null(await Weekly.Suggestions.SuggestAsync("g", "m1", "c", Ct));

        Assert.Equal(["b", "c"], (await Weekly.Suggestions.ListOpenAsync("g", Ct)).Select(s => s.EntryId).Order());
    }

    public sealed class Sqlite() : QueueAndSuggestionTests(StoreEngine.Sqlite);

    public sealed class Postgres() : QueueAndSuggestionTests(StoreEngine.Postgres);
}
