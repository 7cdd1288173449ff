using Dapper;
using DltBot.Storage.Migrations;
using DltBot.Storage.Sql;

namespace DltBot.Storage.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TempDatabase _db = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task A_fresh_database_is_created_at_the_latest_version()
    {
        var result = await _db.Open().Maintenance.MigrateAsync(Ct);

        Assert.Equal((0, SchemaMigrations.Latest), (result.FromVersion, result.ToVersion));
        Assert.Equal(SchemaMigrations.All.Count, result.Applied.Count);
        using var raw = _db.Raw();
        var tables = raw.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").ToList();
        Assert.Subset(tables.ToHashSet(), new HashSet<string> { "entry_changes", "guild_entries", "guild_curator_roles", "schema_migrations" });
    }

    [Fact]
    public async Task The_file_is_in_wal_mode_and_overlay_rows_must_point_at_log_rows()
    {
        await _db.Open().Maintenance.MigrateAsync(Ct);

        using var raw = _db.Raw();
        Assert.Equal("wal", raw.ExecuteScalar<string>("PRAGMA journal_mode"));
        // A dangling overlay row is refused by the schema itself, not only by the store code.
        raw.Execute("PRAGMA foreign_keys = ON");
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => raw.Execute(
            "INSERT INTO guild_entries VALUES ('g', 'x', 't', NULL, 'topic', NULL, '', 0, 1, 999, 999, '2026-01-01T00:00:00.0000000Z')"));
    }

    [Fact]
    public async Task Running_it_again_is_a_no_op()
    {
        await _db.Open().Maintenance.MigrateAsync(Ct);
        await _db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        var again = await _db.Open().Maintenance.MigrateAsync(Ct);

        Assert.Equal((SchemaMigrations.Latest, SchemaMigrations.Latest), (again.FromVersion, again.ToVersion));
        Assert.Empty(again.Applied);
        Assert.Single(await _db.Open().Entries.GetOverlayAsync("g", Ct));
    }

    [Fact]
    public async Task The_first_use_migrates_without_an_explicit_call()
    {
        var outcome = await _db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);

        Assert.IsType<ChangeOutcome.Applied>(outcome);
    }

    [Fact]
    public async Task A_later_version_is_applied_on_top_keeping_the_data()
    {
        await _db.Open().Entries.AddAsync("g", "a", Sample.Fields(), Sample.Alice, null, Ct);
        var next = SchemaMigrations.All.Append(new Migration(SchemaMigrations.Latest + 1, "test column",
            _ => "ALTER TABLE guild_entries ADD COLUMN test_column TEXT NULL")).ToList();

        var result = await Stores.Create(new SqliteProvider(new SqliteStoreOptions(_db.Path_)), _db.Time, next).Maintenance.MigrateAsync(Ct);

        Assert.Equal((SchemaMigrations.Latest, SchemaMigrations.Latest + 1), (result.FromVersion, result.ToVersion));
        Assert.Equal([$"{SchemaMigrations.Latest + 1}: test column"], result.Applied);
        using var raw = _db.Raw();
        Assert.Equal(1, raw.ExecuteScalar<long>("SELECT COUNT(*) FROM guild_entries WHERE test_column IS NULL"));
    }

    [Fact]
    public async Task A_database_newer_than_the_binary_is_refused_with_one_line_naming_both_versions()
    {
        await _db.Open().Maintenance.MigrateAsync(Ct);
        using (var raw = _db.Raw())
            raw.Execute("INSERT INTO schema_migrations (version, name, applied_utc) VALUES (99, 'from the future', '2030-01-01T00:00:00.0000000Z')");

        var stores = _db.Open();
        var migrate = await Assert.ThrowsAsync<DatabaseTooNewException>(() => stores.Maintenance.MigrateAsync(Ct));
        var use = await Assert.ThrowsAsync<DatabaseTooNewException>(() => _db.Open().Entries.GetOverlayAsync("g", Ct));

        Assert.Equal((99, SchemaMigrations.Latest), (migrate.Found, migrate.Known));
        Assert.DoesNotContain('\n', migrate.Message);
        Assert.Contains("schema version 99", migrate.Message);
        Assert.Contains($"this build's {SchemaMigrations.Latest}", migrate.Message);
        Assert.Contains(_db.Path_, migrate.Message);
        Assert.Equal(migrate.Message, use.Message);
        Assert.IsAssignableFrom<StoreUnavailableException>(use);
    }

    [Fact]
    public async Task Check_reports_a_database_that_is_behind()
    {
        using (var raw = _db.Raw()) raw.Execute("CREATE TABLE unrelated (x INTEGER)");

        var report = await _db.Open().Maintenance.CheckAsync(Ct);

        Assert.Equal(0, report.SchemaVersion);
        Assert.Contains(report.Findings, f => f.Contains("run db migrate"));
    }
}
