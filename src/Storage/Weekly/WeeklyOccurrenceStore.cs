using System.Data.Common;
using Dapper;

namespace DltBot.Storage;

/// <summary>
/// Occurrence rows keyed by (guild, occurrence key). A claim is an insert that does nothing on conflict: the primary
/// key, not a read-then-write, decides the one winner, so it holds across processes and engines.
/// </summary>
internal sealed class WeeklyOccurrenceStore(StoreDatabase db) : IWeeklyOccurrences
{
    private const string Columns =
        "guild AS Guild, occurrence_key AS OccurrenceKey, scheduled_utc AS ScheduledUtc, state AS State, claimant AS Claimant, " +
        "claimed_utc AS ClaimedUtc, channel_id AS ChannelId, message_id AS MessageId, thread_id AS ThreadId, entry_id AS EntryId, " +
        "cycle AS Cycle, poll_message_id AS PollMessageId, detail AS Detail, finished_utc AS FinishedUtc";

    private const string PollColumns =
        "guild AS Guild, occurrence_key AS OccurrenceKey, channel_id AS ChannelId, poll_message_id AS PollMessageId, " +
        "poll_read_utc AS PollReadUtc, poll_winner AS PollWinner";

    private static readonly string Claimed = WeeklyColumns.State(OccurrenceState.Claimed);
    private static readonly string Posted = WeeklyColumns.State(OccurrenceState.Posted);

    public Task<ClaimResult> TryClaimAsync(string guild, string key, DateTimeOffset scheduledUtc, string claimant, CancellationToken ct) =>
        TryClaimAsync(guild, key, scheduledUtc, claimant, ClaimRule.NewOnly, ct);

