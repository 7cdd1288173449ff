using System.Data.Common;
using Dapper;

namespace DltBot.Storage;

internal sealed class WeeklySettingsStore(StoreDatabase db) : IWeeklySettings
{
    private const string Columns =
        "guild AS Guild, channel_id AS ChannelId, day_of_week AS DayOfWeek, local_time AS LocalTime, time_zone AS TimeZone, " +
        "role_id AS RoleId, thread AS Thread, poll AS Poll, paused AS Paused, pause_reason AS PauseReason, skip_next AS SkipNext, " +
        "updated_utc AS UpdatedUtc, updated_by AS UpdatedBy";

    public Task<WeeklySettings?> GetAsync(string guild, CancellationToken ct) =>
        db.ReadAsync($"reading the weekly settings of guild {guild}", c => FindAsync(c, null, guild, ct), ct);

    public Task<WeeklySettings> SaveAsync(string guild, WeeklySchedule schedule, Actor by, CancellationToken ct)
    {
        var row = new
        {
            guild,
            channel = WeeklyColumns.Required(schedule.ChannelId, nameof(schedule.ChannelId)),
            day = WeeklyColumns.Day(schedule.Day),
            time = WeeklyColumns.Time(schedule.LocalTime),
            zone = WeeklyColumns.Required(schedule.TimeZoneId, nameof(schedule.TimeZoneId)),
            role = string.IsNullOrWhiteSpace(schedule.RoleId) ? null : schedule.RoleId.Trim(),
            thread = WeeklyColumns.Flag(schedule.Thread),
            poll = WeeklyColumns.Flag(schedule.Poll),
            at = StoredTime.Format(db.Time.GetUtcNow()),
            by = by.Id,
        };
        return db.WriteAsync($"saving the weekly settings of guild {guild}", async (c, tx) =>
        {
            await c.ExecuteAsync(new CommandDefinition("""
                INSERT INTO weekly_settings (guild, channel_id, day_of_week, local_time, time_zone, role_id, thread, poll,
                    paused, pause_reason, skip_next, updated_utc, updated_by)
                VALUES (@guild, @channel, @day, @time, @zone, @role, @thread, @poll, 0, NULL, 0, @at, @by)
                ON CONFLICT (guild) DO UPDATE SET
                    channel_id = excluded.channel_id, day_of_week = excluded.day_of_week, local_time = excluded.local_time,
                    time_zone = excluded.time_zone, role_id = excluded.role_id, thread = excluded.thread, poll = excluded.poll,
                    paused = 0, pause_reason = NULL, updated_utc = excluded.updated_utc, updated_by = excluded.updated_by
                """, row, tx, cancellationToken: ct));
            return (await FindAsync(c, tx, guild, ct))!;
        }, _ => true, ct);
    }

    public Task<bool> PauseAsync(string guild, string reason, Actor by, CancellationToken ct) =>
        UpdateAsync($"pausing the weekly post of guild {guild}",
            "paused = 1, pause_reason = @reason", new { guild, reason = WeeklyColumns.Required(reason, nameof(reason)), by = by.Id }, ct);

    public Task<bool> ResumeAsync(string guild, Actor by, CancellationToken ct) =>
        UpdateAsync($"resuming the weekly post of guild {guild}", "paused = 0, pause_reason = NULL", new { guild, by = by.Id }, ct);

    public Task<bool> SetSkipNextAsync(string guild, bool skip, Actor by, CancellationToken ct) =>
        UpdateAsync($"{(skip ? "setting" : "clearing")} the weekly skip of guild {guild}",
            "skip_next = @skip", new { guild, skip = WeeklyColumns.Flag(skip), by = by.Id }, ct);

    public Task<IReadOnlyList<WeeklySettings>> ListAsync(CancellationToken ct) =>
        db.ReadAsync<IReadOnlyList<WeeklySettings>>("listing the weekly settings", async c =>
            (await c.QueryAsync<Row>(new CommandDefinition($"SELECT {Columns} FROM weekly_settings ORDER BY guild", cancellationToken: ct)))
            .Select(r => r.ToSettings()).ToList(), ct);

    /// <summary>Pauses the guild inside another change's transaction (a permanent failure of its post).</summary>
    internal static Task<int> PauseInAsync(DbConnection c, DbTransaction tx, string guild, string reason, string at, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition(
            "UPDATE weekly_settings SET paused = 1, pause_reason = @reason, updated_utc = @at, updated_by = @by WHERE guild = @guild",
            new { guild, reason, at, by = "dltbot" }, tx, cancellationToken: ct));

    /// <summary>Clears the guild's skip-next inside the transaction that records the skipped occurrence.</summary>
    internal static Task<int> ClearSkipInAsync(DbConnection c, DbTransaction tx, string guild, CancellationToken ct) =>
        c.ExecuteAsync(new CommandDefinition("UPDATE weekly_settings SET skip_next = 0 WHERE guild = @guild", new { guild }, tx, cancellationToken: ct));

    private Task<bool> UpdateAsync(string doing, string set, object args, CancellationToken ct)
    {
        var parameters = new DynamicParameters(args);
        parameters.Add("at", StoredTime.Format(db.Time.GetUtcNow()));
        return db.WriteAsync(doing, async (c, tx) =>
            await c.ExecuteAsync(new CommandDefinition(
                $"UPDATE weekly_settings SET {set}, updated_utc = @at, updated_by = @by WHERE guild = @guild", parameters, tx, cancellationToken: ct)) == 1,
            _ => true, ct);
    }

    private static async Task<WeeklySettings?> FindAsync(DbConnection c, DbTransaction? tx, string guild, CancellationToken ct) =>
        (await c.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM weekly_settings WHERE guild = @guild", new { guild }, tx, cancellationToken: ct)))?.ToSettings();

    private sealed class Row
    {
        public string Guild { get; set; } = "";
        public string ChannelId { get; set; } = "";
        public string DayOfWeek { get; set; } = "";
        public string LocalTime { get; set; } = "";
        public string TimeZone { get; set; } = "";
        public string? RoleId { get; set; }
        public long Thread { get; set; }
        public long Poll { get; set; }
        public long Paused { get; set; }
        public string? PauseReason { get; set; }
        public long SkipNext { get; set; }
        public string UpdatedUtc { get; set; } = "";
        public string UpdatedBy { get; set; } = "";

        public WeeklySettings ToSettings() => new(Guild,
            new WeeklySchedule(ChannelId, WeeklyColumns.ParseDay(DayOfWeek), WeeklyColumns.ParseTime(LocalTime), TimeZone, RoleId, Thread != 0, Poll != 0),
            Paused != 0, PauseReason, SkipNext != 0, StoredTime.Parse(UpdatedUtc), UpdatedBy);
    }
}
