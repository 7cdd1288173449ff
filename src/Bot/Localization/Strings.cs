using System.Globalization;

namespace DltBot.Bot.Localization;

/// <summary>One user-facing text in both languages; both use the same composite-format placeholders.</summary>
public sealed record LocalizedText(string English, string Chinese)
{
    public string In(Language language) => language == Language.Chinese ? Chinese : English;
}

/// <summary>
/// Every user-facing string of the bot, in English and Chinese. Keys are the constants of <see cref="TextKey"/>;
/// a test fails when a key lacks a language or the two disagree on placeholders.
/// </summary>
public static class Strings
{
    public static IReadOnlyDictionary<string, LocalizedText> All { get; } = new Dictionary<string, LocalizedText>
    {
        // Titles and labels
        [TextKey.TopicsTitle] = new("Topics ({0})", "主题（{0} 个）"),
        [TextKey.TopicTitle] = new("{0} · {1}", "{0} · {1}"),
        [TextKey.SearchTitle] = new("Search: {0}", "搜索：{0}"),
        [TextKey.SearchTitleFiltered] = new("Search: {0} ({1})", "搜索：{0}（{1}）"),
        [TextKey.KindPaper] = new("papers", "论文"),
        [TextKey.KindCourse] = new("courses", "课程"),
        [TextKey.KindBook] = new("books", "书籍"),
        [TextKey.KindArticle] = new("articles", "文章"),
        [TextKey.KindVideo] = new("videos", "视频"),
        [TextKey.KindCode] = new("code", "代码"),
        [TextKey.KindOther] = new("other kinds", "其他类型"),
        [TextKey.RandomTitle] = new("A random pick", "随机一篇"),
        [TextKey.HelpTitle] = new("DltBot commands", "DltBot 命令"),
        [TextKey.AboutTitle] = new("About DltBot", "关于 DltBot"),
        [TextKey.LabelTopic] = new("Topic", "主题"),
        [TextKey.LabelChineseName] = new("中文", "English"),
        [TextKey.LabelEntries] = new("Entries", "条目数"),
        [TextKey.LabelNumber] = new("No.", "序号"),
        [TextKey.LabelTitle] = new("Title", "标题"),
        [TextKey.LabelYear] = new("Year", "年份"),
        [TextKey.LabelScore] = new("Score", "得分"),
        [TextKey.LabelId] = new("Id", "编号"),
        [TextKey.LabelLink] = new("Link", "链接"),
        [TextKey.LabelLinks] = new("Other links", "其他链接"),
        [TextKey.LabelChildren] = new("Sub-items", "子条目"),
        [TextKey.LabelKind] = new("Kind", "类型"),
        [TextKey.LabelCatalog] = new("Catalog", "书单"),
        [TextKey.LabelSource] = new("Source", "来源"),
        [TextKey.LabelLoadedAt] = new("Loaded at", "加载时间"),
        [TextKey.LabelUptime] = new("Uptime", "运行时长"),
        [TextKey.LabelVersion] = new("Version", "版本"),
        [TextKey.LabelCounts] = new("Size", "规模"),
        [TextKey.CountsValue] = new("{0}, {1} ({2} with sub-items)", "{0}，{1}（含子条目共 {2} 个）"),
        [TextKey.UptimeValue] = new("{0}d {1}h {2}m {3}s", "{0} 天 {1} 小时 {2} 分 {3} 秒"),
        [TextKey.PageFooter] = new("Page {0} of {1} ({2} in all)", "第 {0}/{1} 页（共 {2} 条）"),
        [TextKey.NextPageHint] = new("More: add --page {0}", "下一页：加 --page {0}"),
        [TextKey.NoResults] = new("No matches for \"{0}\".", "没有找到与「{0}」相关的条目。"),
        [TextKey.TryInstead] = new("Try: {0}", "可以试试：{0}"),
        [TextKey.EmptyTopic] = new("This topic has no entries yet.", "这个主题下还没有条目。"),
        [TextKey.NoDescription] = new("(no description)", "（无简介）"),
        [TextKey.NoLink] = new("(no link)", "（无链接）"),
        [TextKey.ListSeparator] = new(", ", "、"),

        // Help lines
        [TextKey.HelpShellQuit] = new("/quit: leave the shell (end of input works too)", "/quit：退出（输入结束也会退出）"),

        // Errors (one line each: what was wrong, and what would work)
        [TextKey.ErrorUnknownCommand] = new("Unknown command \"{0}\". Did you mean: {1}? ({2} lists them all)", "没有「{0}」这个命令。你是不是想用：{1}？（{2} 可查看全部命令）"),
        [TextKey.ErrorUnknownCommandNoSuggestion] = new("Unknown command \"{0}\". Commands: {1}.", "没有「{0}」这个命令。可用命令：{1}。"),
        [TextKey.ErrorUnknownTopic] = new("Unknown topic \"{0}\". Did you mean: {1}?", "没有名为「{0}」的主题。你是不是想找：{1}？"),
        [TextKey.ErrorUnknownTopicNoSuggestion] = new("Unknown topic \"{0}\". {1} lists the topics.", "没有名为「{0}」的主题。用 {1} 查看全部主题。"),
        [TextKey.ErrorUnknownId] = new("No entry with id \"{0}\". Closest: {1}.", "没有编号为「{0}」的条目。最接近的有：{1}。"),
        [TextKey.ErrorUnknownIdNoSuggestion] = new("No entry with id \"{0}\". {1} <words> shows the ids of matching entries.", "没有编号为「{0}」的条目。用 {1} <关键词> 可以查到条目编号。"),
        [TextKey.ErrorMissingArgument] = new("{0} needs {1}, for example: {2}", "{0} 需要{1}，例如：{2}"),
        [TextKey.ErrorUnknownOption] = new("{0} does not take option \"{1}\"; it accepts: {2}", "{0} 不支持选项「{1}」；可用选项：{2}"),
        [TextKey.ErrorNoOptions] = new("{0} does not take option \"{1}\"", "{0} 不接受选项「{1}」"),
        [TextKey.ErrorOptionNeedsValue] = new("Option {0} needs a value, for example: {1}", "选项 {0} 需要一个值，例如：{1}"),
        [TextKey.ErrorBadChoice] = new("{0} \"{1}\" is not one of: {2}", "{0}「{1}」不在可选范围内；可选：{2}"),
        [TextKey.ErrorTooLong] = new("{0} is too long: {1} characters, at most {2}", "{0} 太长：{1} 个字符，最多 {2} 个"),
        [TextKey.ErrorTooShort] = new("{0} is too short: {1} characters, at least {2}", "{0} 太短：{1} 个字符，至少 {2} 个"),
        [TextKey.ErrorBadBoolean] = new("{0} \"{1}\" must be true or false", "{0}「{1}」必须是 true 或 false"),
        [TextKey.ErrorBadMention] = new("{0} \"{1}\" is not a Discord id or mention", "{0}「{1}」不是 Discord 编号或提及"),
        [TextKey.ErrorMissingOption] = new("{0} needs {1}, for example: {2}", "{0} 需要 {1}，例如：{2}"),
        [TextKey.ErrorForbidden] = new("{0} is for moderators: it needs Manage Server or a curator role.", "{0} 仅限管理员使用：需要“管理服务器”权限或策展人身份组。"),
        [TextKey.ErrorGuildOnly] = new("{0} works only in a server.", "{0} 只能在服务器中使用。"),
        [TextKey.ErrorBadNumber] = new("{0} \"{1}\" must be a whole number from {2} to {3}", "{0}「{1}」必须是 {2} 到 {3} 之间的整数"),
        [TextKey.ErrorPageOutOfRange] = new("Page {0} does not exist; there {1}", "没有第 {0} 页；一共只有 {1}"),
        [TextKey.ErrorUnclosedQuote] = new("Unclosed quote at column {0}; close it or remove it", "第 {0} 列的引号没有闭合；请补上或删掉"),
        [TextKey.ErrorUnusableQuery] = new("Cannot search for that: {0}", "无法搜索：{0}"),
        [TextKey.ErrorEmptyCatalog] = new("The catalog has no entries to pick from.", "书单里没有可以挑选的条目。"),
        [TextKey.ErrorTooManyArguments] = new("{0} takes no argument, but got \"{1}\"", "{0} 不需要参数，但收到了「{1}」"),

        // Shell and one-shot command line
        [TextKey.ShellBanner] = new("DltBot console: {0} in {1}. Type /help for commands, /quit to leave.", "DltBot 控制台：{1}共 {0}。输入 /help 查看命令，/quit 退出。"),
        [TextKey.ShellGoodbye] = new("Bye.", "再见。"),
        [TextKey.RepairSummary] = new("{0}: code page {1}; {2} characters reversed, {3} reconstructed, {4} unsure. Written to {5}.", "{0}：代码页 {1}；已还原 {2} 个字符，推断重建 {3} 个，其中 {4} 个不确定。已写入 {5}。"),
        [TextKey.RepairClean] = new("{0}: not mojibake, copied unchanged to {1}.", "{0}：没有乱码，已原样写入 {1}。"),
        [TextKey.CheckClean] = new("No problems found in {0} ({1}).", "{0} 没有发现问题（共 {1}）。"),
        [TextKey.CheckSummary] = new("{0} in {1}:", "{1} 中有 {0}："),
        [TextKey.CheckLine] = new("line {0}: {1}", "第 {0} 行：{1}"),
        [TextKey.ExportWritten] = new("Exported {0} as {1} to {2}.", "已将 {0}导出为 {1}，写入 {2}。"),
        [TextKey.ErrorFileNotFound] = new("File not found: {0}", "找不到文件：{0}"),
        [TextKey.ErrorCannotWrite] = new("Cannot write {0}: {1}", "无法写入 {0}：{1}"),
        [TextKey.ErrorCannotRead] = new("Cannot read {0}: {1}", "无法读取 {0}：{1}"),
        [TextKey.ErrorCatalogLoad] = new("Cannot load the catalog: {0}", "无法加载书单：{0}"),
        [TextKey.ErrorBadLocale] = new("--locale \"{0}\" is not a known culture name; use e.g. en-US or zh-CN", "--locale「{0}」不是已知的语言区域名称；请用 en-US 或 zh-CN 这样的名称"),
        [TextKey.ErrorConfiguration] = new("Configuration error: {0}", "配置错误：{0}"),
        [TextKey.ErrorUnexpected] = new("Something went wrong: {0}. The catalog is unchanged; please report this.", "出错了：{0}。书单没有被改动；请报告此问题。"),
        [TextKey.ErrorCommandLine] = new("{0} (dltbot --help lists the commands)", "{0}（dltbot --help 可查看全部命令）"),
    };

