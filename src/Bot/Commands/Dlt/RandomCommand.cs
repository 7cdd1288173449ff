using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt random [topic]</c>: a random entry, papers three times as likely as anything else.</summary>
public sealed class RandomCommand(Random? random = null) : ICommand
{
    /// <summary>How much more often a paper is picked than any other kind of entry (the group reads papers).</summary>
    public const int PaperWeight = 3;

    public const string TopicOption = "topic";

    private readonly Random random = random ?? Random.Shared;

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("random"),
        new("random", "随机", "隨機"),
        new("A random entry, mostly papers", "随机推荐一个条目（以论文为主）", "隨機推薦一個條目（以論文為主）"),
        [DltCommandSet.TopicOption(TopicOption, new("Pick from this topic only", "只从这个主题里挑", "只從這個主題裡挑"), positional: true)]);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var language = context.Language;
        IReadOnlyList<Section> sections = context.Catalog.List.Sections;
        if (context.Arguments.GetString(TopicOption) is { } topic)
        {
            var section = TopicLookup.Find(context.Catalog.List, topic);
            if (section is null) return new(CatalogReplies.UnknownTopic(context, topic));
            sections = [section];
        }

        var pool = sections.SelectMany(s => s.Entries.Select(e => (Entry: e, Section: s))).ToList();
        if (pool.Count == 0) return new(ErrorReply.Of(language, ErrorKind.NotFound, TextKey.ErrorEmptyCatalog));
        var weights = pool.Select(p => EntryKindClassifier.Classify(p.Entry) == EntryKind.Paper ? PaperWeight : 1).ToList();
        var ticket = random.Next(weights.Sum());
        var pick = 0;
        while (ticket >= weights[pick]) ticket -= weights[pick++];
        var (entry, owner) = pool[pick];
        return new(new EntryCardReply(language, CatalogReplies.Card(entry, owner, language), Strings.Get(language, TextKey.RandomTitle)));
    }
}
