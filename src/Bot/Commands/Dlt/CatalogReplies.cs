using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Model;

namespace DltBot.Bot.Commands.Dlt;

/// <summary>Reply pieces several commands share: entry cards and the unknown-id and unknown-topic errors.</summary>
public static class CatalogReplies
{
    public static EntryCard Card(Entry entry, Section section, Language language) => new(
        entry.Id, entry.Number, entry.Title, entry.Url, entry.Year, CatalogIndex.TopicName(section, language), entry.Description,
        entry.Links, entry.Children.Select(c => Card(c, section, language)).ToList());

    /// <summary>No entry has this id: the closest ids and titles, from the search index's bounded suggester.</summary>
    public static ErrorReply UnknownId(CommandContext context, string id)
    {
        var (catalog, language) = (context.Catalog, context.Language);
        // Bounded and index-backed, whatever the input: an unknown id never costs a scan of every id and title.
        var close = catalog.Search.SuggestIds(id).Select(e => $"{e.Id} ({CatalogIndex.Shorten(e.Title, 60)})").ToList();
        return close.Count == 0
            ? ErrorReply.Of(language, ErrorKind.UnknownId, TextKey.ErrorUnknownIdNoSuggestion, id, context.UsageOf("search"))
            : new ErrorReply(language, ErrorKind.UnknownId, Strings.Get(language, TextKey.ErrorUnknownId, id, Strings.JoinList(language, close)), close);
    }

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
