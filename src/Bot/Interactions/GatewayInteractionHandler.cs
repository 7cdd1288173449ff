using System.Text.Json;
using DltBot.Discord.Gateway;
using DltBot.Discord.Json;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Interactions;

/// <summary>
/// Hands INTERACTION_CREATE dispatches to the <see cref="InteractionDispatcher"/> without waiting for the answer, so one
/// slow command never holds up the next interaction; answers go back through the REST callback.
/// </summary>
public sealed partial class GatewayInteractionHandler(
    InteractionDispatcher dispatcher, IDiscordRestClient rest, ILogger<GatewayInteractionHandler> logger)
    : IGatewayDispatchHandler
{
    public const string InteractionCreate = "INTERACTION_CREATE";

    private readonly RestCallbackSink _sink = new(rest);

    public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        if (dispatch.EventName != InteractionCreate) return ValueTask.CompletedTask;

        if (!InteractionValidator.TryRead(dispatch.Data, out var interaction, out var error))
        {
            LogUnreadable(logger, dispatch.Sequence, error);
            return ValueTask.CompletedTask;
        }

        // Answers outlive the dispatch; once shutdown began the dispatcher refuses new ones and drains those it took.
        // Answers outlive the dispatch and the gateway session; the dispatcher decides when to give up (shutdown drain).
        _ = dispatcher.DispatchAsync(interaction, _sink, CancellationToken.None);
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(EventId = 5030, EventName = "InteractionUnreadable", Level = LogLevel.Warning,
        Message = "INTERACTION_CREATE (seq {Sequence}) is not a valid interaction ({Error}); ignored.")]
    private static partial void LogUnreadable(ILogger logger, int sequence, string error);
}
