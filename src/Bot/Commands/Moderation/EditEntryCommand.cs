using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Catalog.Curation;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod edit id:… [title:] [url:] [topic:] [year:] [note:] [reason:]</c>: the options given replace those fields.</summary>
public sealed class EditEntryCommand(Curator curator, TimeProvider time) : ICommand
{
    private static readonly string[] FieldOptions = ["title", "url", "topic", "year", "note"];

    private static readonly CommandText Edited = new("Edited {0}", "已修改 {0}");
    private static readonly CommandText NoFields = new(
        "name at least one field to change: title, url, topic, year or note", "请至少指定一个要修改的字段：title、url、topic、year 或 note");
    private static readonly CommandText Meanwhile = new(
        "{0} was changed meanwhile by someone else; it now reads: {1} · {2} · {3}. Nothing was overwritten; run the edit again if it still applies.",
        "{0} 在此期间已被他人修改，现在为：{1} · {2} · {3}。没有覆盖任何内容；如仍需修改，请重新执行。");
    private static readonly CommandText Same = new("{0} already has these values; nothing changed.", "{0} 已经是这些值；没有改动。");
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
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var args = context.Arguments;
        var language = context.Language;
        var catalog = context.Catalog;
        if (!FieldOptions.Any(args.Has)) return ModReplies.Error(language, NoFields);
        var id = args.GetString("id")!;
        if (catalog.Index.Find(id) is not { } found)
        {
            return catalog.Changes.FirstOrDefault(c => c.Removed && string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)) is { } removed
                ? ModReplies.Error(language, Removed, removed.Id)
                : CatalogReplies.UnknownId(context, id);
        }

        var seen = EntryFields.Of(found.Entry, found.Section);
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

        var stored = await curator.Store.GetEntryAsync(context.Place.Key, found.Entry.Id, cancellationToken).ConfigureAwait(false);
        var outcome = await curator.Store.EditAsync(context.Place.Key, new EntryEdit(found.Entry.Id, stored?.Version ?? 0, seen, fields),
            ModReplies.ActorOf(context), reason, cancellationToken).ConfigureAwait(false);
        switch (outcome)
        {
            case ChangeOutcome.ChangedMeanwhile meanwhile:
                var now = meanwhile.Current.Fields;
                return ModReplies.Error(language, Meanwhile, found.Entry.Id, now.Title, now.Url ?? "—", now.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—");
            case ChangeOutcome.Unchanged:
                return ModReplies.Error(language, Same, found.Entry.Id);
            case ChangeOutcome.NotFound:
                return ModReplies.Error(language, Removed, found.Entry.Id);
        }

        var view = await curator.RefreshAsync(context.Place.Key, cancellationToken).ConfigureAwait(false);
        var edited = view.Index.Find(found.Entry.Id)!.Value;
        return new EntryCardReply(language, CatalogReplies.Card(edited.Entry, edited.Section, language), ModReplies.Format(language, Edited, found.Entry.Id));
    });
}
