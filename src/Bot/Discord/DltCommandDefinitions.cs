using DltBot.Bot.Commands;
using DltBot.Discord.Models;

namespace DltBot.Bot.Discord;

/// <summary>The one slash command, <c>/dlt</c>, with its subcommands, as registered with Discord.</summary>
public static class DltCommandDefinitions
{
    public const string CommandName = "dlt";
    public const string QueryOption = "query", NameOption = "name", IdOption = "id";
    public const int QueryMaxLength = 200;

    public static IReadOnlyList<ApplicationCommand> All { get; } = [Build()];

    private static ApplicationCommand Build() => new()
    {
        Type = ApplicationCommandType.ChatInput,
        Name = CommandName,
        Description = En(DiscordTexts.CommandDescription),
        DescriptionLocalizations = DiscordTexts.Localizations(DiscordTexts.CommandDescription),
        Contexts = [InteractionContextType.Guild, InteractionContextType.BotDm],
        IntegrationTypes = [ApplicationIntegrationType.GuildInstall],
        Options =
        [
            Sub(DltGrammar.Search, "搜索", "搜尋", DiscordTexts.SearchDescription,
            [
                Text(QueryOption, "关键词", "關鍵詞", DiscordTexts.QueryDescription, required: true, maxLength: QueryMaxLength),
                Text(DltGrammar.TopicOption, "主题", "主題", DiscordTexts.TopicFilterDescription, autocomplete: true),
                Text(DltGrammar.YearOption, "年份", "年份", DiscordTexts.YearDescription, maxLength: 9),
                Kind(),
            ]),
            Sub(DltGrammar.Topic, "主题", "主題", DiscordTexts.TopicDescription,
                [Text(NameOption, "名称", "名稱", DiscordTexts.TopicNameDescription, required: true, autocomplete: true)]),
            Sub(DltGrammar.Topics, "主题列表", "主題列表", DiscordTexts.TopicsDescription, []),
            Sub(DltGrammar.Show, "查看", "查看", DiscordTexts.ShowDescription,
                [Text(IdOption, "条目", "條目", DiscordTexts.ShowIdDescription, required: true, autocomplete: true)]),
            Sub(DltGrammar.Random, "随机", "隨機", DiscordTexts.RandomDescription,
                [Text(DltGrammar.TopicOption, "主题", "主題", DiscordTexts.RandomTopicDescription, autocomplete: true)]),
            Sub(DltGrammar.Help, "帮助", "說明", DiscordTexts.HelpDescription, []),
            Sub(DltGrammar.About, "关于", "關於", DiscordTexts.AboutDescription, []),
        ],
    };

    private static ApplicationCommandOption Sub(string name, string zhCn, string zhTw, string descriptionKey, IReadOnlyList<ApplicationCommandOption> options) => new()
    {
        Type = ApplicationCommandOptionType.SubCommand,
        Name = name,
        NameLocalizations = Names(zhCn, zhTw),
        Description = En(descriptionKey),
        DescriptionLocalizations = DiscordTexts.Localizations(descriptionKey),
        Options = options.Count == 0 ? null : options,
    };

    private static ApplicationCommandOption Text(
        string name, string zhCn, string zhTw, string descriptionKey, bool required = false, bool autocomplete = false, int? maxLength = null) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = name,
        NameLocalizations = Names(zhCn, zhTw),
        Description = En(descriptionKey),
        DescriptionLocalizations = DiscordTexts.Localizations(descriptionKey),
        Required = required ? true : null,
        Autocomplete = autocomplete ? true : null,
        MaxLength = maxLength,
    };

    private static ApplicationCommandOption Kind() => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = DltGrammar.KindOption,
        NameLocalizations = Names("类型", "類型"),
        Description = En(DiscordTexts.KindDescription),
        DescriptionLocalizations = DiscordTexts.Localizations(DiscordTexts.KindDescription),
        Choices =
        [
            Choice("paper", "Paper", "论文", "論文"),
            Choice("course", "Course", "课程", "課程"),
            Choice("book", "Book", "书籍", "書籍"),
            Choice("article", "Article", "文章", "文章"),
            Choice("video", "Video", "视频", "影片"),
            Choice("code", "Code", "代码", "程式碼"),
            Choice("other", "Other", "其他", "其他"),
        ],
    };

    private static ApplicationCommandOptionChoice Choice(string value, string name, string zhCn, string zhTw) => new()
    {
        Name = name,
        NameLocalizations = Names(zhCn, zhTw),
        Value = ChoiceValue.FromString(value),
    };

    private static Dictionary<string, string> Names(string zhCn, string zhTw) => new() { ["zh-CN"] = zhCn, ["zh-TW"] = zhTw };

    private static string En(string key) => DiscordTexts.Get(Localization.Language.English, key);
}
