using System.Globalization;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt suggest id:</c>: a member proposes an entry for the coming weeks (one open suggestion each); suggestions feed the poll.</summary>
public sealed class SuggestCommand(IWeeklySuggestions suggestions) : ICommand
{
    private static readonly CommandText Suggested = new("Suggested {0}: {1}. It can join the next poll.", "已推荐 {0}：{1}。它可能出现在下次投票中。");
    private static readonly CommandText Replaced = new(" (instead of your earlier suggestion {0})", "（替换了你之前推荐的 {0}）");

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("suggest"),
        new("suggest", "推荐", "推薦"),
        new("Suggest an entry for a coming paper of the week", "为之后的每周论文推荐一个条目", "為之後的每週論文推薦一個條目"),
        [WeeklyCommandSet.EntryOption(new("The entry to read", "想读的条目", "想讀的條目"))],
        Visibility: ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var id = context.Arguments.GetString("id")!;
        if (context.Catalog.Index.Find(id) is not { } found) return CatalogReplies.UnknownId(context, id);
        var member = context.Caller.IsOperator ? Place.LocalKey : context.Caller.UserId.ToString(CultureInfo.InvariantCulture);
        var earlier = await suggestions.SuggestAsync(WeeklyReplies.Guild(context), member, found.Entry.Id, cancellationToken).ConfigureAwait(false);
        var text = ModReplies.Format(language, Suggested, found.Entry.Id, found.Entry.Title)
            + (earlier is not null && !string.Equals(earlier, found.Entry.Id, StringComparison.OrdinalIgnoreCase) ? ModReplies.Format(language, Replaced, earlier) : "");
        return new InfoReply(language, text, [], []);
    });
}
