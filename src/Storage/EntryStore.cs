using System.Data.Common;
using Dapper;
using DltBot.Catalog.Curation;

namespace DltBot.Storage;

/// <summary>
/// The change log and overlay in SQL. Each change is one write transaction that appends the log row and writes the
/// overlay row; the overlay's version counts the entry's log rows, and an edit only updates the row whose version it read.
/// </summary>
internal sealed class EntryStore(StoreDatabase db) : IEntryStore
{
    private const string EntryColumns =
        "guild AS Guild, entry_id AS EntryId, title AS Title, url AS Url, topic AS Topic, year AS Year, note AS Note, " +
        "removed AS Removed, version AS Version, changed_utc AS ChangedUtc";

    private const string ChangeColumns =
        "sequence AS Sequence, guild AS Guild, entry_id AS EntryId, action AS Action, version AS Version, before_json AS BeforeJson, " +
        "after_json AS AfterJson, actor_id AS ActorId, actor_name AS ActorName, reason AS Reason, changed_utc AS ChangedUtc";

    public Task<ChangeOutcome> AddAsync(string guild, string entryId, EntryFields fields, Actor actor, string? reason, CancellationToken ct)
    {
        var id = NormalizeId(entryId);
        return db.WriteAsync<ChangeOutcome>($"adding {id} for guild {guild}", async (c, tx) =>
        {
            if (await FindAsync(c, tx, guild, id, ct) is { } existing) return new ChangeOutcome.Unchanged(existing);
            return await ApplyAsync(c, tx, guild, id, ChangeAction.Add, current: null, version: 1, before: null, after: fields, fields, removed: false, actor, reason, ct);
        }, KeepApplied, ct);
    }

    public Task<ChangeOutcome> EditAsync(string guild, EntryEdit edit, Actor actor, string? reason, CancellationToken ct)
    {
        var id = NormalizeId(edit.EntryId);
        return db.WriteAsync<ChangeOutcome>($"editing {id} for guild {guild}", async (c, tx) =>
        {
            var current = await FindAsync(c, tx, guild, id, ct);
            if (current is null && edit.ExpectedVersion != 0) return new ChangeOutcome.NotFound(id);
            if (current is not null && current.Version != edit.ExpectedVersion) return new ChangeOutcome.ChangedMeanwhile(current);
            if (current is not null && current.Fields == edit.Fields) return new ChangeOutcome.Unchanged(current);
            var before = current?.Fields ?? edit.Seen;
            if (current is null && before == edit.Fields)
                return new ChangeOutcome.Unchanged(new StoredEntry(guild, id, before, false, 0, db.Time.GetUtcNow()));
            return await ApplyAsync(c, tx, guild, id, ChangeAction.Edit, current, edit.ExpectedVersion + 1,
                before, edit.Fields, edit.Fields, current?.Removed ?? false, actor, reason, ct);
        }, KeepApplied, ct);
    }

    public Task<ChangeOutcome> RemoveAsync(string guild, string entryId, EntryFields? shown, Actor actor, string? reason, CancellationToken ct)
    {
        var id = NormalizeId(entryId);
        return db.WriteAsync<ChangeOutcome>($"removing {id} for guild {guild}", async (c, tx) =>
        {
            var current = await FindAsync(c, tx, guild, id, ct);
            if (current is { Removed: true }) return new ChangeOutcome.Unchanged(current);
            var fields = current?.Fields ?? shown;
            if (fields is null) return new ChangeOutcome.NotFound(id);
            return await ApplyAsync(c, tx, guild, id, ChangeAction.Remove, current, (current?.Version ?? 0) + 1,
                before: fields, after: null, fields, removed: true, actor, reason, ct);
        }, KeepApplied, ct);
    }

    public Task<ChangeOutcome> RestoreAsync(string guild, string entryId, Actor actor, string? reason, CancellationToken ct)
    {
        var id = NormalizeId(entryId);
        return db.WriteAsync<ChangeOutcome>($"restoring {id} for guild {guild}", async (c, tx) =>
        {
            var current = await FindAsync(c, tx, guild, id, ct);
            if (current is null) return new ChangeOutcome.NotFound(id);
            if (!current.Removed) return new ChangeOutcome.Unchanged(current);
            return await ApplyAsync(c, tx, guild, id, ChangeAction.Restore, current, current.Version + 1,
                before: null, after: current.Fields, current.Fields, removed: false, actor, reason, ct);
        }, KeepApplied, ct);
    }

