using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt-mod potw skip</c>: the next run posts nothing, and says so in <c>status</c>.</summary>
public sealed class SkipCommand(IWeeklySettings settings) : ICommand
{
    private static readonly CommandText Done = new("The next run posts nothing; the week after goes on as usual.", "下次发布将被跳过；之后照常进行。");

    public CommandDescriptor Descriptor { get; } = new(
        WeeklyCommandSet.Path("skip"),
        new("skip", "跳过", "跳過"),
        new("Post nothing at the next run", "跳过下一次发布", "跳過下一次發佈"),
        [],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
        await settings.SetSkipNextAsync(WeeklyReplies.Guild(context), true, ModReplies.ActorOf(context), cancellationToken).ConfigureAwait(false)
            ? new InfoReply(context.Language, Done.In(context.Language), [], [])
            : WeeklyReplies.NotSetUpError(context));
}
