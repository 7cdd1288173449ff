using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt-mod potw status</c>: the next run, the last post, the queue, and how the last run ended, in words.</summary>
public sealed class StatusCommand(IWeeklySettings settings, IWeeklyOccurrences occurrences, IWeeklyQueueStore queue, IWeeklySchedule schedule) : ICommand
{
    private static readonly CommandText Title = new("Paper of the week", "每周论文");
    private static readonly CommandText PausedLine = new("Paused: {0}. A moderator can restart it with {1}.", "已暂停：{0}。管理员可以用 {1} 恢复。");
    private static readonly CommandText SkipLine = new("The next run posts nothing (skip).", "下次发布将被跳过（skip）。");
    private static readonly CommandText LabelNext = new("Next run", "下次发布");
    private static readonly CommandText LabelLastPost = new("Last post", "上次发布");
    private static readonly CommandText LabelLastRun = new("Last run", "上次运行");
    private static readonly CommandText LabelQueue = new("Queue", "队列");
    private static readonly CommandText LabelChannel = new("Channel", "频道");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("status"),
        new("status", "状态", "狀態"),
        new("The schedule, the last post and the queue", "日程、上次发布和队列", "日程、上次發佈和佇列"),
        [],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var guild = WeeklyReplies.Guild(context);
        if (await settings.GetAsync(guild, cancellationToken).ConfigureAwait(false) is not { } current) return WeeklyReplies.NotSetUpError(context);

        var next = current.Paused ? null : await schedule.NextRunAsync(guild, cancellationToken).ConfigureAwait(false);
        var recent = await occurrences.RecentPostsAsync(guild, 1, cancellationToken).ConfigureAwait(false);
        var last = recent.Count > 0 ? recent[0] : null;
        var outcome = await occurrences.LastOutcomeAsync(guild, cancellationToken).ConfigureAwait(false);
        var queued = await queue.ListAsync(guild, cancellationToken).ConfigureAwait(false);

        List<InfoField> fields =
        [
            new(LabelChannel.In(language), WeeklyReplies.Mention(current.Schedule.ChannelId, context.Surface)),
            new(LabelNext.In(language), next is { } at ? WeeklyReplies.When(at, current.Schedule.TimeZoneId, context.Surface) : "—"),
            new(LabelLastPost.In(language), last is null ? "—" : $"{last.Key} · {last.EntryId} · {WeeklyReplies.Link(guild, last)}"),
            new(LabelLastRun.In(language), outcome is null ? "—" : WeeklyReplies.Outcome(outcome, language)),
            new(LabelQueue.In(language), queued.Count == 0 ? "—" : string.Join(", ", queued.Select(q => q.EntryId))),
        ];
        var lines = new List<string>();
        if (current.Paused) lines.Add(ModReplies.Format(language, PausedLine, current.PauseReason ?? "—", WeeklyReplies.Usage(context, "resume")));
        if (current.SkipNext) lines.Add(SkipLine.In(language));
        return new InfoReply(language, Title.In(language), fields, lines);
    });
}