    public Task<IReadOnlyList<StoredEntry>> GetOverlayAsync(string guild, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<StoredEntry>>($"reading the overlay of guild {guild}", async c =>
        {
            var rows = await c.QueryAsync<EntryRow>(new CommandDefinition(
                $"SELECT {EntryColumns} FROM guild_entries WHERE guild = @guild ORDER BY first_sequence", new { guild }, cancellationToken: ct));
            return rows.Select(r => r.ToStored()).ToList();
        }, ct);

    public Task<StoredEntry?> GetEntryAsync(string guild, string entryId, CancellationToken ct) =>
        db.ReadAsync($"reading {entryId} of guild {guild}", c => FindAsync(c, null, guild, NormalizeId(entryId), ct), ct);

    public Task<HistoryPage> HistoryAsync(string guild, HistoryFilter filter, int page, int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var where = "guild = @guild"
            + (filter.EntryId is null ? "" : " AND entry_id = @entryId")
            + (filter.ActorId is null ? "" : " AND actor_id = @actorId");
        var args = new { guild, entryId = filter.EntryId is null ? null : NormalizeId(filter.EntryId), actorId = filter.ActorId, take = pageSize, skip = page * pageSize };
        return db.ReadAsync($"reading the history of guild {guild}", async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM entry_changes WHERE {where}", args, cancellationToken: ct));
            var rows = await c.QueryAsync<ChangeRow>(new CommandDefinition(
                $"SELECT {ChangeColumns} FROM entry_changes WHERE {where} ORDER BY sequence DESC LIMIT @take OFFSET @skip", args, cancellationToken: ct));
            return new HistoryPage(rows.Select(r => r.ToChange()).ToList(), page, pageSize, (int)total);
        }, ct);
    }

