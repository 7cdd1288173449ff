using DltBot.Bot.Commands.Framework;
using DltBot.Bot.LinkHealth;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Dlt;

/// <summary>
/// <c>/dlt show &lt;id&gt;</c>: one entry's card, found by id, bare arXiv number, URL or exact title; a dead link is
/// noted above it ("link unreachable since 2026-12-01").
/// </summary>
/// <param name="deadLinks">What the link check knows; without it (hosts without link health) nothing is noted.</param>
public sealed class ShowCommand(IDeadLinks? deadLinks = null) : ICommand
{
    private static readonly CommandText Unreachable = new("⚠ link unreachable since {0:yyyy-MM-dd}", "⚠ 链接自 {0:yyyy-MM-dd} 起无法访问", "⚠ 連結自 {0:yyyy-MM-dd} 起無法存取");

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

    public async ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var id = context.Arguments.GetString(IdOption)!;
        var index = context.Catalog.Index;
        if (index.Find(id) is not { } hit) return CatalogReplies.UnknownId(context, id);

        var card = CatalogReplies.Card(hit.Entry, hit.Section, language);
        var deadSince = hit.Entry.Url is { } url && deadLinks is not null ? await deadLinks.DeadSinceAsync(url, cancellationToken).ConfigureAwait(false) : null;
        return new EntryCardReply(language, card, deadSince is { } since
            ? string.Format(System.Globalization.CultureInfo.InvariantCulture, Unreachable.In(language), since.UtcDateTime)
            : null);
    }
}
