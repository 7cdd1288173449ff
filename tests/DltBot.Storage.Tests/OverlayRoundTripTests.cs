using DltBot.Catalog;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;

namespace DltBot.Storage.Tests;

/// <summary>What the store keeps is what the catalog overlay takes: a guild's changes, reopened, shape its list.</summary>
public abstract class OverlayRoundTripTests(StoreEngine engine) : StoreTest(engine)
{

    private static readonly Topic Generalization = new("generalization", "Generalization", "泛化", []);

    private static Entry E(string id, string title, string url) => new(id, "1", title, url, [new Link(title, url)], 2020, "d", [], 1);

    private static readonly ReadingList Base = new("List", "", [
        new Section("generalization", Generalization, [E("arxiv:2001.00001", "One", "https://arxiv.org/abs/2001.00001"),
            E("arxiv:2001.00002", "Two", "https://arxiv.org/abs/2001.00002")], 3),
    ]);

    [Fact]
    public async Task Stored_changes_reopened_give_the_guilds_list_and_leave_other_guilds_alone()
    {
        var store = Db.Open().Entries;
        var added = new EntryFields("Three", "https://arxiv.org/abs/2001.00003", "generalization", 2021, "new");
        var id = NewEntryIds.For(added, TopicDirectory.Default, NewEntryIds.IdsOf(Base));
        await store.AddAsync("g", id, added, Sample.Alice, null, Ct);
        var one = EntryFields.Of(Base.FindEntry("arxiv:2001.00001")!, Base.Sections[0]);
        await store.EditAsync("g", new EntryEdit("arxiv:2001.00001", 0, one, one with { Title = "One, edited" }), Sample.Alice, null, Ct);
        await store.RemoveAsync("g", "arxiv:2001.00002", EntryFields.Of(Base.FindEntry("arxiv:2001.00002")!, Base.Sections[0]), Sample.Bob, null, Ct);

        var reopened = Db.Open().Entries;
        var guildList = CatalogOverlay.Apply(Base, (await reopened.GetOverlayAsync("g", Ct)).Select(e => e.ToOverlay()), TopicDirectory.Default);
        var otherList = CatalogOverlay.Apply(Base, (await reopened.GetOverlayAsync("other", Ct)).Select(e => e.ToOverlay()), TopicDirectory.Default);

        Assert.Equal([("arxiv:2001.00001", "One, edited"), ("arxiv:2001.00003", "Three")],
            guildList.AllEntries().Select(e => (e.Id, e.Title)));
        Assert.Same(Base, otherList);
    }

    public sealed class Sqlite() : OverlayRoundTripTests(StoreEngine.Sqlite);

    public sealed class Postgres() : OverlayRoundTripTests(StoreEngine.Postgres);
}
