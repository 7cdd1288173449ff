using Dapper;

namespace DltBot.Storage;

/// <summary>One row per member and guild: a new suggestion overwrites the member's open one.</summary>
internal sealed class WeeklySuggestionStore(StoreDatabase db) : IWeeklySuggestions
{
    public Task<string?> SuggestAsync(string guild, string memberId, string entryId, CancellationToken ct)
    {
        var args = new
        {
            guild, member = WeeklyColumns.Required(memberId, nameof(memberId)),
            entryId = WeeklyColumns.EntryId(WeeklyColumns.Required(entryId, nameof(entryId))), at = StoredTime.Format(db.Time.GetUtcNow()),
        };
        return db.WriteAsync($"recording {args.member}'s suggestion for guild {guild}", async (c, tx) =>
        {
            var previous = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT entry_id FROM weekly_suggestions WHERE guild = @guild AND member_id = @member", args, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO weekly_suggestions (guild, member_id, entry_id, suggested_utc) VALUES (@guild, @member, @entryId, @at)
                ON CONFLICT (guild, member_id) DO UPDATE SET entry_id = excluded.entry_id, suggested_utc = excluded.suggested_utc
                """, args, tx, cancellationToken: ct));
            return previous;
        }, _ => true, ct);
    }

    public Task<IReadOnlyList<SuggestionTally>> ListOpenAsync(string guild, CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<SuggestionTally>>($"reading the weekly suggestions of guild {guild}", async c =>
            (await c.QueryAsync<Row>(new CommandDefinition("""
                SELECT entry_id AS EntryId, COUNT(*) AS Members, MIN(suggested_utc) AS FirstUtc
                FROM weekly_suggestions WHERE guild = @guild
                GROUP BY entry_id
                ORDER BY COUNT(*) DESC, MIN(suggested_utc), entry_id
                """, new { guild }, cancellationToken: ct)))
            .Select(r => new SuggestionTally(r.EntryId, (int)r.Members, StoredTime.Parse(r.FirstUtc))).ToList(), ct);

    public Task<int> CloseForEntryAsync(string guild, string entryId, CancellationToken ct)
    {
        var id = WeeklyColumns.EntryId(entryId);
        return db.WriteAsync($"closing the suggestions of {id} for guild {guild}", async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM weekly_suggestions WHERE guild = @guild AND entry_id = @id", new { guild, id }, tx, cancellationToken: ct)),
            _ => true, ct);
    }

    private sealed class Row
    {
        public string EntryId { get; set; } = "";
        public long Members { get; set; }
        public string FirstUtc { get; set; } = "";
    }
}
