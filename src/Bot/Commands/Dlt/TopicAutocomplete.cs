using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands.Dlt;

/// <summary>Topics by name in the user's language; the value sent back is the English name, which every lookup accepts.</summary>
public sealed class TopicAutocomplete : IAutocompleteSource
{
    public static TopicAutocomplete Instance { get; } = new();

    public IReadOnlyList<AutocompleteChoice> Suggest(AutocompleteRequest request)
    {
        var sections = request.Catalog.List.Sections;
        return request.Catalog.Search.Autocomplete(request.Text.Trim(), request.Max, SuggestionKind.Topic)
            .Select(s => sections.FirstOrDefault(section => section.Topic.Key == s.Value) is { } section
                ? new AutocompleteChoice($"{CatalogIndex.TopicName(section, request.Language)} · {CatalogIndex.OtherTopicName(section, request.Language)}",
                    CatalogIndex.TopicName(section, Language.English))
                : new AutocompleteChoice(s.Label, s.Value))
            .ToList();
    }
}
