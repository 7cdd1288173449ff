using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt show &lt;id&gt;</c>: one entry's card, found by id, bare arXiv number, URL or exact title.</summary>
public sealed class ShowCommand : ICommand
{
    public const string IdOption = "id";

    /// <summary>Room for the longest ids, URLs and titles the list has; anything longer cannot name an entry.</summary>
    public const int IdMaxLength = 300;

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("show"),
        new("show", "查看", "查看"),
        new("One entry with its links and sub-items", "查看一个条目及其链接和子条目", "查看一個條目及其連結和子條目"),
        [
            new(IdOption, OptionKind.String, new(IdOption, "条目", "條目"), new("Start typing a title", "输入标题查找", "輸入標題查找"),
                Required: true, Positional: true, MaxLength: IdMaxLength, Autocomplete: EntryAutocomplete.Instance,
                What: new("an entry id", "一个条目编号"), Example: "arxiv:2210.01117"),
        ]);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var id = context.Arguments.GetString(IdOption)!;
        var index = context.Catalog.Index;
        if (index.Find(id) is { } hit)
            return new(new EntryCardReply(language, CatalogReplies.Card(hit.Entry, hit.Section, language)));

        return new(CatalogReplies.UnknownId(context, id));
    }
}