    public static string Get(Language language, string key, params object?[] args)
    {
        if (!All.TryGetValue(key, out var text))
            throw new KeyNotFoundException($"No user-facing text has the key '{key}'.");
        var format = text.In(language);
        return args.Length == 0 ? format : string.Format(CultureInfo.InvariantCulture, format, args);
    }

    /// <summary>"1 entry", "5 entries", "5 个条目": a number with its noun, so no text says "1 entries" or "page(s)".</summary>
    public static string Count(Language language, int count, CountedNoun noun) => language == Language.Chinese
        ? $"{count.ToString(CultureInfo.InvariantCulture)} {noun.Chinese}"
        : $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? noun.One : noun.Many)}";

    /// <summary>"there is 1 page" / "there are 3 pages" (Chinese: "3 页").</summary>
    public static string ThereAre(Language language, int count, CountedNoun noun) => language == Language.Chinese
        ? Count(language, count, noun)
        : (count == 1 ? "is " : "are ") + Count(language, count, noun);

    /// <summary>A message embedded after a colon reads as the rest of the sentence: its first letter goes lower-case
    /// (unless it starts an acronym or a name such as "FTS5" or "Discord:Urls").</summary>
    public static string AfterColon(string message)
    {
        if (message.Length < 2 || !char.IsUpper(message[0]) || char.IsUpper(message[1]) || char.IsDigit(message[1])) return message;
        var firstWord = message.Split(' ', 2)[0];
        if (firstWord.Contains(':') || firstWord.Contains('.')) return message;
        return char.ToLowerInvariant(message[0]) + message[1..];
    }

    public static string JoinList(Language language, IEnumerable<string> items) =>
        string.Join(Get(language, TextKey.ListSeparator), items);
}

