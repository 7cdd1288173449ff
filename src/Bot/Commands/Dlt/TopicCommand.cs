using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt topic &lt;name&gt;</c>: one topic's entries, a page at a time.</summary>
public sealed class TopicCommand : ICommand
{
    public const int PageSize = 20;
    public const string NameOption = "name";

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("topic"),
        new("topic", "主题", "主題"),
        new("The entries of one topic", "某个主题下的条目", "某個主題下的條目"),
        [
            DltCommandSet.TopicOption(NameOption, new("Topic name, English or Chinese", "主题名称，中英文均可", "主題名稱，中英文皆可"),
                positional: true, required: true) with { Names = new(NameOption, "名称", "名稱") },
            DltCommandSet.PageOption,
        ]);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var name = context.Arguments.GetString(NameOption)!;
        var requested = context.Arguments.GetInt(DltCommandSet.PageOption.Name) ?? 1;
        var section = TopicLookup.Find(context.Catalog.List, name);
        if (section is null) return new(CatalogReplies.UnknownTopic(context, name));

        var page = new PageInfo(requested, PageSize, section.Entries.Count);
        if (requested > page.PageCount)
            return new(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorPageOutOfRange, requested, Strings.ThereAre(language, page.PageCount, CountedNoun.Page)));

        var topicName = CatalogIndex.TopicName(section, language);
        var rows = section.Entries.Skip(page.Offset).Take(page.PageSize)
            .Select(e => new EntryRow(e.Id, e.Number, e.Title, e.Url, e.Year, topicName, ChildCount: e.Children.Count))
            .ToList();
        var notes = new List<string>();
        if (rows.Count == 0) notes.Add(Strings.Get(language, TextKey.EmptyTopic));
        if (page.HasNext) notes.Add(Strings.Get(language, TextKey.NextPageHint, page.Page + 1));
        var title = Strings.Get(language, TextKey.TopicTitle, topicName, CatalogIndex.OtherTopicName(section, language));
        return new(new EntryListReply(language, title, rows, page, notes, Paging: new TopicPages(name)));
    }
}
