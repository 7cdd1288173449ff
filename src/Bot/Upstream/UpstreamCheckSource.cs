using System.Globalization;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Catalog.Curation;

namespace DltBot.Bot.Upstream;

/// <summary>
/// The upstream part of <c>/dlt-mod check</c>: a refresh that failed (the list in use is older than upstream's), what
/// the last refresh that changed the list added, removed and edited, and this server's conflicts: entries it changed
/// that upstream changed too (its own version is what it shows). Conflicts are read from the change log, so they are
/// listed after a restart too, not only after the refresh that caused them.
/// </summary>
public sealed class UpstreamCheckSource(CatalogRefresher refresher, Curator curator, ICatalogViews views) : ICheckFindingSource
{
    public const string Failed = "upstream-failed", Added = "upstream-added", Removed = "upstream-removed", Edited = "upstream-edited", Conflict = "conflict";

    private static readonly CommandText FailedText = new("The last refresh from {0} at {1} failed ({2}); the list in use is the one from before.",
        "{1} 从 {0} 更新书单失败（{2}）；仍在使用之前的书单。", "{1} 從 {0} 更新書單失敗（{2}）；仍在使用之前的書單。");
    private static readonly CommandText AddedText = new("Added upstream on {1}: {0} “{2}” ({3})", "{1} 上游新增：{0}「{2}」（{3}）", "{1} 上游新增：{0}「{2}」（{3}）");
    private static readonly CommandText RemovedText = new("Removed upstream on {1}: {0} “{2}”", "{1} 上游删除：{0}「{2}」", "{1} 上游刪除：{0}「{2}」");
    private static readonly CommandText EditedText = new("Edited upstream on {1}: {0} “{2}” ({3})", "{1} 上游修改：{0}「{2}」（{3}）", "{1} 上游修改：{0}「{2}」（{3}）");
    private static readonly CommandText EditedConflict = new("Conflict: {0} “{1}” was edited here and upstream changed its {2}; this server's version is kept.",
        "冲突：{0}「{1}」本服务器改过，上游也改了{2}；保留本服务器的版本。", "衝突：{0}「{1}」本伺服器改過，上游也改了{2}；保留本伺服器的版本。");
    private static readonly CommandText RemovedConflict = new("Conflict: {0} “{1}” was edited here and removed upstream; this server's version is kept.",
        "冲突：{0}「{1}」本服务器改过，上游已删除；保留本服务器的版本。", "衝突：{0}「{1}」本伺服器改過，上游已刪除；保留本伺服器的版本。");
    private static readonly CommandText AddedConflict = new("Conflict: {0} “{1}” was added here and upstream added an entry with the same id; this server's version is kept.",
        "冲突：{0}「{1}」是本服务器新增的，上游也新增了同一编号的条目；保留本服务器的版本。", "衝突：{0}「{1}」是本伺服器新增的，上游也新增了同一編號的條目；保留本伺服器的版本。");

    public CommandText Title { get; } = new("Upstream list", "上游书单", "上游書單");

    public async ValueTask<IReadOnlyList<CheckFinding>> FindAsync(Place place, CatalogView view, Language language, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        if (refresher.Last is { Outcome: RefreshOutcome.Failed } failed)
            findings.Add(new(Failed, null, Format(language, FailedText, failed.Source, Stamp(failed.At), failed.Problem ?? "")));
        if (refresher.LastUpdate is { } update)
        {
            var when = Stamp(update.At);
            findings.AddRange(update.Diff.Added.Select(a => new CheckFinding(Added, a.Id, Format(language, AddedText, a.Id, when, a.Title, a.Topic))));
            findings.AddRange(update.Diff.Removed.Select(r => new CheckFinding(Removed, r.Id, Format(language, RemovedText, r.Id, when, r.Title))));
            findings.AddRange(update.Diff.Edited.Select(e => new CheckFinding(Edited, e.Id, Format(language, EditedText, e.Id, when, e.New.Title, FieldNames(e.Fields, language)))));
        }
        if (!view.Changes.Any(c => !c.Removed)) return findings;

        var baselines = await curator.Store.BaselinesAsync(place.Key, cancellationToken).ConfigureAwait(false);
        foreach (var conflict in UpstreamConflicts.Find(views.Base.List, view.Changes, baselines))
        {
            var text = conflict.Kind switch
            {
                ConflictKind.EditedUpstream => Format(language, EditedConflict, conflict.Id, conflict.Title, FieldNames(conflict.Fields, language)),
                ConflictKind.RemovedUpstream => Format(language, RemovedConflict, conflict.Id, conflict.Title),
                _ => Format(language, AddedConflict, conflict.Id, conflict.Title),
            };
            findings.Add(new CheckFinding(Conflict, conflict.Id, text));
        }
        return findings;
    }

    /// <summary>The changed fields as a moderator names them (the option names of <c>/dlt-mod edit</c> where there is one).</summary>
    public static string FieldNames(IEnumerable<EntryField> fields, Language language) =>
        string.Join(language == Language.Chinese ? "、" : ", ", fields.Select(f => (f, language) switch
        {
            (EntryField.Title, Language.English) => "title",
            (EntryField.Url, Language.English) => "url",
            (EntryField.Links, Language.English) => "other links",
            (EntryField.Year, Language.English) => "year",
            (EntryField.Note, Language.English) => "note",
            (EntryField.Topic, Language.English) => "topic",
            (EntryField.Title, _) => "标题",
            (EntryField.Url, _) => "链接",
            (EntryField.Links, _) => "其他链接",
            (EntryField.Year, _) => "年份",
            (EntryField.Note, _) => "说明",
            _ => "主题",
        }));

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Format(Language language, CommandText text, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, text.In(language), args);
}
