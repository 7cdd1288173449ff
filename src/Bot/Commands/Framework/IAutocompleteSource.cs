using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>A suggestion for an option being typed (Discord autocomplete).</summary>
/// <param name="Value">What Discord sends back when it is picked (at most 100 characters).</param>
public sealed record AutocompleteChoice(string Label, string Value);

public sealed record AutocompleteRequest(string Text, Language Language, CatalogView Catalog, Place Place, int Max);

/// <summary>Where an option's suggestions come from. It must answer at once: autocomplete cannot be deferred.</summary>
public interface IAutocompleteSource
{
    IReadOnlyList<AutocompleteChoice> Suggest(AutocompleteRequest request);
}
