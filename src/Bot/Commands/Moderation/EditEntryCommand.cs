using System.Globalization;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod edit id:… [title:] [url:] [topic:] [year:] [note:] [reason:]</c>: the options given replace those fields.</summary>
public sealed class EditEntryCommand(Curator curator, TimeProvider time) : ICommand, IOpensForm
{
    private static readonly string[] FieldOptions = ["title", "url", "topic", "year", "note"];

    private static readonly CommandText Edited = new("Edited {0}", "已修改 {0}");
    private static readonly CommandText NoFields = new(
        "name at least one field to change: title, url, topic, year or note", "请至少指定一个要修改的字段：title、url、topic、year 或 note");
    private static readonly CommandText Meanwhile = new(
        "{0} was changed meanwhile by someone else; it now reads: {1} · {2} · {3}. Nothing was overwritten; run the edit again if it still applies.",
        "{0} 在此期间已被他人修改，现在为：{1} · {2} · {3}。没有覆盖任何内容；如仍需修改，请重新执行。");
    private static readonly CommandText Same = new("{0} already has these values; nothing changed.", "{0} 已经是这些值；没有改动。");
    private static readonly CommandText FormTitle = new("Edit {0}", "修改 {0}");
    private static readonly CommandText Removed = new("{0} is removed; restore it first (/dlt-mod restore).", "{0} 已被移除；请先恢复（/dlt-mod restore）。");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("edit"),
        new("edit", "修改", "修改"),
        new("Change an entry's fields", "修改条目的字段", "修改條目的欄位"),
        [
            ModCommandSet.EntryOption(new("The entry to change", "要修改的条目", "要修改的條目")),
            new("title", OptionKind.String, new("title", "标题", "標題"), new("New title", "新标题", "新標題"), MaxLength: EntryInput.TitleMaxLength),
            new("url", OptionKind.String, new("url", "链接", "連結"), new("New link", "新链接", "新連結"), MaxLength: EntryInput.UrlMaxLength),
            DltCommandSet.TopicOption("topic", new("Move it to this topic", "移到这个主题", "移到這個主題")),
            new("year", OptionKind.Integer, new("year", "年份", "年份"), new("New year", "新年份", "新年份"), MinValue: 1900, MaxValue: 2100),
            new("note", OptionKind.String, new("note", "简介", "簡介"), new("New note", "新简介", "新簡介"), MaxLength: EntryInput.NoteMaxLength),
            ModCommandSet.ReasonOption,
            new("version", OptionKind.Integer, new("version", "版本", "版本"),
                new("Change it only if it is still at this version", "仅当条目仍是这个版本时才修改", "僅當條目仍是這個版本時才修改"),
                MinValue: 0, MaxValue: int.MaxValue, TextOnly: true),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    /// <summary>On Discord, an edit that names no field opens the form with the current values.</summary>
    public bool OpensForm(CommandArguments arguments) => !FieldOptions.Any(arguments.Has);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var args = context.Arguments;
        var language = context.Language;
        var catalog = context.Catalog;
        var id = args.GetString("id")!;
        if (catalog.Index.Find(id) is not { } found)
        {
            return catalog.Changes.FirstOrDefault(c => c.Removed && string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) is { } removed
                ? ModReplies.Error(language, Removed, removed.Id)
                : CatalogReplies.UnknownId(context, id);
        }

        var stored = await curator.Store.GetEntryAsync(context.Place.Key, found.Entry.Id, cancellationToken).ConfigureAwait(false);
        var version = args.GetInt("version") ?? stored?.Version ?? 0;
        if (!FieldOptions.Any(args.Has))
        {
            return context.Surface == Surface.Discord && ModComponents.EditForm(version, found.Entry.Id) is { } formId
                ? new FormReply(language, new Form(formId, ModReplies.Format(language, FormTitle, CatalogIndex.Shorten(found.Entry.Id, 30)),
                    [.. FormValues(found.Entry, found.Section, language).Select(f => Field(f.Key, f.Value))]))
                : ModReplies.Error(language, NoFields);
        }

        // The fields of the stored version the edit is checked against, not of this instance's view: another instance's
        // change reaches the view a moment after it reaches the store, and a stale field written back with a fresh
        // version would silently undo that change.
        var seen = stored is { Removed: false } ? stored.Fields : EntryFields.Of(found.Entry, found.Section);
        var fields = seen;
        if (args.GetString("title") is { } title)
        {
            fields = fields with { Title = EntryInput.Title(title, language, out var error)! };
            if (error is not null) return error;
        }
        if (args.GetString("url") is { } url)
        {
            fields = fields with { Url = EntryInput.Url(url, language, out var error) };
            if (error is not null) return error;
        }
        if (args.GetString("topic") is { } topic)
        {
            var section = EntryInput.Topic(catalog.List, topic, language, out var error);
            if (error is not null) return error;
            fields = fields with { Topic = section!.Topic.Key };
        }
        if (args.GetInt("year") is { } year)
        {
            fields = fields with { Year = EntryInput.Year(year, time.GetUtcNow(), language, out var error) };
            if (error is not null) return error;
        }
        if (args.GetString("note") is { } note)
        {
            fields = fields with { Note = EntryInput.Note(note, language, out var error)! };
            if (error is not null) return error;
        }
        var reason = EntryInput.Reason(args.GetString("reason"), language, out var reasonError);
        if (reasonError is not null) return reasonError;
        if (fields == seen) return ModReplies.Error(language, Same, found.Entry.Id);

        var outcome = await curator.Store.EditAsync(context.Place.Key, new EntryEdit(found.Entry.Id, version, seen, fields),
            ModReplies.ActorOf(context), reason, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case ChangeOutcome.ChangedMeanwhile meanwhile:
                var now = meanwhile.Current.Fields;
                return ModReplies.Error(language, Meanwhile, found.Entry.Id, now.Title, now.Url ?? "—", now.Year?.ToString(CultureInfo.InvariantCulture) ?? "—");
            case ChangeOutcome.Unchanged:
                return ModReplies.Error(language, Same, found.Entry.Id);
            case ChangeOutcome.NotFound:
                return ModReplies.Error(language, Removed, found.Entry.Id);
        }

        var view = await curator.RefreshAsync(context.Place.Key, cancellationToken).ConfigureAwait(false);
        var edited = view.Index.Find(found.Entry.Id)!.Value;
        return new EntryCardReply(language, CatalogReplies.Card(edited.Entry, edited.Section, language), ModReplies.Format(language, Edited, found.Entry.Id));
    });

    /// <summary>
    /// The options a submitted edit form stands for: the fields whose text differs from what the form showed, the id, and
    /// the version the form was opened at (so an edit made meanwhile is reported, not overwritten). Null when nothing changed.
    /// </summary>
    public static RawArguments? FromForm(IReadOnlyDictionary<string, string> form, string id, long version, CatalogView catalog)
    {
        var shown = catalog.Index.Find(id) is { } found
            ? FormValues(found.Entry, found.Section, Language.English).Concat(FormValues(found.Entry, found.Section, Language.Chinese))
                .ToLookup(f => f.Key, f => f.Value)
            : Enumerable.Empty<KeyValuePair<string, string>>().ToLookup(f => f.Key, f => f.Value);
        var changed = form
            .Select(f => (Name: f.Key, Value: f.Value.Trim()))
            .Where(f => FieldOptions.Contains(f.Name) && f.Value.Length > 0 && !shown[f.Name].Contains(f.Value))
            .ToList();
        if (changed.Count == 0) return null;
        return RawArguments.Of([("id", id), ("version", version.ToString(CultureInfo.InvariantCulture)), .. changed.Select(f => (f.Name, (string?)f.Value))]);
    }

    public static ErrorReply NothingChanged(Language language, string id) => ModReplies.Error(language, Same, id);

    /// <summary>The form's fields with an entry's current values, as the form shows them.</summary>
    private static IEnumerable<KeyValuePair<string, string>> FormValues(Entry entry, Section section, Language language) =>
    [
        new("title", entry.Title),
        new("url", entry.Url ?? ""),
        new("topic", CatalogIndex.TopicName(section, language)),
        new("year", entry.Year?.ToString(CultureInfo.InvariantCulture) ?? ""),
        new("note", entry.Description),
    ];

    private static FormField Field(string name, string value) => name switch
    {
        "title" => new FormField(name, "Title · 标题", value, Required: true, MaxLength: EntryInput.TitleMaxLength),
        "url" => new FormField(name, "Link · 链接", value, MaxLength: EntryInput.UrlMaxLength),
        "topic" => new FormField(name, "Topic · 主题", value, MaxLength: 100),
        "year" => new FormField(name, "Year · 年份", value, MaxLength: 4),
        // A note from the list may be longer than a moderator may write; the form shows it all, and only a changed note is checked.
        _ => new FormField(name, "Note · 简介", value, MaxLength: Math.Clamp(value.Length, EntryInput.NoteMaxLength, FormField.MaxTextLength), Multiline: true),
    };
}
