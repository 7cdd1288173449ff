using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt-mod potw preview</c>: privately, exactly what the next run will post.</summary>
public sealed class PreviewCommand(IWeeklySettings settings, IWeeklySchedule schedule, IWeeklyRunner runner, TimeProvider time) : ICommand
{
    private static readonly CommandText Nothing = new("The list has nothing left to post.", "书单里没有可发布的条目了。");
    private static readonly CommandText ThreadLine = new("Thread: {0}", "讨论串：{0}");
    private static readonly CommandText PollLine = new("Poll: {0}", "投票：{0}");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("preview"),
        new("preview", "预览", "預覽"),
        new("Show what the next run will post (only to you)", "查看下次将发布的内容（仅自己可见）", "查看下次將發佈的內容（僅自己可見）"),
        [],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var guild = WeeklyReplies.Guild(context);
        if (await settings.GetAsync(guild, cancellationToken).ConfigureAwait(false) is null) return WeeklyReplies.NotSetUpError(context);
        var next = await schedule.NextRunAsync(guild, cancellationToken).ConfigureAwait(false) ?? time.GetUtcNow();
        if (await runner.PreviewAsync(guild, next, cancellationToken).ConfigureAwait(false) is not { } post)
            return new InfoReply(language, Nothing.In(language), [], []);
        return PostReply(post, context);
    });

    /// <summary>The post as a card: its header above, the thread and poll it brings below.</summary>
    public static Reply PostReply(WeeklyPost post, CommandContext context)
    {
        var language = context.Language;
        var card = CatalogReplies.Card(post.Entry, post.Section, language);
        var extra = new List<string>();
        if (post.Thread) extra.Add(ModReplies.Format(language, ThreadLine, post.ThreadName));
        extra.AddRange(post.Thread ? post.Prompts.Select(p => "• " + p) : []);
        if (post.Poll is { } poll) extra.Add(ModReplies.Format(language, PollLine, poll.Question + " " + string.Join(" / ", poll.Answers.Select(a => a.Text))));
        return new EntryCardReply(language, card with { Description = string.Join("\n", [card.Description, .. extra]).Trim() }, post.Header);
    }
}
