using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt-mod potw queue id:</c>: puts an entry in line; the queue is posted before anything else, oldest first.</summary>
public sealed class QueueCommand(IWeeklyQueueStore queue) : ICommand
{
    private static readonly CommandText Queued = new("Queued {0}: {1} (position {2})", "已加入队列 {0}：{1}（第 {2} 位）");
    private static readonly CommandText Already = new("{0} is already queued (position {1})", "{0} 已在队列中（第 {1} 位）");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("queue"),
        new("queue", "排队", "排隊"),
        new("Put an entry first in line for the weekly post", "把条目排进每周论文的队列", "把條目排進每週論文的佇列"),
        [WeeklyCommandSet.EntryOption(new("The entry to post", "要发布的条目", "要發佈的條目"))],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var id = context.Arguments.GetString("id")!;
        if (context.Catalog.Index.Find(id) is not { } found) return CatalogReplies.UnknownId(context, id);
        var guild = WeeklyReplies.Guild(context);
        var added = await queue.EnqueueAsync(guild, found.Entry.Id, ModReplies.ActorOf(context), cancellationToken).ConfigureAwait(false);
        var line = await queue.ListAsync(guild, cancellationToken).ConfigureAwait(false);
        var position = line.ToList().FindIndex(q => string.Equals(q.EntryId, found.Entry.Id, StringComparison.OrdinalIgnoreCase)) + 1;
        return added
            ? new InfoReply(language, ModReplies.Format(language, Queued, found.Entry.Id, found.Entry.Title, position), [], [])
            : ModReplies.Error(language, Already, found.Entry.Id, position);
    });
}

/// <summary><c>/dlt-mod potw unqueue id:</c>: takes an entry out of the queue.</summary>
public sealed class UnqueueCommand(IWeeklyQueueStore queue) : ICommand
{
    private static readonly CommandText Removed = new("{0} is out of the queue", "{0} 已移出队列");
    private static readonly CommandText NotQueued = new("{0} is not in the queue; status shows it", "{0} 不在队列中；status 会列出队列");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("unqueue"),
        new("unqueue", "移出队列", "移出佇列"),
        new("Take an entry out of the weekly queue", "把条目移出每周论文的队列", "把條目移出每週論文的佇列"),
        [WeeklyCommandSet.EntryOption(new("The queued entry", "队列中的条目", "佇列中的條目"))],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var id = context.Arguments.GetString("id")!;
        // A queued entry may have been removed from the list since; the queue is matched by id as typed too.
        var entryId = context.Catalog.Index.Find(id)?.Entry.Id ?? id;
        return await queue.UnqueueAsync(WeeklyReplies.Guild(context), entryId, cancellationToken).ConfigureAwait(false)
            ? new InfoReply(language, ModReplies.Format(language, Removed, entryId), [], [])
            : ModReplies.Error(language, NotQueued, entryId);
    });
}
