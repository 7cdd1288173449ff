using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Localization;
using DltBot.Bot.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary>What the weekly commands say in common: times, links, outcomes in words.</summary>
internal static class WeeklyReplies
{
    public static readonly CommandText NotSetUp = new(
        "The paper of the week is not set up here; a moderator can start it with {0}",
        "本服务器还没有设置每周论文；管理员可以用 {0} 开启");
    private static readonly CommandText OutcomePosted = new("posted {0} on {1:yyyy-MM-dd HH:mm} UTC", "已于 {1:yyyy-MM-dd HH:mm} UTC 发布 {0}");
    private static readonly CommandText OutcomeSkipped = new("{0} was skipped by a moderator", "{0} 被管理员跳过");
    private static readonly CommandText OutcomeMissed = new(
        "{0} was missed: the bot was offline past the grace period{1}", "{0} 错过了：机器人离线超过了宽限期{1}");
    private static readonly CommandText OutcomeFailed = new("{0} failed: {1}", "{0} 失败：{1}");
    private static readonly CommandText OutcomeClaimed = new("{0} is being posted (started {1:yyyy-MM-dd HH:mm} UTC)", "{0} 正在发布（开始于 {1:yyyy-MM-dd HH:mm} UTC）");

    /// <summary>The store's key for the place: a guild id, or <c>local</c> for the shell.</summary>
    public static string Guild(CommandContext context) => context.Place.Key;

    /// <summary>A potw command as the user would type it here: <c>/dlt-mod potw setup</c>, <c>dltbot dlt-mod potw setup</c>.</summary>
    public static string Usage(CommandContext context, string name) => context.Usage + string.Join(' ', WeeklyCommandSet.Path(name).Parts);

    public static ErrorReply NotSetUpError(CommandContext context) =>
        ModReplies.Error(context.Language, NotSetUp, WeeklyReplies.Usage(context, "setup"));

    /// <summary>"Fri 2026-12-11 18:00 Asia/Shanghai · 10:00 UTC", and on Discord a timestamp every reader sees in their own zone.</summary>
    public static string When(DateTimeOffset utc, string timeZoneId, Surface surface)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var text = string.Create(CultureInfo.InvariantCulture, $"{local:ddd yyyy-MM-dd HH:mm} {timeZoneId} · {utc.UtcDateTime:yyyy-MM-dd HH:mm} UTC");
        return surface == Surface.Discord ? text + string.Create(CultureInfo.InvariantCulture, $" · <t:{utc.ToUnixTimeSeconds()}:F>") : text;
    }

    public static string Link(string guild, PostRecord post) =>
        new WeeklyPostLink(guild, post.ChannelId, post.MessageId, post.ThreadId).Url;

    /// <summary>A run's outcome in words, for <c>status</c>.</summary>
    public static string Outcome(Occurrence occurrence, Language language) => occurrence.State switch
    {
        OccurrenceState.Posted => ModReplies.Format(language, OutcomePosted, occurrence.Key, (occurrence.FinishedUtc ?? occurrence.ClaimedUtc).UtcDateTime)
            + (occurrence.Post is { } post ? " · " + new WeeklyPostLink(occurrence.Guild, post.ChannelId, post.MessageId, post.ThreadId).Url : "")
            + (occurrence.Post?.ThreadProblem is { } problem ? " · " + problem : ""),
        OccurrenceState.Skipped => ModReplies.Format(language, OutcomeSkipped, occurrence.Key),
        OccurrenceState.Missed => ModReplies.Format(language, OutcomeMissed, occurrence.Key, occurrence.Detail is { Length: > 0 } d ? " (" + d + ")" : ""),
        OccurrenceState.Failed => ModReplies.Format(language, OutcomeFailed, occurrence.Key, occurrence.Detail ?? "?"),
        _ => ModReplies.Format(language, OutcomeClaimed, occurrence.Key, occurrence.ClaimedUtc.UtcDateTime),
    };

    public static string Mention(string channelId, Surface surface) => surface == Surface.Discord ? $"<#{channelId}>" : channelId;
}
