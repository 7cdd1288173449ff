using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod history [id:] [user:]</c>: this server's change log, newest first, a page at a time.</summary>
public sealed class HistoryCommand(Curator curator) : ICommand
{
    public const int PageSize = 10;

    private static readonly CommandText Title = new("Change log ({0})", "修改日志（共 {0} 条）");
    private static readonly CommandText Empty = new("No changes yet.", "还没有修改记录。");
    private static readonly CommandText Line = new("{0:yyyy-MM-dd HH:mm} UTC · {1} · {2} · by {3}{4}", "{0:yyyy-MM-dd HH:mm} UTC · {1} · {2} · {3}{4}");
    private static readonly CommandText Page = new("Page {0} of {1}", "第 {0}/{1} 页");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("history"),
        new("history", "历史", "歷史"),
        new("This server's change log, newest first", "本服务器的修改日志（最新在前）", "本伺服器的修改日誌（最新在前）"),
        [
            new("id", OptionKind.String, new("id", "条目", "條目"), new("Only this entry", "只看这个条目", "只看這個條目"),
                Positional: true, MaxLength: 300, Autocomplete: Dlt.EntryAutocomplete.Instance),
            new("user", OptionKind.User, new("user", "用户", "使用者"), new("Only this moderator's changes", "只看这位管理员的修改", "只看這位管理員的修改")),
            new("page", OptionKind.Integer, new("page", "页码", "頁碼"), new("Page number", "页码", "頁碼"), MinValue: 1, MaxValue: 1000, TextOnly: true),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var args = context.Arguments;
        var user = args.GetId("user");
        var filter = new HistoryFilter(args.GetString("id"), user?.ToString(CultureInfo.InvariantCulture));
        var page = (args.GetInt("page") ?? 1) - 1;
        var history = await curator.Store.HistoryAsync(context.Place.Key, filter, page, PageSize, cancellationToken).ConfigureAwait(false);
        var lines = history.Changes.Select(c => ModReplies.Format(language, Line, c.AtUtc.UtcDateTime, Action(c.Action, language), c.EntryId,
            c.Actor.DisplayName, c.Reason is { Length: > 0 } reason ? $" · “{reason}”" : "")).ToList();
        if (lines.Count == 0) lines.Add(Empty.In(language));
        if (history.PageCount > 1) lines.Add(ModReplies.Format(language, Page, history.Page + 1, history.PageCount));
        return new InfoReply(language, ModReplies.Format(language, Title, history.Total), [], lines)
        {
            Actions = context.Surface == Surface.Discord && history.PageCount > 1 ? PageButtons(history, user, filter.EntryId, language) : [],
        };
    });

    /// <summary>◀ ▶ for the pages around this one (disabled at the ends), or none when the filter is too long to carry.</summary>
    private static IReadOnlyList<ReplyAction> PageButtons(HistoryPage history, ulong? user, string? entryId, Language language)
    {
        var previous = ModComponents.HistoryPage(Math.Max(1, history.Page), user, entryId);
        var next = ModComponents.HistoryPage(Math.Min(history.PageCount, history.Page + 2), user, entryId);
        if (previous is null || next is null) return [];
        return
        [
            new ReplyAction(previous, "◀", Disabled: history.Page == 0),
            new ReplyAction(next, "▶", Disabled: history.Page + 1 >= history.PageCount),
        ];
    }

    private static string Action(ChangeAction action, Language language) => (action, language) switch
    {
        (ChangeAction.Add, Language.Chinese) => "添加",
        (ChangeAction.Edit, Language.Chinese) => "修改",
        (ChangeAction.Remove, Language.Chinese) => "移除",
        (ChangeAction.Restore, Language.Chinese) => "恢复",
        _ => action.ToString().ToLowerInvariant(),
    };
}
