using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>How a button, select or modal answer shows.</summary>
public enum ComponentResponse
{
    /// <summary>Replaces the message the component sits on.</summary>
    UpdateMessage,

    /// <summary>A new message in the channel.</summary>
    NewMessage,

    /// <summary>A new message only the clicker sees.</summary>
    EphemeralMessage,

    /// <summary>Opens a form (a <see cref="FormReply"/>); it must be the first answer, so it is never deferred.</summary>
    Form,
}

/// <summary>
/// A command that sometimes answers with a form instead of a message. A Discord modal must be the first answer to an
/// interaction, so the surface asks before running the command and answers at once instead of deferring.
/// </summary>
public interface IOpensForm
{
    bool OpensForm(CommandArguments arguments);
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
