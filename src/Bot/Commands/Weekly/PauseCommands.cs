using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt-mod potw pause</c>: stops the schedule, keeping its settings.</summary>
public sealed class PauseCommand(IWeeklySettings settings, IWeeklySchedule schedule) : ICommand
{
    private static readonly CommandText Done = new("Paused. The settings are kept; {0} restarts it.", "已暂停。设置会保留；{0} 可恢复。");
    private static readonly CommandText Reason = new("paused by {0}", "由 {0} 暂停");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("pause"),
        new("pause", "暂停", "暫停"),
        new("Stop the weekly post, keeping its settings", "暂停每周论文（保留设置）", "暫停每週論文（保留設定）"),
        [],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var guild = WeeklyReplies.Guild(context);
        var language = context.Language;
        if (!await settings.PauseAsync(guild, ModReplies.Format(language, Reason, context.Caller.DisplayName), ModReplies.ActorOf(context), cancellationToken).ConfigureAwait(false))
            return WeeklyReplies.NotSetUpError(context);
        await schedule.ApplyAsync(guild, await settings.GetAsync(guild, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new InfoReply(language, ModReplies.Format(language, Done, WeeklyReplies.Usage(context, "resume")), [], []);
    });
}

/// <summary><c>/dlt-mod potw resume</c>: restarts a paused schedule (also after the bot paused it on a permanent error).</summary>
public sealed class ResumeCommand(IWeeklySettings settings, IWeeklySchedule schedule) : ICommand
{
    private static readonly CommandText Done = new("Resumed; next run: {0}", "已恢复；下次发布：{0}");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("resume"),
        new("resume", "恢复", "恢復"),
        new("Restart the weekly post", "恢复每周论文", "恢復每週論文"),
        [],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var guild = WeeklyReplies.Guild(context);
        if (!await settings.ResumeAsync(guild, ModReplies.ActorOf(context), cancellationToken).ConfigureAwait(false)) return WeeklyReplies.NotSetUpError(context);
        var current = await settings.GetAsync(guild, cancellationToken).ConfigureAwait(false);
        await schedule.ApplyAsync(guild, current, cancellationToken).ConfigureAwait(false);
        var next = await schedule.NextRunAsync(guild, cancellationToken).ConfigureAwait(false);
        return new InfoReply(context.Language, ModReplies.Format(context.Language, Done,
            next is { } at && current is not null ? WeeklyReplies.When(at, current.Schedule.TimeZoneId, context.Surface) : "—"), [], []);
    });
}
