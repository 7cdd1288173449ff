using System.Globalization;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Interactions;

/// <summary>
/// The user-facing strings only Discord shows (button labels, placeholders, apologies, command descriptions),
/// in English and Chinese like the shared table in <see cref="Strings"/>; a test fails when one lacks a language.
/// </summary>
public static class DiscordTexts
{
    public const string PreviousPage = "discord.page.previous";
    public const string NextPage = "discord.page.next";
    public const string PickEntry = "discord.select.placeholder";
    public const string Apology = "discord.apology";
    public const string StaleComponent = "discord.component.stale";
    public const string UnsupportedInteraction = "discord.unsupported";
    public const string Busy = "discord.busy";
    public const string MoreChildren = "discord.card.moreChildren";
    public const string SearchFooter = "discord.search.footer";

    public const string CommandDescription = "discord.cmd.dlt";
    public const string SearchDescription = "discord.cmd.search";
    public const string QueryDescription = "discord.cmd.search.query";
    public const string TopicFilterDescription = "discord.cmd.search.topic";
    public const string YearDescription = "discord.cmd.search.year";
    public const string KindDescription = "discord.cmd.search.kind";
    public const string TopicDescription = "discord.cmd.topic";
    public const string TopicNameDescription = "discord.cmd.topic.name";
    public const string TopicsDescription = "discord.cmd.topics";
    public const string ShowDescription = "discord.cmd.show";
    public const string ShowIdDescription = "discord.cmd.show.id";
    public const string RandomDescription = "discord.cmd.random";
    public const string RandomTopicDescription = "discord.cmd.random.topic";
    public const string HelpDescription = "discord.cmd.help";
    public const string AboutDescription = "discord.cmd.about";

    public static IReadOnlyDictionary<string, LocalizedText> All { get; } = new Dictionary<string, LocalizedText>
    {
        [PreviousPage] = new("◀ Previous", "◀ 上一页"),
        [NextPage] = new("Next ▶", "下一页 ▶"),
        [PickEntry] = new("Open an entry…", "查看某个条目…"),
        [Apology] = new("Sorry, something went wrong on our side (reference {0}). Please try again.", "抱歉，机器人出错了（参考编号 {0}）。请稍后重试。"),
        [StaleComponent] = new("This button belongs to an older message; run the command again.", "这个按钮来自旧消息，请重新运行命令。"),
        [Busy] = new("DltBot is busy, please try again in a moment.", "DltBot 正忙，请稍后再试。"),
        [UnsupportedInteraction] = new("DltBot does not handle this kind of interaction.", "DltBot 不处理这类交互。"),
        [MoreChildren] = new("…and {0} more", "……另有 {0} 项"),
        [SearchFooter] = new("Page {0} of {1} ({2} results)", "第 {0}/{1} 页（共 {2} 条结果）"),

        [CommandDescription] = new("Browse and search the Deep Learning Theory reading list", "浏览和搜索深度学习理论书单"),
        [SearchDescription] = new("Search titles and descriptions", "搜索标题和简介"),
        [QueryDescription] = new("Words to look for, English or Chinese", "关键词，中英文均可"),
        [TopicFilterDescription] = new("Only this topic", "只看这个主题"),
        [YearDescription] = new("A year (2020) or a range (2019-2022)", "年份（2020）或区间（2019-2022）"),
        [KindDescription] = new("Only this kind of entry", "只看这类条目"),
        [TopicDescription] = new("The entries of one topic", "某个主题下的条目"),
        [TopicNameDescription] = new("Topic name, English or Chinese", "主题名称，中英文均可"),
        [TopicsDescription] = new("All topics with their entry counts", "全部主题及条目数"),
        [ShowDescription] = new("One entry with its links and sub-items", "查看一个条目及其链接和子条目"),
        [ShowIdDescription] = new("Start typing a title", "输入标题查找"),
        [RandomDescription] = new("A random entry, mostly papers", "随机推荐一个条目（以论文为主）"),
        [RandomTopicDescription] = new("Pick from this topic only", "只从这个主题里挑"),
        [HelpDescription] = new("What DltBot can do", "DltBot 能做什么"),
        [AboutDescription] = new("Catalog size, version and uptime", "书单规模、版本和运行时长"),
    };

    public static string Get(Language language, string key, params object?[] args)
    {
        if (!All.TryGetValue(key, out var text))
            throw new KeyNotFoundException($"No Discord text has the key '{key}'.");
        var format = text.In(language);
        return args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
    }

    /// <summary>Localizations for a command field; Traditional Chinese reuses the Simplified text where we have no separate one.</summary>
    public static IReadOnlyDictionary<string, string> Localizations(string key) => new Dictionary<string, string>
    {
        ["zh-CN"] = Get(Language.Chinese, key),
        ["zh-TW"] = Traditional.TryGetValue(key, out var tw) ? tw : Get(Language.Chinese, key),
    };

    private static readonly Dictionary<string, string> Traditional = new()
    {
        [CommandDescription] = "瀏覽和搜尋深度學習理論書單",
        [SearchDescription] = "搜尋標題和簡介",
        [QueryDescription] = "關鍵詞，中英文皆可",
        [TopicFilterDescription] = "只看這個主題",
        [YearDescription] = "年份（2020）或區間（2019-2022）",
        [KindDescription] = "只看這類條目",
        [TopicDescription] = "某個主題下的條目",
        [TopicNameDescription] = "主題名稱，中英文皆可",
        [TopicsDescription] = "全部主題及條目數",
        [ShowDescription] = "查看一個條目及其連結和子條目",
        [ShowIdDescription] = "輸入標題查找",
        [RandomDescription] = "隨機推薦一個條目（以論文為主）",
        [RandomTopicDescription] = "只從這個主題裡挑",
        [HelpDescription] = "DltBot 能做什麼",
        [AboutDescription] = "書單規模、版本和運行時長",
    };
}
