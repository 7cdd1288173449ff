using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog.Export;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// <c>/dlt-mod export format:markdown|json</c>: this server's list as a file. An unchanged list exports byte for byte as
/// its source; changed and added entries are written in the list's own style, so the file imports back to the same entries.
/// </summary>
public sealed class ExportCommand : ICommand
{
    private static readonly CommandText Done = new("This server's list: {0} topics, {1} entries.", "本服务器的书单：{0} 个主题，{1} 个条目。");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("export"),
        new("export", "导出", "匯出"),
        new("This server's list as a file", "以文件形式导出本服务器的书单", "以檔案形式匯出本伺服器的書單"),
        [
            new("format", OptionKind.String, new("format", "格式", "格式"), new("Markdown (the list itself) or JSON", "Markdown（书单原文）或 JSON", "Markdown（書單原文）或 JSON"),
                Positional: true, Choices: [new("markdown", new("Markdown", "Markdown")), new("json", new("JSON", "JSON"))]),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var list = context.Catalog.List;
        var json = context.Arguments.GetString("format") == "json";
        var text = json ? CatalogExporter.ToJson(list) : CatalogExporter.ToMarkdown(list);
        var message = ModReplies.Format(context.Language, Done, list.Sections.Count, list.Sections.Sum(s => s.Entries.Count));
        return new(new FileReply(context.Language, message, json ? "deep-learning-theory.json" : "deep-learning-theory.md", text,
            json ? "application/json; charset=utf-8" : "text/markdown; charset=utf-8"));
    }
}
