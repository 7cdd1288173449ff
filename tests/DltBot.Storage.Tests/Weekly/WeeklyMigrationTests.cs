using Dapper;
using DltBot.Storage.Migrations;
using DltBot.Storage.Sql;

namespace DltBot.Storage.Tests.Weekly;

public sealed class WeeklyMigrationTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_database_at_the_curation_schema_gains_the_weekly_tables_and_keeps_its_curation()
    {
        // The schema as the previous release shipped it: migration 1 only.
        var previous = Stores.Create(new SqliteProvider(new SqliteStoreOptions(_db.Path_)), _db.Time, SchemaMigrations.All.Take(1).ToList());
        await previous.Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, "first", Ct);
        await previous.Entries.RemoveAsync("g", "b", Sample.Fields(title: "B"), Sample.Bob, null, Ct);
        await previous.CuratorRoles.AddAsync("g", "role-1", Sample.Alice, Ct);
        Assert.Equal(1, (await previous.Maintenance.CheckAsync(Ct)).SchemaVersion);

        var current = _db.Open();
        var result = await current.Maintenance.MigrateAsync(Ct);

        Assert.Equal((1, SchemaMigrations.Latest), (result.FromVersion, result.ToVersion));
        Assert.Contains(result.Applied, a => a.StartsWith("2: paper of the week", StringComparison.Ordinal));
        Assert.Equal(["a", "b"], (await current.Entries.GetOverlayAsync("g", Ct)).Select(e => e.Id));
        Assert.Equal(2, (await current.Entries.HistoryAsync("g", new(), 0, 10, Ct)).Total);
        Assert.Equal(["role-1"], await current.CuratorRoles.ListAsync("g", Ct));
        Assert.True((await current.Maintenance.CheckAsync(Ct)).Healthy);

        Assert.True((await current.Weekly.Occurrences.TryClaimAsync("g", "2026-W49", _db.Time.GetUtcNow(), "scheduler", Ct)).Claimed);
        using var raw = _db.Raw();
        var tables = raw.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet();
        Assert.Subset(tables, new HashSet<string> { "weekly_settings", "weekly_occurrences", "weekly_queue", "weekly_suggestions" });
    }

    [Fact]
    public async Task The_schema_refuses_a_posted_row_without_its_message()
    {
        await _db.Open().Maintenance.MigrateAsync(Ct);
        using var raw = _db.Raw();

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => raw.Execute("""
            INSERT INTO weekly_occurrences (guild, occurrence_key, scheduled_utc, state, claimant, claimed_utc, updated_utc)
            VALUES ('g', '2026-W49', 't', 'posted', 'x', 't', 't')
            """));
    }
}
