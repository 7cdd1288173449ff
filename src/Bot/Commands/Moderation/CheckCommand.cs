using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// <c>/dlt-mod check [page:]</c>: what needs a moderator's look in this server's list, from every
/// <see cref="ICheckFindingSource"/> (dead and moved links, duplicates, entries without a link, and whatever else is
/// registered), a page at a time, with a button per fix.
/// </summary>
public sealed class CheckCommand(IEnumerable<ICheckFindingSource> sources) : ICommand
{
    public const int PageSize = 5;

    private static readonly CommandText Title = new("Check: {0}", "检查：{0}");
    private static readonly CommandText Clean = new("Nothing to fix: every link checked so far works, and there are no duplicates.", "没有需要处理的问题：已检查的链接都可以访问，也没有重复条目。");
    private static readonly CommandText Page = new("Page {0} of {1}", "第 {0}/{1} 页");
    private static readonly CommandText Findings = new("{0} finding(s)", "{0} 个问题");
    private static readonly CommandText UpdateLabel = new("Update {0}", "更新 {0}");
    private static readonly CommandText RemoveLabel = new("Remove {0}", "移除 {0}");
    private static readonly CommandText Hint = new(
        "Buttons fix through /dlt-mod edit and remove (kept in /dlt-mod history). Elsewhere: /dlt-mod edit <id> --url <new>, /dlt-mod remove <id>.",
        "按钮通过 /dlt-mod edit 和 remove 修改（记入 /dlt-mod history）。其他界面：/dlt-mod edit <id> --url <新链接>、/dlt-mod remove <id>。");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("check"),
        new("check", "检查", "檢查"),
        new("Dead links, moved links, duplicates and entries without a link", "失效链接、已迁移链接、重复条目和无链接条目", "失效連結、已遷移連結、重複條目和無連結條目"),
        [
            new("page", OptionKind.Integer, new("page", "页码", "頁碼"), new("Page number", "页码", "頁碼"), MinValue: 1, MaxValue: 1000, TextOnly: true),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    /// <summary>Every finding for the scope, sections in order, each source's order kept within a section.</summary>
    public async Task<IReadOnlyList<CheckFinding>> FindAllAsync(CheckScope scope, CancellationToken ct)
    {
        var all = new List<CheckFinding>();
        foreach (var source in sources) all.AddRange(await source.FindAsync(scope, ct).ConfigureAwait(false));
        return [.. all.Select((f, i) => (f, i)).OrderBy(x => x.f.Section.Order).ThenBy(x => x.i).Select(x => x.f)];
    }

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var findings = await FindAllAsync(new CheckScope(context.Place, context.Catalog, language), cancellationToken).ConfigureAwait(false);
        var page = new PageInfo(Math.Clamp(context.Arguments.GetInt("page") ?? 1, 1, Math.Max(1, (findings.Count + PageSize - 1) / PageSize)), PageSize, findings.Count);
        var counts = string.Join(" · ", findings.GroupBy(f => f.Section.Key).Select(g => $"{g.First().Section.Title.In(language)}: {g.Count()}"));
        var lines = new List<string>();
        if (findings.Count == 0) lines.Add(Clean.In(language));
        else lines.Add(counts);
        var shown = findings.Skip(page.Offset).Take(PageSize).ToList();
        var actions = new List<ReplyAction>();
        for (var i = 0; i < shown.Count; i++)
        {
            var number = page.Offset + i + 1;
            var finding = shown[i];
            lines.Add($"{number}. [{finding.Section.Title.In(language)}] {finding.EntryId} — {finding.Text}");
            if (context.Surface != Surface.Discord) continue;
            foreach (var fix in finding.Fixes)
            {
                var (customId, label, style) = fix switch
                {
                    CheckFix.ReplaceUrl => (CheckComponents.Fix(CheckComponents.UpdateKind, page.Page, finding.Section.Key, finding.EntryId), UpdateLabel, ActionStyle.Primary),
                    _ => (CheckComponents.Fix(CheckComponents.RemoveKind, page.Page, finding.Section.Key, finding.EntryId), RemoveLabel, ActionStyle.Danger),
                };
                if (customId is not null) actions.Add(new ReplyAction(customId, ModReplies.Format(language, label, number), style));
            }
        }
        if (findings.Count > 0) lines.Add(Hint.In(language));
        if (page.PageCount > 1)
        {
            lines.Add(ModReplies.Format(language, Page, page.Page, page.PageCount));
            if (context.Surface == Surface.Discord)
            {
                actions.Add(new ReplyAction(CheckComponents.PageButton(Math.Max(1, page.Page - 1)), "◀", Disabled: !page.HasPrevious));
                actions.Add(new ReplyAction(CheckComponents.PageButton(Math.Min(page.PageCount, page.Page + 1)), "▶", Disabled: !page.HasNext));
            }
        }
        var title = ModReplies.Format(language, Title, ModReplies.Format(language, Findings, findings.Count.ToString(CultureInfo.InvariantCulture)));
        return new InfoReply(language, title, [], lines) { Actions = actions };
    });
}