    public Task<ClaimResult> TryClaimAsync(string guild, string key, DateTimeOffset scheduledUtc, string claimant, ClaimRule rule, CancellationToken ct)
    {
        key = WeeklyColumns.Required(key, nameof(key));
        claimant = WeeklyColumns.Required(claimant, nameof(claimant));
        var at = StoredTime.Format(db.Time.GetUtcNow());
        var args = new { guild, key, scheduled = StoredTime.Format(scheduledUtc), claimant, at, claimed = Claimed };
        return db.WriteAsync($"claiming {key} for guild {guild}", async (c, tx) =>
        {
            var inserted = await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO weekly_occurrences (guild, occurrence_key, scheduled_utc, state, claimant, claimed_utc, updated_utc)
                VALUES (@guild, @key, @scheduled, @claimed, @claimant, @at, @at)
                ON CONFLICT (guild, occurrence_key) DO NOTHING
                """, args, tx, cancellationToken: ct));
            if (inserted == 0 && rule == ClaimRule.AlsoUnposted)
            {
                // A finished occurrence without a post is claimed afresh; its old outcome is cleared with it.
                inserted = await c.ExecuteAsync(new CommandDefinition("""
                    UPDATE weekly_occurrences
                    SET scheduled_utc = @scheduled, state = @claimed, claimant = @claimant, claimed_utc = @at, detail = NULL,
                        finished_utc = NULL, updated_utc = @at
                    WHERE guild = @guild AND occurrence_key = @key AND state IN ('skipped', 'missed', 'failed')
                    """, args, tx, cancellationToken: ct));
            }
            return new ClaimResult(inserted == 1, (await FindAsync(c, tx, guild, key, ct))!);
        }, _ => true, ct);
    }

    public Task<bool> TakeOverAsync(string guild, string key, string staleClaimant, string claimant, CancellationToken ct) =>
        ChangeAsync($"taking over {key} of guild {guild}", """
            UPDATE weekly_occurrences SET claimant = @claimant, claimed_utc = @at, updated_utc = @at
            WHERE guild = @guild AND occurrence_key = @key AND state = 'claimed' AND claimant = @stale
            """, new { guild, key, stale = staleClaimant, claimant = WeeklyColumns.Required(claimant, nameof(claimant)) }, ct);

    public Task<bool> ConfirmPostedAsync(string guild, string key, PostedMessage post, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(post.Cycle, 1);
        var entryId = WeeklyColumns.EntryId(post.EntryId);
        var args = new
        {
            guild, key, posted = Posted, entryId, at = StoredTime.Format(db.Time.GetUtcNow()),
            channel = WeeklyColumns.Required(post.ChannelId, nameof(post.ChannelId)),
            message = WeeklyColumns.Required(post.MessageId, nameof(post.MessageId)),
            thread = post.ThreadId, cycle = post.Cycle, poll = post.PollMessageId, detail = post.ThreadProblem,
        };
        return db.WriteAsync($"confirming the post of {key} for guild {guild}", async (c, tx) =>
        {
            var updated = await c.ExecuteAsync(new CommandDefinition("""
                UPDATE weekly_occurrences
                SET state = @posted, channel_id = @channel, message_id = @message, thread_id = @thread, entry_id = @entryId,
                    cycle = @cycle, poll_message_id = @poll, detail = @detail, finished_utc = @at, updated_utc = @at
                WHERE guild = @guild AND occurrence_key = @key AND state = 'claimed'
                """, args, tx, cancellationToken: ct));
            if (updated != 1) return false;
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM weekly_queue WHERE guild = @guild AND entry_id = @entryId", args, tx, cancellationToken: ct));
            await c.ExecuteAsync(new CommandDefinition(
                "DELETE FROM weekly_suggestions WHERE guild = @guild AND entry_id = @entryId", args, tx, cancellationToken: ct));
            return true;
        }, updated => updated, ct);
    }

    public Task<bool> RecordOutcomeAsync(string guild, string key, OccurrenceState state, string? detail, CancellationToken ct)
    {
        if (state is not (OccurrenceState.Skipped or OccurrenceState.Missed or OccurrenceState.Failed))
            throw new ArgumentException($"an occurrence finishes without a post as skipped, missed or failed, not {state}.", nameof(state));
        return FinishAsync(guild, key, state, detail, $"recording {key} of guild {guild} as {WeeklyColumns.State(state)}",
            async (c, tx, at) =>
            {
                if (state == OccurrenceState.Skipped) await WeeklySettingsStore.ClearSkipInAsync(c, tx, guild, ct);
            }, ct);
    }

    public Task<bool> RecordFailureAndPauseAsync(string guild, string key, string detail, CancellationToken ct)
    {
        detail = WeeklyColumns.Required(detail, nameof(detail));
        return FinishAsync(guild, key, OccurrenceState.Failed, detail, $"recording the failure of {key} and pausing guild {guild}",
            async (c, tx, at) => await WeeklySettingsStore.PauseInAsync(c, tx, guild, detail, at, ct), ct);
    }

    public Task<bool> ReleaseClaimAsync(string guild, string key, string claimant, CancellationToken ct) =>
        ChangeAsync($"releasing {key} of guild {guild}",
            "DELETE FROM weekly_occurrences WHERE guild = @guild AND occurrence_key = @key AND state = 'claimed' AND claimant = @claimant",
            new { guild, key, claimant }, ct);

    public Task<Occurrence?> GetAsync(string guild, string key, CancellationToken ct) =>
        db.ReadAsync($"reading {key} of guild {guild}", c => FindAsync(c, null, guild, key, ct), ct);

    public Task<Occurrence?> LastOutcomeAsync(string guild, CancellationToken ct) =>
        db.ReadAsync($"reading the last weekly outcome of guild {guild}", async c =>
            (await c.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM weekly_occurrences WHERE guild = @guild ORDER BY updated_utc DESC, occurrence_key DESC LIMIT 1",
                new { guild }, cancellationToken: ct)))?.ToOccurrence(), ct);

    public Task<IReadOnlyList<PostRecord>> RecentPostsAsync(string guild, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return db.ReadAsync<IReadOnlyList<PostRecord>>($"reading the recent weekly posts of guild {guild}", async c =>
            (await c.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM weekly_occurrences WHERE guild = @guild AND state = 'posted' ORDER BY finished_utc DESC, occurrence_key DESC LIMIT @count",
                new { guild, count }, cancellationToken: ct)))
            .Select(r => r.ToPostRecord()).ToList(), ct);
    }

    public Task<PostingCycle> CurrentCycleAsync(string guild, CancellationToken ct) =>
        db.ReadAsync($"reading the weekly cycle of guild {guild}", async c =>
        {
            var number = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT MAX(cycle) FROM weekly_occurrences WHERE guild = @guild AND state = 'posted'", new { guild }, cancellationToken: ct));
            if (number is not { } current) return new PostingCycle(1, new HashSet<string>());
            var ids = await c.QueryAsync<string>(new CommandDefinition(
                "SELECT entry_id FROM weekly_occurrences WHERE guild = @guild AND state = 'posted' AND cycle = @current",
                new { guild, current }, cancellationToken: ct));
            return new PostingCycle(current, ids.ToHashSet(StringComparer.OrdinalIgnoreCase));
        }, ct);

    public Task<IReadOnlyList<Occurrence>> UnconfirmedClaimsAsync(CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<Occurrence>>("listing the unconfirmed weekly claims", async c =>
            (await c.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM weekly_occurrences WHERE state = 'claimed' ORDER BY guild, occurrence_key", cancellationToken: ct)))
            .Select(r => r.ToOccurrence()).ToList(), ct);

    public Task<bool> RecordPollAsync(string guild, string key, string pollMessageId, CancellationToken ct) =>
        ChangeAsync($"recording the poll of {key} for guild {guild}", """
            UPDATE weekly_occurrences SET poll_message_id = @poll, poll_winner = NULL, poll_read_utc = NULL, updated_utc = @at
            WHERE guild = @guild AND occurrence_key = @key AND state = 'posted'
            """, new { guild, key, poll = WeeklyColumns.Required(pollMessageId, nameof(pollMessageId)) }, ct);

    public Task<bool> RecordPollResultAsync(string guild, string key, string? winnerEntryId, CancellationToken ct) =>
        ChangeAsync($"recording the poll result of {key} for guild {guild}", """
            UPDATE weekly_occurrences SET poll_winner = @winner, poll_read_utc = @at
            WHERE guild = @guild AND occurrence_key = @key AND poll_message_id IS NOT NULL
            """, new { guild, key, winner = winnerEntryId is null ? null : WeeklyColumns.EntryId(winnerEntryId) }, ct);

    public Task<PollRecord?> LatestPollAsync(string guild, CancellationToken ct) =>
        db.ReadAsync($"reading the latest weekly poll of guild {guild}", async c =>
            (await c.QueryFirstOrDefaultAsync<PollRow>(new CommandDefinition($"""
                SELECT {PollColumns}
                FROM weekly_occurrences
                WHERE guild = @guild AND state = 'posted' AND poll_message_id IS NOT NULL
                ORDER BY finished_utc DESC, occurrence_key DESC LIMIT 1
                """, new { guild }, cancellationToken: ct)))?.ToPoll(), ct);

    public Task<WeeklyPickState> PickStateAsync(string guild, int recentCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recentCount, 1);
        // One connection and one command for the four reads: every guild's run makes them, thousands in a popular minute.
        return db.ReadAsync($"reading what the weekly pick of guild {guild} needs", async c =>
        {
            using var results = await c.QueryMultipleAsync(new CommandDefinition($"""
                SELECT entry_id FROM weekly_queue WHERE guild = @guild ORDER BY position, entry_id;
                SELECT entry_id AS EntryId, cycle AS Cycle FROM weekly_occurrences
                WHERE guild = @guild AND state = 'posted'
                  AND cycle = (SELECT MAX(cycle) FROM weekly_occurrences WHERE guild = @guild AND state = 'posted');
                SELECT {Columns} FROM weekly_occurrences WHERE guild = @guild AND state = 'posted' ORDER BY finished_utc DESC, occurrence_key DESC LIMIT @count;
                SELECT {PollColumns} FROM weekly_occurrences
                WHERE guild = @guild AND state = 'posted' AND poll_message_id IS NOT NULL
                ORDER BY finished_utc DESC, occurrence_key DESC LIMIT 1;
                """, new { guild, count = recentCount }, cancellationToken: ct));
            var queue = (await results.ReadAsync<string>()).ToList();
            var cycleRows = (await results.ReadAsync<CycleRow>()).ToList();
            var cycle = cycleRows.Count == 0
                ? new PostingCycle(1, new HashSet<string>())
                : new PostingCycle(cycleRows[0].Cycle, cycleRows.Select(r => r.EntryId).ToHashSet(StringComparer.OrdinalIgnoreCase));
            var recent = (await results.ReadAsync<Row>()).Select(r => r.ToPostRecord()).ToList();
            var poll = (await results.ReadFirstOrDefaultAsync<PollRow>())?.ToPoll();
            return new WeeklyPickState(queue, cycle, recent, poll);
        }, ct);
    }

    /// <summary>Moves a claimed occurrence to a final state without a post, plus whatever else belongs in that transaction.</summary>
    private Task<bool> FinishAsync(string guild, string key, OccurrenceState state, string? detail, string doing,
        Func<DbConnection, DbTransaction, string, Task> alongside, CancellationToken ct)
    {
        var at = StoredTime.Format(db.Time.GetUtcNow());
        return db.WriteAsync(doing, async (c, tx) =>
        {
            var updated = await c.ExecuteAsync(new CommandDefinition("""
                UPDATE weekly_occurrences SET state = @state, detail = @detail, finished_utc = @at, updated_utc = @at
                WHERE guild = @guild AND occurrence_key = @key AND state = 'claimed'
                """, new { guild, key, state = WeeklyColumns.State(state), detail, at }, tx, cancellationToken: ct));
            if (updated != 1) return false;
            await alongside(c, tx, at);
            return true;
        }, finished => finished, ct);
    }

    /// <summary>One statement in a write transaction; true when it changed exactly one row.</summary>
    private Task<bool> ChangeAsync(string doing, string sql, object args, CancellationToken ct)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("at", StoredTime.Format(db.Time.GetUtcNow()));
        return db.WriteAsync(doing, async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition(sql, parameters, tx, cancellationToken: ct)) == 1, _ => true, ct);
    }

    private static async Task<Occurrence?> FindAsync(DbConnection c, DbTransaction? tx, string guild, string key, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM weekly_occurrences WHERE guild = @guild AND occurrence_key = @key", new { guild, key }, tx, cancellationToken: ct)))?.ToOccurrence();

    private sealed class Row
    {
        public string Guild { get; set; } = "";
        public string OccurrenceKey { get; set; } = "";
        public string ScheduledUtc { get; set; } = "";
        public string State { get; set; } = "";
        public string Claimant { get; set; } = "";
        public string ClaimedUtc { get; set; } = "";
        public string? ChannelId { get; set; }
        public string? MessageId { get; set; }
        public string? ThreadId { get; set; }
        public string? EntryId { get; set; }
        public long? Cycle { get; set; }
        public string? PollMessageId { get; set; }
        public string? Detail { get; set; }
        public string? FinishedUtc { get; set; }

        public Occurrence ToOccurrence()
        {
            var state = WeeklyColumns.ParseState(State);
            var post = state == OccurrenceState.Posted
                ? new PostedMessage(ChannelId!, MessageId!, ThreadId, EntryId!, Cycle!.Value, PollMessageId, Detail)
                : null;
            return new Occurrence(Guild, OccurrenceKey, StoredTime.Parse(ScheduledUtc), state, Claimant, StoredTime.Parse(ClaimedUtc),
                post, Detail, FinishedUtc is null ? null : StoredTime.Parse(FinishedUtc));
        }

        public PostRecord ToPostRecord() =>
            new(Guild, OccurrenceKey, EntryId!, ChannelId!, MessageId!, ThreadId, Cycle!.Value, StoredTime.Parse(FinishedUtc!));
    }

    private sealed class CycleRow
    {
        public string EntryId { get; set; } = "";
        public long Cycle { get; set; }
    }

    private sealed class PollRow
    {
        public string Guild { get; set; } = "";
        public string OccurrenceKey { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public string PollMessageId { get; set; } = "";
        public string? PollReadUtc { get; set; }
        public string? PollWinner { get; set; }

        public PollRecord ToPoll() => new(Guild, OccurrenceKey, ChannelId, PollMessageId, PollReadUtc is not null, PollWinner);
    }
}
