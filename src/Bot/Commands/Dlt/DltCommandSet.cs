using DltBot.Bot.Commands.Framework;
using DltBot.Catalog.Search;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Commands.Dlt;

/// <summary>The <c>/dlt</c> top-level command and the options its subcommands share.</summary>
public static class DltCommandSet
{
    public const string TopLevelName = CommandPath.DefaultTopLevel;

    public static TopLevelDescriptor TopLevel { get; } = new(TopLevelName,
        new("Browse and search the Deep Learning Theory reading list", "浏览和搜索深度学习理论书单", "瀏覽和搜尋深度學習理論書單"));

    public static CommandPath Path(string name) => new(TopLevelName, name);

    /// <summary>A topic named in either language, offered by autocomplete.</summary>
    public static OptionDescriptor TopicOption(string name, CommandText description, bool positional = false, bool required = false) => new(
        name, OptionKind.String, new(name, "主题", "主題"), description, Required: required, Positional: positional, MaxLength: 100,
        Autocomplete: TopicAutocomplete.Instance, What: new("a topic name", "一个主题名称"), Example: "optimization");

    public static OptionDescriptor PageOption { get; } = new(
        "page", OptionKind.Integer, new("page", "页码", "頁碼"), new("Page number", "页码", "頁碼"),
        MinValue: 1, MaxValue: 1000, Example: "--page 2", TextOnly: true);

    public static IReadOnlyList<ChoiceDescriptor> KindChoices { get; } =
    [
        new("paper", new("Paper", "论文", "論文"), ["论文"]),
        new("course", new("Course", "课程", "課程"), ["课程"]),
        new("book", new("Book", "书籍", "書籍"), ["书", "书籍"]),
        new("article", new("Article", "文章", "文章"), ["文章"]),
        new("video", new("Video", "视频", "影片"), ["视频"]),
        new("code", new("Code", "代码", "程式碼"), ["代码"]),
        new("other", new("Other", "其他", "其他"), ["其他"]),
    ];

    public static EntryKind ParseKind(string value) => Enum.Parse<EntryKind>(value, ignoreCase: true);

    /// <summary>Registers <c>/dlt</c> and its subcommands, in the order help and Discord list them.</summary>
    public static IServiceCollection AddDltCommands(this IServiceCollection services)
    {
        services.AddSingleton(TopLevel);
        services.AddSingleton<ICommand, SearchCommand>();
        services.AddSingleton<ICommand, TopicCommand>();
        services.AddSingleton<ICommand, TopicsCommand>();
        services.AddSingleton<ICommand, ShowCommand>();
        services.AddSingleton<ICommand, RandomCommand>();
        services.AddSingleton<ICommand, HelpCommand>();
        services.AddSingleton<ICommand, AboutCommand>();
        return services;
    }
}
