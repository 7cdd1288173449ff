using Dapper;

namespace DltBot.Storage;

/// <summary>Queued entries in the order they were queued: a per-guild position, since two may share a timestamp.</summary>
internal sealed class WeeklyQueueStore(StoreDatabase db) : IWeeklyQueueStore
{
    public Task<bool> EnqueueAsync(string guild, string entryId, Actor by, CancellationToken ct)
    {
        var args = new { guild, entryId = WeeklyColumns.EntryId(WeeklyColumns.Required(entryId, nameof(entryId))), at = StoredTime.Format(db.Time.GetUtcNow()), by = by.Id };
        return db.WriteAsync($"queueing {args.entryId} for guild {guild}", async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO weekly_queue (guild, entry_id, position, queued_utc, queued_by)
                SELECT @guild, @entryId, COALESCE(MAX(position), 0) + 1, @at, @by FROM weekly_queue WHERE guild = @guild
                ON CONFLICT (guild, entry_id) DO NOTHING
                """, args, tx, cancellationToken: ct)) == 1,
            _ => true, ct);
    }

    public Task<bool> UnqueueAsync(string guild, string entryId, CancellationToken ct)
    {
        var id = WeeklyColumns.EntryId(entryId);
        return db.WriteAsync($"unqueueing {id} for guild {guild}", async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM weekly_queue WHERE guild = @guild AND entry_id = @id", new { guild, id }, tx, cancellationToken: ct)) == 1,
            _ => true, ct);
    }

    public Task<IReadOnlyList<QueuedEntry>> ListAsync(string guild, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<QueuedEntry>>($"reading the weekly queue of guild {guild}", async c =>
            (await c.QueryAsync<Row>(new CommandDefinition(
                "SELECT entry_id AS EntryId, queued_utc AS QueuedUtc, queued_by AS QueuedBy FROM weekly_queue WHERE guild = @guild ORDER BY position, entry_id",
                new { guild }, cancellationToken: ct)))
            .Select(r => new QueuedEntry(r.EntryId, StoredTime.Parse(r.QueuedUtc), r.QueuedBy)).ToList(), ct);

    private sealed class Row
    {
        public string EntryId { get; set; } = "";
        public string QueuedUtc { get; set; } = "";
        public string QueuedBy { get; set; } = "";
    }
}
