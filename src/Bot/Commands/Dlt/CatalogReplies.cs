using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Commands.Dlt;

/// <summary>Reply pieces several <c>/dlt</c> commands share: entry cards and the unknown-topic error.</summary>
public static class CatalogReplies
{
    public static EntryCard Card(Entry entry, Section section, Language language) => new(
        entry.Id, entry.Number, entry.Title, entry.Url, entry.Year, CatalogIndex.TopicName(section, language), entry.Description,
        entry.Links, entry.Children.Select(c => Card(c, section, language)).ToList());

    public static ErrorReply UnknownTopic(CommandContext context, string name)
    {
        var (catalog, language) = (context.Catalog, context.Language);
        var close = TopicLookup.Suggest(catalog.List, name);
        return close.Count == 0
            ? ErrorReply.Of(language, ErrorKind.UnknownTopic, TextKey.ErrorUnknownTopicNoSuggestion, name, context.UsageOf("topics"))
            : new ErrorReply(language, ErrorKind.UnknownTopic,
                Strings.Get(language, TextKey.ErrorUnknownTopic, name, Strings.JoinList(language, close)), close);
    }
}
