using System.Data.Common;
using Dapper;

namespace DltBot.Storage;

internal sealed class DatabaseMaintenance(StoreDatabase db) : IDatabaseMaintenance
{
    // Every logged entry has an overlay row whose version counts its log rows and which points at its last one, and
    // no overlay row lacks a log: what one transaction per change guarantees, checked after the fact.
    private const string LogWithoutOverlaySql = """
        SELECT c.guild AS Guild, c.entry_id AS EntryId, COUNT(*) AS Changes, MAX(c.sequence) AS LastSequence,
               e.version AS Version, e.last_sequence AS OverlaySequence
        FROM entry_changes c
        LEFT JOIN guild_entries e ON e.guild = c.guild AND e.entry_id = c.entry_id
        GROUP BY c.guild, c.entry_id, e.version, e.last_sequence
        HAVING e.version IS NULL OR e.version <> COUNT(*) OR e.last_sequence <> MAX(c.sequence)
        ORDER BY c.guild, c.entry_id
        """;

    private const string OverlayWithoutLogSql = """
        SELECT e.guild AS Guild, e.entry_id AS EntryId
        FROM guild_entries e
        WHERE NOT EXISTS (SELECT 1 FROM entry_changes c WHERE c.guild = e.guild AND c.entry_id = e.entry_id)
        ORDER BY e.guild, e.entry_id
        """;

    public Task<MigrationResult> MigrateAsync(CancellationToken ct) =>
        db.RunAsync("migrating", async c =>
        {
            var result = await db.Migrator.MigrateAsync(c, ct);
            db.MarkReady();
            return result;
        }, ct);

    public async Task<BackupResult> BackupAsync(string path, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) throw new ArgumentException($"backup output {full} is a folder; name a file.", nameof(path));
        // Written beside the target and moved into place, so a failed backup never leaves a half file under the name.
        var partial = full + ".partial";
        return await db.ReadAsync($"backing up to {full}", async c =>
        {
            var version = await db.Migrator.CurrentVersionAsync(c, null, ct);
            File.Delete(partial);
            try
            {
                await db.Provider.BackupAsync(c, partial, ct);
                File.Move(partial, full, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
            return new BackupResult(full, new FileInfo(full).Length, version);
        }, ct);
    }

    public Task<CheckReport> CheckAsync(CancellationToken ct) =>
        db.RunAsync("checking", async c =>
        {
            var version = await db.Migrator.CurrentVersionAsync(c, null, ct);
            db.Migrator.RefuseNewer(version);
            var findings = new List<string>(await db.Provider.CheckIntegrityAsync(c, ct));
            if (version < db.Migrator.Latest)
                findings.Add($"schema version {version} is older than this build's {db.Migrator.Latest}; run db migrate.");
            else findings.AddRange(await LogAgreementAsync(c, ct));
            return new CheckReport(version, findings);
        }, ct);

    private static async Task<IEnumerable<string>> LogAgreementAsync(DbConnection c, CancellationToken ct)
    {
        var disagreeing = await c.QueryAsync<Disagreement>(new CommandDefinition(LogWithoutOverlaySql, cancellationToken: ct));
        var orphans = await c.QueryAsync<Disagreement>(new CommandDefinition(OverlayWithoutLogSql, cancellationToken: ct));
        return disagreeing.Select(d => d.Version is null
                ? $"log: {d.Guild}/{d.EntryId} has {d.Changes} logged change(s) but no overlay row"
                : $"log: {d.Guild}/{d.EntryId} has {d.Changes} logged change(s) up to #{d.LastSequence}, overlay says version {d.Version} at #{d.OverlaySequence}")
            .Concat(orphans.Select(o => $"log: {o.Guild}/{o.EntryId} has an overlay row but no logged change"));
    }

    private sealed class Disagreement
    {
        public string Guild { get; set; } = "";
        public string EntryId { get; set; } = "";
        public long Changes { get; set; }
        public long LastSequence { get; set; }
        public long? Version { get; set; }
        public long? OverlaySequence { get; set; }
    }
}
