using DltBot.Bot.Commands.Framework;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands.Dlt;

/// <summary>Entries by title as the user types; the value is the entry's id.</summary>
public sealed class EntryAutocomplete : IAutocompleteSource
{
    public static EntryAutocomplete Instance { get; } = new();

    public IReadOnlyList<AutocompleteChoice> Suggest(AutocompleteRequest request) =>
        request.Catalog.Search.Autocomplete(request.Text.Trim(), request.Max, SuggestionKind.Entry)
            .Select(s => new AutocompleteChoice(s.Label, s.Value))
            .ToList();
}
