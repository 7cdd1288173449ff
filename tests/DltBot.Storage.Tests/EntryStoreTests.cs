using DltBot.Catalog.Curation;

namespace DltBot.Storage.Tests;

public abstract class EntryStoreTests(StoreEngine engine) : StoreTest(engine)
{
    private IEntryStore? _store;

    private IEntryStore Store => _store ??= Db.Open().Entries;

    [Fact]
    public async Task Add_stores_the_entry_at_version_1_and_logs_it()
    {
        var outcome = await Store.AddAsync("g", "arxiv:2201.02177", Sample.Fields(), Sample.Alice, "new paper", Ct);

        var applied = Assert.IsType<ChangeOutcome.Applied>(outcome);
        Assert.Equal(new StoredEntry("g", "arxiv:2201.02177", Sample.Fields(), false, 1, Db.Time.GetUtcNow()), applied.Entry);
        Assert.Equal((ChangeAction.Add, 1L, (EntryFields?)null, Sample.Fields(), Sample.Alice, "new paper"),
            (applied.Change.Action, applied.Change.Version, applied.Change.Before, applied.Change.After, applied.Change.Actor, applied.Change.Reason));
        Assert.Equal([applied.Entry], await Db.Open().Entries.GetOverlayAsync("g", Ct));
    }

    [Fact]
    public async Task Adding_an_id_the_guild_has_changes_nothing()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var again = await Store.AddAsync("g", "A", Sample.Fields(title: "Other"), Sample.Bob, null, Ct);

