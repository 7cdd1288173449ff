using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Catalog.Curation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod remove id:… [reason:]</c>: hides the entry from every command; it stays in the change log.</summary>
public sealed class RemoveEntryCommand(Curator curator) : ICommand
{
    private static readonly CommandText Done = new(
        "Removed {0} ({1}). It stays in the change log; /dlt-mod restore brings it back.",
        "已移除 {0}（{1}）。修改日志中仍有记录；可用 /dlt-mod restore 恢复。");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("remove"),
        new("remove", "移除", "移除"),
        new("Hide an entry from this server's list", "在本服务器的书单中隐藏条目", "在本伺服器的書單中隱藏條目"),
        [ModCommandSet.EntryOption(new("The entry to remove", "要移除的条目", "要移除的條目")), ModCommandSet.ReasonOption],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var id = context.Arguments.GetString("id")!;
        if (context.Catalog.Index.Find(id) is not { } found)
            return CatalogReplies.UnknownId(context, id);
        var reason = EntryInput.Reason(context.Arguments.GetString("reason"), language, out var error);
        if (error is not null) return error;

        var outcome = await curator.Store.RemoveAsync(context.Place.Key, found.Entry.Id, EntryFields.Of(found.Entry, found.Section),
            ModReplies.ActorOf(context), reason, cancellationToken).ConfigureAwait(false);
        if (outcome is ChangeOutcome.Applied) await curator.RefreshAsync(context.Place.Key, cancellationToken).ConfigureAwait(false);
        return new InfoReply(language, ModReplies.Format(language, Done, found.Entry.Id, CatalogIndex.Shorten(found.Entry.Title, 80)), [], []);
    });
}
