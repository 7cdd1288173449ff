using Quartz;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Each guild has its own durable job and one cron trigger, both named by the guild id in the <c>weekly</c> group, and
/// one-off retry triggers for the same job in <see cref="RetryGroup"/>.
/// </summary>
internal static class WeeklyQuartzKeys
{
    public const string Group = "weekly";

    /// <summary>One-off triggers that try an occurrence again after the store failed it (see WeeklyPostJob).</summary>
    public const string RetryGroup = "weekly-retry";

    public static JobKey Job(string guild) => new(guild, Group);

    public static TriggerKey Trigger(string guild) => new(guild, Group);
}
