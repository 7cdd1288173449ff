using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt-mod potw post-now [force:]</c>: this week's post, now. It counts as this week's; a second one needs force.</summary>
public sealed class PostNowCommand(IWeeklyRunner runner, TimeProvider time) : ICommand
{
    private static readonly CommandText Posted = new("Posted {0}: {1}", "已发布 {0}：{1}");
    private static readonly CommandText ThreadAt = new(" · thread: {0}", " · 讨论串：{0}");
    private static readonly CommandText ThreadProblem = new(" · no thread: {0}", " · 未能创建讨论串：{0}");
    private static readonly CommandText NewCycle = new(" · every entry has been posted once; a new cycle starts", " · 所有条目都已发布过一次；开始新一轮");
    private static readonly CommandText Already = new(
        "This week ({0}) was already posted: {1}. Add force:true to post another one.", "本周（{0}）已经发布过：{1}。如需再发一篇，请加上 force:true。");
    private static readonly CommandText Skipped = new("{0} was skipped as a moderator asked (skip).", "{0} 按管理员要求跳过（skip）。");
    private static readonly CommandText Failed = new("Could not post {0}: {1}", "无法发布 {0}：{1}");
    private static readonly CommandText FailedPaused = new(
        "Could not post {0}: {1}. The schedule is paused until a moderator fixes this and runs {2}.",
        "无法发布 {0}：{1}。日程已暂停，请修复后运行 {2}。");
    private static readonly CommandText Paused = new("The paper of the week is paused ({0}); run {1} first.", "每周论文已暂停（{0}）；请先运行 {1}。");
    private static readonly CommandText Nothing = new("The list has nothing left to post ({0}).", "书单里没有可发布的条目了（{0}）。");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("post-now"),
        new("post-now", "立即发布", "立即發佈"),
        new("Post this week's paper now", "立即发布本周论文", "立即發佈本週論文"),
        [new("force", OptionKind.Boolean, new("force", "强制", "強制"), new("Post even if this week was posted", "即使本周已发布也再发一篇", "即使本週已發佈也再發一篇"))],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var request = new WeeklyRunRequest(WeeklyReplies.Guild(context), time.GetUtcNow(), RunKind.PostNow, context.Arguments.GetBool("force") == true);
        var outcome = await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        return outcome switch
        {
            WeeklyRunOutcome.Posted p => new InfoReply(language, ModReplies.Format(language, Posted, p.Key, p.EntryId),
                [], [p.Link.Url + (p.Link.ThreadUrl is { } thread ? ModReplies.Format(language, ThreadAt, thread) : "")
                    + (p.ThreadProblem is { } problem ? ModReplies.Format(language, ThreadProblem, problem) : "")
                    + (p.NewCycle ? NewCycle.In(language) : "")]),
            WeeklyRunOutcome.AlreadyPosted a => ModReplies.Error(language, Already, a.Key, a.Link?.Url ?? "—"),
            WeeklyRunOutcome.Skipped s => ModReplies.Error(language, Skipped, s.Key),
            WeeklyRunOutcome.Failed { Paused: true } f => ModReplies.Error(language, FailedPaused, f.Key, f.Reason, WeeklyReplies.Usage(context, "resume")),
            WeeklyRunOutcome.Failed f => ModReplies.Error(language, Failed, f.Key, f.Reason),
            WeeklyRunOutcome.NotScheduled { PauseReason: { } reason } => ModReplies.Error(language, Paused, reason, WeeklyReplies.Usage(context, "resume")),
            WeeklyRunOutcome.NothingToPost n => ModReplies.Error(language, Nothing, n.Key),
            WeeklyRunOutcome.Missed m => ModReplies.Error(language, Failed, m.Key, "missed"),
            _ => WeeklyReplies.NotSetUpError(context),
        };
    });
}