        Assert.Equal("Grokking", Assert.IsType<ChangeOutcome.Unchanged>(again).Current.Fields.Title);
        Assert.Equal(1, (await Store.HistoryAsync("g", new(), 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task Editing_a_base_entry_the_first_time_logs_what_the_moderator_saw()
    {
        var seen = Sample.Fields(title: "Base title");
        var outcome = await Store.EditAsync("g", new EntryEdit("base-1", 0, seen, Sample.Fields(title: "Better title")), Sample.Alice, "typo", Ct);

        var applied = Assert.IsType<ChangeOutcome.Applied>(outcome);
        Assert.Equal((1L, "Better title", false), (applied.Entry.Version, applied.Entry.Fields.Title, applied.Entry.Removed));
        Assert.Equal((ChangeAction.Edit, seen, Sample.Fields(title: "Better title")), (applied.Change.Action, applied.Change.Before, applied.Change.After));
    }

    [Fact]
    public async Task An_edit_of_the_version_read_applies_and_counts_up()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var outcome = await Store.EditAsync("g", new EntryEdit("a", 1, Sample.Fields(), Sample.Fields(year: 2023)), Sample.Bob, null, Ct);

        var applied = Assert.IsType<ChangeOutcome.Applied>(outcome);
        Assert.Equal((2L, 2023), (applied.Entry.Version, applied.Entry.Fields.Year));
        Assert.Equal(Sample.Fields(), applied.Change.Before);
    }

    [Fact]
    public async Task An_edit_of_an_older_version_is_changed_meanwhile_with_the_current_values_and_writes_nothing()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        // Both moderators read version 1; Alice saves first.
        await Store.EditAsync("g", new EntryEdit("a", 1, Sample.Fields(), Sample.Fields(title: "Alice's")), Sample.Alice, null, Ct);

        var bob = await Db.Open().Entries.EditAsync("g", new EntryEdit("a", 1, Sample.Fields(), Sample.Fields(title: "Bob's")), Sample.Bob, null, Ct);

        var meanwhile = Assert.IsType<ChangeOutcome.ChangedMeanwhile>(bob);
        Assert.Equal(("Alice's", 2L), (meanwhile.Current.Fields.Title, meanwhile.Current.Version));
        Assert.Equal("Alice's", (await Store.GetEntryAsync("g", "a", Ct))!.Fields.Title);
        Assert.Equal(2, (await Store.HistoryAsync("g", new(), 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task A_first_edit_of_a_base_entry_someone_else_edited_is_changed_meanwhile()
    {
        await Store.EditAsync("g", new EntryEdit("base", 0, Sample.Fields(), Sample.Fields(title: "Alice's")), Sample.Alice, null, Ct);

        var bob = await Store.EditAsync("g", new EntryEdit("base", 0, Sample.Fields(), Sample.Fields(title: "Bob's")), Sample.Bob, null, Ct);

        Assert.Equal("Alice's", Assert.IsType<ChangeOutcome.ChangedMeanwhile>(bob).Current.Fields.Title);
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_is_not_logged()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        Assert.IsType<ChangeOutcome.Unchanged>(await Store.EditAsync("g", new EntryEdit("a", 1, Sample.Fields(), Sample.Fields()), Sample.Bob, null, Ct));
        Assert.IsType<ChangeOutcome.Unchanged>(await Store.EditAsync("g", new EntryEdit("base", 0, Sample.Fields(), Sample.Fields()), Sample.Bob, null, Ct));
        Assert.Equal(1, (await Store.HistoryAsync("g", new(), 0, 10, Ct)).Total);
    }

    [Fact]
    public async Task Remove_hides_and_restore_shows_again_each_logged()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var removed = Assert.IsType<ChangeOutcome.Applied>(await Store.RemoveAsync("g", "a", null, Sample.Bob, "spam", Ct));
        Assert.Equal((true, 2L, ChangeAction.Remove), (removed.Entry.Removed, removed.Entry.Version, removed.Change.Action));
        Assert.Equal((Sample.Fields(), (EntryFields?)null), (removed.Change.Before, removed.Change.After));
        Assert.IsType<ChangeOutcome.Unchanged>(await Store.RemoveAsync("g", "a", null, Sample.Bob, null, Ct));

        var restored = Assert.IsType<ChangeOutcome.Applied>(await Store.RestoreAsync("g", "a", Sample.Alice, "not spam", Ct));
        Assert.Equal((false, 3L, ChangeAction.Restore), (restored.Entry.Removed, restored.Entry.Version, restored.Change.Action));
        Assert.Equal(((EntryFields?)null, Sample.Fields()), (restored.Change.Before, restored.Change.After));
        Assert.IsType<ChangeOutcome.Unchanged>(await Store.RestoreAsync("g", "a", Sample.Alice, null, Ct));
    }

    [Fact]
    public async Task Removing_a_base_entry_keeps_its_fields_so_restore_brings_them_back()
    {
        var shown = Sample.Fields(title: "Base entry");
        await Store.RemoveAsync("g", "base", shown, Sample.Alice, null, Ct);

        var overlay = await Store.GetOverlayAsync("g", Ct);
        Assert.Equal(new OverlayEntry("base", shown, Removed: true), Assert.Single(overlay).ToOverlay());
        var restored = Assert.IsType<ChangeOutcome.Applied>(await Store.RestoreAsync("g", "base", Sample.Alice, null, Ct));
        Assert.Equal(shown, restored.Entry.Fields);
    }

    [Fact]
    public async Task An_edit_of_a_removed_entry_is_logged_in_full_and_the_entry_stays_removed()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        await Store.RemoveAsync("g", "a", null, Sample.Alice, null, Ct);

        var edited = Assert.IsType<ChangeOutcome.Applied>(
            await Store.EditAsync("g", new EntryEdit("a", 2, Sample.Fields(), Sample.Fields(title: "Fixed")), Sample.Bob, null, Ct));

        Assert.Equal((true, 3L), (edited.Entry.Removed, edited.Entry.Version));
        Assert.Equal((Sample.Fields(), Sample.Fields(title: "Fixed")), (edited.Change.Before, edited.Change.After));
    }

    [Fact]
    public async Task Unknown_entries_are_not_found()
    {
        Assert.IsType<ChangeOutcome.NotFound>(await Store.RemoveAsync("g", "nope", null, Sample.Alice, null, Ct));
        Assert.IsType<ChangeOutcome.NotFound>(await Store.RestoreAsync("g", "nope", Sample.Alice, null, Ct));
        Assert.IsType<ChangeOutcome.NotFound>(await Store.EditAsync("g", new EntryEdit("nope", 3, Sample.Fields(), Sample.Fields(title: "x")), Sample.Alice, null, Ct));
        Assert.Null(await Store.GetEntryAsync("g", "nope", Ct));
        Assert.Empty(await Store.GuildsWithChangesAsync(Ct));
    }

    [Fact]
    public async Task History_is_newest_first_and_filters_by_entry_and_by_actor_in_pages()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, "1", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await Store.AddAsync("g", "b", Sample.Fields(), Sample.Bob, "2", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await Store.EditAsync("g", new EntryEdit("a", 1, Sample.Fields(), Sample.Fields(note: "x")), Sample.Bob, "3", Ct);
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        await Store.RemoveAsync("g", "a", null, Sample.Alice, "4", Ct);
        await Store.AddAsync("other", "a", Sample.Fields(), Sample.Alice, "other guild", Ct);

        var all = await Store.HistoryAsync("g", new(), 0, 10, Ct);
        Assert.Equal(["4", "3", "2", "1"], all.Changes.Select(c => c.Reason));
        Assert.Equal(all.Changes.Select(c => c.AtUtc).OrderDescending(), all.Changes.Select(c => c.AtUtc));
        Assert.Equal(["4", "3", "1"], (await Store.HistoryAsync("g", new("A"), 0, 10, Ct)).Changes.Select(c => c.Reason));
        Assert.Equal(["3", "2"], (await Store.HistoryAsync("g", new(ActorId: "222"), 0, 10, Ct)).Changes.Select(c => c.Reason));

        var second = await Store.HistoryAsync("g", new(), 1, 3, Ct);
        Assert.Equal(["1"], second.Changes.Select(c => c.Reason));
        Assert.Equal((4, 2), (second.Total, second.PageCount));
    }

    [Fact]
    public async Task Guilds_are_kept_apart()
    {
        await Store.AddAsync("1", "a", Sample.Fields(title: "one"), Sample.Alice, null, Ct);
        await Store.AddAsync(GuildKeys.Local, "a", Sample.Fields(title: "local"), Sample.Alice, null, Ct);
        await Store.RemoveAsync("1", "a", null, Sample.Alice, null, Ct);

        Assert.False(Assert.Single(await Store.GetOverlayAsync(GuildKeys.Local, Ct)).Removed);
        Assert.True(Assert.Single(await Store.GetOverlayAsync("1", Ct)).Removed);
        Assert.Equal(["1", "local"], await Store.GuildsWithChangesAsync(Ct));
    }

    [Fact]
    public async Task The_overlay_keeps_the_order_entries_were_first_changed_and_survives_a_reopen()
    {
        await Store.AddAsync("g", "b", Sample.Fields(), Sample.Alice, null, Ct);
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        await Store.EditAsync("g", new EntryEdit("b", 1, Sample.Fields(), Sample.Fields(title: "B2")), Sample.Alice, null, Ct);

        var overlay = await Db.Open().Entries.GetOverlayAsync("g", Ct);

        Assert.Equal([("b", "B2"), ("a", "Grokking")], overlay.Select(e => (e.Id, e.Fields.Title)));
    }

    [Fact]
    public async Task Text_is_stored_as_given_including_markup_and_other_scripts()
    {
        var tricky = Sample.Fields(title: "](javascript:x) <b>粗体</b>\u00e9", note: "line1\nline2 \"quoted\" '; DROP TABLE guild_entries; --", url: null, year: null);

        await Store.AddAsync("g", "t", tricky, Sample.Alice, "理由", Ct);

        Assert.Equal(tricky, (await Db.Open().Entries.GetEntryAsync("g", "t", Ct))!.Fields);
        Assert.Equal(tricky, (await Store.HistoryAsync("g", new(), 0, 1, Ct)).Changes[0].After);
    }

    [Fact]
    public async Task Curator_roles_are_added_once_listed_and_removed_per_guild()
    {
        var roles = Db.Open().CuratorRoles;

        Assert.True(await roles.AddAsync("g", "555", Sample.Alice, Ct));
        Assert.False(await roles.AddAsync("g", "555", Sample.Bob, Ct));
        Assert.True(await roles.AddAsync("g", "444", Sample.Alice, Ct));
        Assert.True(await roles.AddAsync("h", "555", Sample.Alice, Ct));
        Assert.Equal(["444", "555"], await roles.ListAsync("g", Ct));
        Assert.True(await roles.RemoveAsync("g", "555", Ct));
        Assert.False(await roles.RemoveAsync("g", "555", Ct));
        Assert.Equal(["444"], await roles.ListAsync("g", Ct));
        Assert.Equal(["555"], await roles.ListAsync("h", Ct));
    }

    [Fact]
    public async Task Check_passes_on_a_store_in_use_and_names_a_broken_overlay()
    {
        await Store.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        await Store.EditAsync("g", new EntryEdit("a", 1, Sample.Fields(), Sample.Fields(title: "x")), Sample.Alice, null, Ct);
        var maintenance = Db.Open().Maintenance;
        Assert.True((await maintenance.CheckAsync(Ct)).Healthy);

        using (var raw = Db.Raw()) Dapper.SqlMapper.Execute(raw, "UPDATE guild_entries SET version = 7");

        var report = await maintenance.CheckAsync(Ct);
        Assert.Equal(["log: g/a has 2 logged change(s) up to #2, overlay says version 7 at #2"], report.Findings);
    }

    [Fact]
    public async Task Baselines_are_what_the_base_showed_at_each_entrys_first_change_and_leave_out_additions()
    {
        var seen = Sample.Fields(title: "Base title");
        await Store.EditAsync("g", new EntryEdit("base-1", 0, seen, Sample.Fields(title: "First")), Sample.Alice, null, Ct);
        await Store.EditAsync("g", new EntryEdit("base-1", 1, Sample.Fields(title: "First"), Sample.Fields(title: "Second")), Sample.Bob, null, Ct);
        await Store.RemoveAsync("g", "base-2", Sample.Fields(title: "Shown"), Sample.Alice, null, Ct);
        await Store.AddAsync("g", "added", Sample.Fields(), Sample.Alice, null, Ct);
        await Store.EditAsync("g", new EntryEdit("added", 1, Sample.Fields(), Sample.Fields(title: "Edited addition")), Sample.Alice, null, Ct);
        await Store.EditAsync("other", new EntryEdit("base-1", 0, Sample.Fields(title: "Elsewhere"), Sample.Fields(title: "X")), Sample.Alice, null, Ct);

        var baselines = await Store.BaselinesAsync("g", Ct);

        Assert.Equal([("base-1", seen), ("base-2", Sample.Fields(title: "Shown"))], baselines.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => (b.Key, b.Value)));
        Assert.True(baselines.ContainsKey("BASE-1"));
    }

    public sealed class Sqlite() : EntryStoreTests(StoreEngine.Sqlite);

    public sealed class Postgres() : EntryStoreTests(StoreEngine.Postgres);
}
