using Dapper;
using DltBot.Storage.Migrations;
using System.Data.Common;

namespace DltBot.Storage.Tests;

public abstract class MigrationTests(StoreEngine engine) : StoreTest(engine)
{

    [Fact]
    public async Task A_fresh_database_is_created_at_the_latest_version()
    {
        var result = await Db.Open().Maintenance.MigrateAsync(Ct);

        Assert.Equal((0, SchemaMigrations.Latest), (result.FromVersion, result.ToVersion));
        Assert.Equal(SchemaMigrations.All.Count, result.Applied.Count);
        Assert.Subset(await Db.TablesAsync(), new HashSet<string> { "entry_changes", "guild_entries", "guild_curator_roles", "schema_migrations" });
    }

    [Fact]
    public async Task Overlay_rows_must_point_at_log_rows()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);

        using var raw = Db.Raw();
        // A dangling overlay row is refused by the schema itself, not only by the store code.
        if (Engine == StoreEngine.Sqlite) raw.Execute("PRAGMA foreign_keys = ON");
        Assert.ThrowsAny<DbException>(() => raw.Execute(
            "INSERT INTO guild_entries VALUES ('g', 'x', 't', NULL, 'topic', NULL, '', 0, 1, 999, 999, '2026-01-01T00:00:00.0000000Z')"));
    }

    [Fact]
    public async Task Instances_starting_at_once_migrate_once()
    {
        using var start = new ManualResetEventSlim();
        var instances = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var maintenance = Db.Open(TimeSpan.FromSeconds(30)).Maintenance;
            start.Wait(Ct);
            return await maintenance.MigrateAsync(Ct);
        }, Ct)).ToArray();
        start.Set();
        var results = await Task.WhenAll(instances);

        Assert.All(results, r => Assert.Equal(SchemaMigrations.Latest, r.ToVersion));
        Assert.Equal(SchemaMigrations.All.Count, results.Sum(r => r.Applied.Count));
        if (Engine == StoreEngine.Postgres)
            Assert.Single(results, r => r.Applied.Count > 0); // the advisory lock: one instance ran every migration
        using var raw = Db.Raw();
        Assert.Equal(SchemaMigrations.All.Count, raw.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Running_it_again_is_a_no_op()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        await Db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var again = await Db.Open().Maintenance.MigrateAsync(Ct);

        Assert.Equal((SchemaMigrations.Latest, SchemaMigrations.Latest), (again.FromVersion, again.ToVersion));
        Assert.Empty(again.Applied);
        Assert.Single(await Db.Open().Entries.GetOverlayAsync("g", Ct));
    }

    [Fact]
    public async Task The_first_use_migrates_without_an_explicit_call()
    {
        var outcome = await Db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        Assert.IsType<ChangeOutcome.Applied>(outcome);
    }

    [Fact]
    public async Task A_later_version_is_applied_on_top_keeping_the_data()
    {
        await Db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        var next = SchemaMigrations.All.Append(new Migration(SchemaMigrations.Latest + 1, "test column",
            _ => "ALTER TABLE guild_entries ADD COLUMN test_column TEXT NULL")).ToList();

        var result = await Db.OpenWith(next).Maintenance.MigrateAsync(Ct);

        Assert.Equal((SchemaMigrations.Latest, SchemaMigrations.Latest + 1), (result.FromVersion, result.ToVersion));
        Assert.Equal([$"{SchemaMigrations.Latest + 1}: test column"], result.Applied);
        using var raw = Db.Raw();
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT COUNT(*) FROM guild_entries WHERE test_column IS NULL"));
    }

    [Fact]
    public async Task A_database_newer_than_the_binary_is_refused_with_one_line_naming_both_versions()
    {
        await Db.Open().Maintenance.MigrateAsync(Ct);
        using (var raw = Db.Raw())
            raw.Execute("INSERT INTO schema_migrations (version, name, applied_utc) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000Z')");

        var stores = Db.Open();
        var migrate = await Assert.ThrowsAsync<DatabaseTooNewException>(() => stores.Maintenance.MigrateAsync(Ct));
        var use = await Assert.ThrowsAsync<DatabaseTooNewException>(() => Db.Open().Entries.GetOverlayAsync("g", Ct));

        Assert.Equal((99, SchemaMigrations.Latest), (migrate.Found, migrate.Known));
        Assert.DoesNotContain('\n', migrate.Message);
        Assert.Contains("schema version 99", migrate.Message);
        Assert.Contains($"this build's {SchemaMigrations.Latest}", migrate.Message);
        Assert.Contains(Db.Name, migrate.Message);
        Assert.Equal(migrate.Message, use.Message);
        Assert.IsAssignableFrom<StoreUnavailableException>(use);
    }

    [Fact]
    public async Task Check_reports_a_database_that_is_behind()
    {
        using (var raw = Db.Raw()) raw.Execute("CREATE TABLE unrelated (x INTEGER)");

        var report = await Db.Open().Maintenance.CheckAsync(Ct);

        Assert.Equal(0, report.SchemaVersion);
        Assert.Contains(report.Findings, f => f.Contains("run db migrate"));
    }

    public sealed class Sqlite() : MigrationTests(StoreEngine.Sqlite)
    {
        [Fact]
        public async Task The_file_is_in_wal_mode()
        {
            await Db.Open().Maintenance.MigrateAsync(Ct);

            using var raw = Db.Raw();
            Assert.Equal("wal", raw.ExecuteScalar<string>("PRAGMA journal_mode"));
        }
    }

    public sealed class Postgres() : MigrationTests(StoreEngine.Postgres);
}
