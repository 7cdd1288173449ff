using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>One command: its descriptor and its handler. Adding a command is one of these plus its strings.</summary>
public interface ICommand
{
    CommandDescriptor Descriptor { get; }

    /// <summary>Answers with a reply model; never writes anywhere or talks to HTTP. Arguments are already validated.</summary>
    ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}

/// <summary>A suggestion for an option being typed (Discord autocomplete).</summary>
/// <param name="Value">What Discord sends back when it is picked (at most 100 characters).</param>
public sealed record AutocompleteChoice(string Label, string Value);

public sealed record AutocompleteRequest(string Text, Language Language, CatalogView Catalog, Place Place, int Max);

/// <summary>Where an option's suggestions come from. It must answer at once: autocomplete cannot be deferred.</summary>
public interface IAutocompleteSource
{
    IReadOnlyList<AutocompleteChoice> Suggest(AutocompleteRequest request);
}

/// <summary>How a button, select or modal answer shows.</summary>
public enum ComponentResponse
{
    /// <summary>Replaces the message the component sits on.</summary>
    UpdateMessage,

    /// <summary>A new message in the channel.</summary>
    NewMessage,

    /// <summary>A new message only the clicker sees.</summary>
    EphemeralMessage,
}

/// <summary>A click, a select or a modal submit, with what it carried.</summary>
/// <param name="Values">The picked values of a select; empty otherwise.</param>
/// <param name="Fields">A modal's text inputs by custom_id; empty otherwise.</param>
public sealed record ComponentContext(
    string CustomId,
    IReadOnlyList<string> Values,
    IReadOnlyDictionary<string, string> Fields,
    Caller Caller,
    Place Place,
    Language Language,
    CatalogView Catalog);

/// <summary>How a component will be answered (decided at once) and the work that produces the reply.</summary>
public sealed record ComponentPlan(ComponentResponse Response, Func<CancellationToken, ValueTask<Reply>> Run);

/// <summary>Answers the components whose custom_id starts with <see cref="Prefix"/> followed by <c>|</c>.</summary>
public interface IComponentHandler
{
    string Prefix { get; }

    /// <summary>The plan, or null when the custom_id is not one of ours any more (an old message).</summary>
    ComponentPlan? Plan(ComponentContext context);
}
