using DltBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Weekly;

/// <summary>
/// At start, before the scheduler fires anything: every guild's trigger is made to match its settings in the store,
/// and weekly jobs of guilds without settings are deleted. Unchanged triggers are left alone, so a misfire during the
/// downtime is caught up once the scheduler starts.
/// </summary>
internal sealed partial class WeeklyScheduleSync(IWeeklySettings settings, QuartzWeeklySchedule schedule, ILogger<WeeklyScheduleSync> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<WeeklySettings> all;
        try
        {
            all = await settings.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e) when (e is not DatabaseTooNewException)
        {
            LogStoreUnavailable(logger, e.Message);
            return;
        }

        var applied = 0;
        foreach (var guild in all)
        {
            try
            {
                await schedule.ApplyAsync(guild.Guild, guild, cancellationToken).ConfigureAwait(false);
                applied++;
            }
            catch (Exception e) when (e is UnknownTimeZoneException or ArgumentException)
            {
                LogBadSchedule(logger, guild.Guild, e.Message);
            }
        }

        var keep = all.Select(s => s.Guild).ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var stale in (await schedule.ScheduledGuildsAsync(cancellationToken).ConfigureAwait(false)).Where(g => !keep.Contains(g)))
        {
            await schedule.ApplyAsync(stale, null, cancellationToken).ConfigureAwait(false);
            removed++;
        }
        LogSynced(logger, applied, removed);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(6210, LogLevel.Information, "Paper of the week: {Applied} guild schedule(s) in step with the store, {Removed} without settings removed.", EventName = "WeeklyScheduleSynced")]
    private static partial void LogSynced(ILogger logger, int applied, int removed);

    [LoggerMessage(6211, LogLevel.Warning, "Paper of the week: schedules were not checked against the store, which is unavailable: {Reason} Stored triggers run as they were.", EventName = "WeeklyScheduleStoreUnavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(6212, LogLevel.Error, "Paper of the week: guild {Guild} has a schedule that cannot run: {Reason} A moderator must run setup again.", EventName = "WeeklyScheduleInvalid")]
    private static partial void LogBadSchedule(ILogger logger, string guild, string reason);
}
