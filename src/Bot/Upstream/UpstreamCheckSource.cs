using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Curation;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Localization;
using DltBot.Catalog.Curation;

namespace DltBot.Bot.Upstream;

/// <summary>
/// The upstream part of <c>/dlt-mod check</c>: a refresh that failed (the list in use is older than upstream's), this
/// server's conflicts (entries it changed that upstream changed too; its own version is what it shows), and what the
/// last refresh that changed the list added, removed and edited. Conflicts are read from the change log, so they are
/// listed after a restart too, not only after the refresh that caused them.
/// </summary>
public sealed class UpstreamCheckSource(CatalogRefresher refresher, Curator curator, ICatalogViews views) : ICheckFindingSource
{
    public static readonly CheckSection Failed = new("upstream-failed", new("Upstream refresh failed", "上游更新失败", "上游更新失敗"), 50);
    public static readonly CheckSection Conflict = new("conflict", new("Conflict with upstream", "与上游冲突", "與上游衝突"), 60);
    public static readonly CheckSection Added = new("upstream-added", new("Added upstream", "上游新增", "上游新增"), 70);
    public static readonly CheckSection Removed = new("upstream-removed", new("Removed upstream", "上游删除", "上游刪除"), 71);
    public static readonly CheckSection Edited = new("upstream-edited", new("Edited upstream", "上游修改", "上游修改"), 72);

    private static readonly CommandText FailedText = new("the refresh at {0} failed ({1}); the list in use is the one from before",
        "{0} 的更新失败（{1}）；仍在使用之前的书单", "{0} 的更新失敗（{1}）；仍在使用之前的書單");
    private static readonly CommandText ChangeText = new("“{0}” ({1}), in the refresh of {2}", "「{0}」（{1}），{2} 的更新", "「{0}」（{1}），{2} 的更新");
    private static readonly CommandText EditedConflict = new("“{0}” was changed here and upstream changed its {1}; this server's version is kept",
        "「{0}」本服务器改过，上游也改了{1}；保留本服务器的版本", "「{0}」本伺服器改過，上游也改了{1}；保留本伺服器的版本");
    private static readonly CommandText RemovedConflict = new("“{0}” was changed here and removed upstream; this server's version is kept",
        "「{0}」本服务器改过，上游已删除；保留本服务器的版本", "「{0}」本伺服器改過，上游已刪除；保留本伺服器的版本");
    private static readonly CommandText AddedConflict = new("“{0}” was added here and upstream added an entry with the same id; this server's version is kept",
        "「{0}」是本服务器新增的，上游也新增了同一编号的条目；保留本服务器的版本", "「{0}」是本伺服器新增的，上游也新增了同一編號的條目；保留本伺服器的版本");

    public async Task<IReadOnlyList<CheckFinding>> FindAsync(CheckScope scope, CancellationToken ct)
    {
        var language = scope.Language;
        var findings = new List<CheckFinding>();
        if (refresher.Last is { Outcome: RefreshOutcome.Failed } failed)
            findings.Add(new(Failed, failed.PublicSource, Format(language, FailedText, Stamp(failed.At), failed.Problem ?? ""), []));

        if (scope.Catalog.Changes.Any(c => !c.Removed))
        {
            var baselines = await curator.Store.BaselinesAsync(scope.Place.Key, ct).ConfigureAwait(false);
            foreach (var conflict in UpstreamConflicts.Find(views.Base.List, scope.Catalog.Changes, baselines))
            {
                var text = conflict.Kind switch
                {
                    ConflictKind.EditedUpstream => Format(language, EditedConflict, conflict.Title, FieldNames(conflict.Fields, language)),
                    ConflictKind.RemovedUpstream => Format(language, RemovedConflict, conflict.Title),
                    _ => Format(language, AddedConflict, conflict.Title),
                };
                findings.Add(new CheckFinding(Conflict, conflict.Id, text, []));
            }
        }

        if (refresher.LastUpdate is { } update)
        {
            var when = Stamp(update.At);
            findings.AddRange(update.Diff.Added.Select(a => new CheckFinding(Added, a.Id, Format(language, ChangeText, a.Title, a.Topic, when), [])));
            findings.AddRange(update.Diff.Removed.Select(r => new CheckFinding(Removed, r.Id, Format(language, ChangeText, r.Title, r.Topic, when), [])));
            findings.AddRange(update.Diff.Edited.Select(e => new CheckFinding(Edited, e.Id, Format(language, ChangeText, e.New.Title, FieldNames(e.Fields, language), when), [])));
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