    public Task<IReadOnlyList<string>> GuildsWithChangesAsync(CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<string>>("listing the guilds with changes", async c =>
            (await c.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT guild FROM guild_entries ORDER BY guild", cancellationToken: ct))).ToList(), ct);

    public Task<IReadOnlyDictionary<string, EntryFields>> BaselinesAsync(string guild, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyDictionary<string, EntryFields>>($"reading the base fields of guild {guild}'s changes", async c =>
        {
            // An add logs no "before"; a base entry's first change (edit or remove) logs what the base list showed.
            var rows = await c.QueryAsync<BaselineRow>(new CommandDefinition("""
                SELECT g.entry_id AS EntryId, c.before_json AS BeforeJson
                FROM guild_entries g JOIN entry_changes c ON c.sequence = g.first_sequence
                WHERE g.guild = @guild AND c.before_json IS NOT NULL
                """, new { guild }, cancellationToken: ct));
            return rows.ToDictionary(r => r.EntryId, r => FieldsJson.Read(r.BeforeJson)!, StringComparer.OrdinalIgnoreCase);
        }, ct);

    /// <summary>Only an applied change commits; every other outcome rolls back (nothing was meant to be written).</summary>
    private static bool KeepApplied(ChangeOutcome outcome) => outcome is ChangeOutcome.Applied;

    /// <summary>Stored ids are the catalog's lowercase form, so one entry never gets two overlay rows.</summary>
    internal static string NormalizeId(string id) => id.Trim().ToLowerInvariant();

    private static async Task<StoredEntry?> FindAsync(DbConnection c, DbTransaction? tx, string guild, string id, CancellationToken ct)
    {
        var row = await c.QuerySingleOrDefaultAsync<EntryRow>(new CommandDefinition(
            $"SELECT {EntryColumns} FROM guild_entries WHERE guild = @guild AND entry_id = @id", new { guild, id }, tx, cancellationToken: ct));
        return row?.ToStored();
    }

    /// <summary>
    /// Appends the log row (<paramref name="before"/>/<paramref name="after"/>: null where the entry is not shown), then
    /// inserts or updates the overlay row that points at it; the caller commits both.
    /// </summary>
    private async Task<ChangeOutcome> ApplyAsync(DbConnection c, DbTransaction tx, string guild, string id, ChangeAction action,
        StoredEntry? current, long version, EntryFields? before, EntryFields? after, EntryFields fields, bool removed, Actor actor,
        string? reason, CancellationToken ct)
    {
        var at = StoredTime.Format(db.Time.GetUtcNow());
        var sequence = await c.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO entry_changes (guild, entry_id, action, version, before_json, after_json, actor_id, actor_name, reason, changed_utc)
            VALUES (@guild, @id, @action, @version, @before, @after, @actorId, @actorName, @reason, @at)
            RETURNING sequence
            """,
            new
            {
                guild, id, action = ActionName(action), version, before = FieldsJson.Write(before), after = FieldsJson.Write(after),
                actorId = actor.Id, actorName = actor.DisplayName, reason, at,
            }, tx, cancellationToken: ct));

        var row = new
        {
            guild, id, title = fields.Title, url = fields.Url, topic = fields.Topic, year = fields.Year, note = fields.Note,
            removed = removed ? 1 : 0, version, expected = version - 1, sequence, at,
        };
        if (current is null)
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO guild_entries (guild, entry_id, title, url, topic, year, note, removed, version, first_sequence, last_sequence, changed_utc)
                VALUES (@guild, @id, @title, @url, @topic, @year, @note, @removed, @version, @sequence, @sequence, @at)
                """, row, tx, cancellationToken: ct));
        }
        else
        {
            // The version check again, in the statement itself: the write lock makes it redundant on SQLite, not on
            // engines whose transactions do not serialise writers.
            var updated = await c.ExecuteAsync(new CommandDefinition("""
                UPDATE guild_entries
                SET title = @title, url = @url, topic = @topic, year = @year, note = @note, removed = @removed,
                    version = @version, last_sequence = @sequence, changed_utc = @at
                WHERE guild = @guild AND entry_id = @id AND version = @expected
                """, row, tx, cancellationToken: ct));
            if (updated != 1) return new ChangeOutcome.ChangedMeanwhile(await FindAsync(c, tx, guild, id, ct) ?? current);
        }
        await db.Provider.NotifyChangeAsync(c, tx, guild, ct);
        var change = new EntryChange(sequence, guild, id, action, version, before, after, actor, reason, StoredTime.Parse(at));
        return new ChangeOutcome.Applied(new StoredEntry(guild, id, fields, removed, version, change.AtUtc), change);
    }

    private static string ActionName(ChangeAction action) => action switch
    {
        ChangeAction.Add => "add",
        ChangeAction.Edit => "edit",
        ChangeAction.Remove => "remove",
        ChangeAction.Restore => "restore",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static ChangeAction ParseAction(string name) => name switch
    {
        "add" => ChangeAction.Add,
        "edit" => ChangeAction.Edit,
        "remove" => ChangeAction.Remove,
        "restore" => ChangeAction.Restore,
        _ => throw new InvalidDataException($"entry_changes has an unknown action \"{name}\""),
    };

    // Dapper maps to settable properties, converting SQLite's 64-bit integers; records are built from these.
    private sealed class EntryRow
    {
        public string Guild { get; set; } = "";
        public string EntryId { get; set; } = "";
        public string Title { get; set; } = "";
        public string? Url { get; set; }
        public string Topic { get; set; } = "";
        public long? Year { get; set; }
        public string Note { get; set; } = "";
        public long Removed { get; set; }
        public long Version { get; set; }
        public string ChangedUtc { get; set; } = "";

        public StoredEntry ToStored() => new(Guild, EntryId, new EntryFields(Title, Url, Topic, Year is { } y ? (int)y : null, Note),
            Removed != 0, Version, StoredTime.Parse(ChangedUtc));
    }

    private sealed class BaselineRow
    {
        public string EntryId { get; set; } = "";
        public string BeforeJson { get; set; } = "";
    }

    private sealed class ChangeRow
    {
        public long Sequence { get; set; }
        public string Guild { get; set; } = "";
        public string EntryId { get; set; } = "";
        public string Action { get; set; } = "";
        public long Version { get; set; }
        public string? BeforeJson { get; set; }
        public string? AfterJson { get; set; }
        public string ActorId { get; set; } = "";
        public string ActorName { get; set; } = "";
        public string? Reason { get; set; }
        public string ChangedUtc { get; set; } = "";

        public EntryChange ToChange() => new(Sequence, Guild, EntryId, ParseAction(Action), Version, FieldsJson.Read(BeforeJson),
            FieldsJson.Read(AfterJson), new Actor(ActorId, ActorName), Reason, StoredTime.Parse(ChangedUtc));
    }
}
