using System.Globalization;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Localization;
using DltBot.Catalog.LinkHealth;

namespace DltBot.Bot.LinkHealth;

/// <summary>Link health's part of <c>/dlt-mod check</c>: dead and moved links from the stored checks, duplicates, entries without a link.</summary>
public sealed class LinkFindingSource(LinkHealthState state) : ICheckFindingSource
{
    public static readonly CheckSection Dead = new("dead", new("Dead link", "失效链接", "失效連結"), 10);
    public static readonly CheckSection Moved = new("moved", new("Moved", "已迁移", "已遷移"), 20);
    public static readonly CheckSection Duplicate = new("duplicate", new("Duplicate", "重复", "重複"), 30);
    public static readonly CheckSection NoLink = new("nolink", new("No link", "无链接", "無連結"), 40);

    private static readonly CommandText DeadText = new("{0} unreachable since {1:yyyy-MM-dd} ({2})", "{0} 自 {1:yyyy-MM-dd} 起无法访问（{2}）");
    private static readonly CommandText DeadMovedText = new("; it last redirected permanently to {0}", "；最近一次永久重定向到 {0}");
    private static readonly CommandText MovedText = new("{0} moved permanently to {1}", "{0} 已永久迁移到 {1}");
    private static readonly CommandText DuplicateText = new("{0}: the same as {1} ({2})", "{0}：与 {1} 相同（{2}）");
    private static readonly CommandText NoLinkText = new("{0} has no link", "{0} 没有链接");

    public async Task<IReadOnlyList<CheckFinding>> FindAsync(CheckScope scope, CancellationToken ct)
    {
        // Fresh from the store: a moderator looking at the list should see the last run, whichever instance made it.
        var records = await state.ReloadAsync(ct).ConfigureAwait(false);
        var language = scope.Language;
        return ListHealth.Review(scope.Catalog.List, url => records.GetValueOrDefault(url)).Select(finding => finding switch
        {
            HealthFinding.DeadLink dead => new CheckFinding(Dead, dead.Entry.Id,
                Format(language, DeadText, dead.Entry.Url, dead.Record.FailingSince, dead.Record.Detail ?? "?")
                + (dead.Record.SuggestedUrl is { } to ? Format(language, DeadMovedText, to) : ""),
                [
                    .. dead.Record.SuggestedUrl is { } suggested
                        ? new CheckFix[] { new CheckFix.ReplaceUrl(dead.Entry.Url!, suggested, $"link check: {dead.Entry.Url} moved permanently to {suggested}") }
                        : [],
                    new CheckFix.Remove($"link check: {dead.Entry.Url} unreachable since {dead.Record.FailingSince:yyyy-MM-dd} ({dead.Record.Detail})"),
                ]),
            HealthFinding.MovedLink moved => new CheckFinding(Moved, moved.Entry.Id,
                Format(language, MovedText, moved.Entry.Url, moved.Record.SuggestedUrl),
                [new CheckFix.ReplaceUrl(moved.Entry.Url!, moved.Record.SuggestedUrl!, $"link check: {moved.Entry.Url} moved permanently to {moved.Record.SuggestedUrl}")]),
            HealthFinding.Duplicate duplicate => new CheckFinding(Duplicate, duplicate.Entry.Id,
                Format(language, DuplicateText, CatalogIndex.Shorten(duplicate.Entry.Title, 80), duplicate.First.Id, duplicate.Key),
                [new CheckFix.Remove($"link check: duplicate of {duplicate.First.Id} ({duplicate.Key})")]),
            _ => new CheckFinding(NoLink, finding.Entry.Id, Format(language, NoLinkText, CatalogIndex.Shorten(finding.Entry.Title, 80)), []),
        }).ToList();
    }

    private static string Format(Language language, CommandText text, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, text.In(language), args);
}
