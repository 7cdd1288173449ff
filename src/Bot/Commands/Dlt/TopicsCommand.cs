using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt topics</c>: every topic in both languages with its entry count.</summary>
public sealed class TopicsCommand : ICommand
{
    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("topics"),
        new("topics", "主题列表", "主題列表"),
        new("All topics with their entry counts", "全部主题及条目数", "全部主題及條目數"),
        []);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var rows = context.Catalog.List.Sections
            .Select(s => new TopicRow(s.Topic.Key, CatalogIndex.TopicName(s, language), CatalogIndex.OtherTopicName(s, language), s.Entries.Count))
            .ToList();
        return new(new TopicListReply(language, Strings.Get(language, TextKey.TopicsTitle, rows.Count), rows));
    }
}
