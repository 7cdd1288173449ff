using Dapper;
using DltBot.Storage.Migrations;

namespace DltBot.Storage.Tests.Weekly;

public abstract class WeeklyMigrationTests(StoreEngine engine) : StoreTest(engine)
{

    [Fact]
    public async Task A_database_at_the_curation_schema_gains_the_weekly_tables_and_keeps_its_curation()
    {
        // The schema as the previous release shipped it: migration 1 only.
        var previous = Db.OpenWith(SchemaMigrations.All.Take(1).ToList());
        await previous.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, "first", Ct);
        await previous.Entries.RemoveAsync("g", "b", Sample.Fields(title: "B"), Sample.Bob, null, Ct);
        await previous.CuratorRoles.AddAsync("g", "role-1", Sample.Alice, Ct);
        Assert.Equal(1, (await previous.Maintenance.CheckAsync(Ct)).SchemaVersion);

        var current = Db.Open();
        var result = await current.Maintenance.MigrateAsync(Ct);

        Assert.Equal((1, SchemaMigrations.Latest), (result.FromVersion, result.ToVersion));
        Assert.Contains(result.Applied, a => a.StartsWith("2: paper of the week", StringComparison.Ordinal));
        Assert.Equal(["a", "b"], (await current.Entries.GetOverlayAsync("g", Ct)).Select(e => e.Id));
        Assert.Equal(2, (await current.Entries.HistoryAsync("g", new(), 0, 10, Ct)).Total);
        Assert.Equal(["role-1"], await current.CuratorRoles.ListAsync("g", Ct));
        Assert.True((await current.Maintenance.CheckAsync(Ct)).Healthy);

        Assert.True((await current.Weekly.Occurrences.TryClaimAsync("g", "2026-W49", Db.Time.GetUtcNow(), "scheduler", Ct)).Claimed);
        Assert.Subset(await Db.TablesAsync(), new HashSet<string> { "weekly_settings", "weekly_occurrences", "weekly_queue", "weekly_suggestions" });
    }

    [Fact]
    public async Task The_schema_refuses_a_posted_row_without_its_message()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        using var raw = Db.Raw();

        Assert.ThrowsAny<System.Data.Common.DbException>(() => raw.Execute("""
            INSERT INTO weekly_occurrences (guild, occurrence_key, scheduled_utc, state, claimant, claimed_utc, updated_utc)
            VALUES ('g', '2026-W49', 't', 'posted', 'x', 't', 't')
            """));
    }

    public sealed class Sqlite() : WeeklyMigrationTests(StoreEngine.Sqlite);

    public sealed class Postgres() : WeeklyMigrationTests(StoreEngine.Postgres);
}