/// <summary>A noun that is counted: English singular and plural, Chinese with its measure word (Chinese has no plural).</summary>
public sealed record CountedNoun(string One, string Many, string Chinese)
{
    public static CountedNoun Entry { get; } = new("entry", "entries", "个条目");
    public static CountedNoun Topic { get; } = new("topic", "topics", "个主题");
    public static CountedNoun Page { get; } = new("page", "pages", "页");
    public static CountedNoun Problem { get; } = new("problem", "problems", "个问题");
    public static CountedNoun Result { get; } = new("result", "results", "条结果");
}

/// <summary>The keys of <see cref="Strings.All"/>.</summary>
public static class TextKey
{
    public const string TopicsTitle = "topics.title";
    public const string TopicTitle = "topic.title";
    public const string SearchTitle = "search.title";
    public const string SearchTitleFiltered = "search.title.filtered";
    public const string KindPaper = "kind.paper";
    public const string KindCourse = "kind.course";
    public const string KindBook = "kind.book";
    public const string KindArticle = "kind.article";
    public const string KindVideo = "kind.video";
    public const string KindCode = "kind.code";
    public const string KindOther = "kind.other";
    public const string RandomTitle = "random.title";
    public const string HelpTitle = "help.title";
    public const string AboutTitle = "about.title";
    public const string LabelTopic = "label.topic";
    public const string LabelChineseName = "label.otherName";
    public const string LabelEntries = "label.entries";
    public const string LabelNumber = "label.number";
    public const string LabelTitle = "label.title";
    public const string LabelYear = "label.year";
    public const string LabelScore = "label.score";
    public const string LabelId = "label.id";
    public const string LabelLink = "label.link";
    public const string LabelLinks = "label.links";
    public const string LabelChildren = "label.children";
    public const string LabelKind = "label.kind";
    public const string LabelCatalog = "label.catalog";
    public const string LabelSource = "label.source";
    public const string LabelLoadedAt = "label.loadedAt";
    public const string LabelUptime = "label.uptime";
    public const string LabelVersion = "label.version";
    public const string LabelCounts = "label.counts";
    public const string CountsValue = "about.counts";
    public const string UptimeValue = "about.uptime";
    public const string PageFooter = "page.footer";
    public const string NextPageHint = "page.next";
    public const string NoResults = "search.none";
    public const string TryInstead = "search.try";
    public const string EmptyTopic = "topic.empty";
    public const string NoDescription = "card.noDescription";
    public const string NoLink = "card.noLink";
    public const string ListSeparator = "list.separator";
    public const string HelpShellQuit = "help.quit";
    public const string ErrorUnknownCommand = "error.unknownCommand";
    public const string ErrorBadLocale = "error.badLocale";
    public const string ErrorUnknownCommandNoSuggestion = "error.unknownCommand.none";
    public const string ErrorUnknownTopic = "error.unknownTopic";
    public const string ErrorUnknownTopicNoSuggestion = "error.unknownTopic.none";
    public const string ErrorUnknownId = "error.unknownId";
    public const string ErrorUnknownIdNoSuggestion = "error.unknownId.none";
    public const string ErrorMissingArgument = "error.missingArgument";
    public const string ErrorUnknownOption = "error.unknownOption";
    public const string ErrorNoOptions = "error.noOptions";
    public const string ErrorOptionNeedsValue = "error.optionNeedsValue";
    public const string ErrorBadNumber = "error.badNumber";
    public const string ErrorBadChoice = "error.badChoice";
    public const string ErrorTooLong = "error.tooLong";
    public const string ErrorTooShort = "error.tooShort";
    public const string ErrorBadBoolean = "error.badBoolean";
    public const string ErrorBadMention = "error.badMention";
    public const string ErrorMissingOption = "error.missingOption";
    public const string ErrorForbidden = "error.forbidden";
    public const string ErrorGuildOnly = "error.guildOnly";
    public const string ErrorPageOutOfRange = "error.pageOutOfRange";
    public const string ErrorUnclosedQuote = "error.unclosedQuote";
    public const string ErrorUnusableQuery = "error.unusableQuery";
    public const string ErrorEmptyCatalog = "error.emptyCatalog";
    public const string ErrorTooManyArguments = "error.tooManyArguments";
    public const string ShellBanner = "shell.banner";
    public const string ShellGoodbye = "shell.goodbye";
    public const string RepairSummary = "cli.repair.summary";
    public const string RepairClean = "cli.repair.clean";
    public const string CheckClean = "cli.check.clean";
    public const string CheckSummary = "cli.check.summary";
    public const string CheckLine = "cli.check.line";
    public const string ExportWritten = "cli.export.written";
    public const string ErrorFileNotFound = "error.fileNotFound";
    public const string ErrorCannotWrite = "error.cannotWrite";
    public const string ErrorCannotRead = "error.cannotRead";
    public const string ErrorCatalogLoad = "error.catalogLoad";
    public const string ErrorConfiguration = "error.configuration";
    public const string ErrorUnexpected = "error.unexpected";
    public const string ErrorCommandLine = "error.commandLine";
}
