using DltBot.Discord.Http;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;

namespace DltBot.Bot.Interactions;

/// <summary>
/// Answers a verified, validated interaction through the same dispatcher as the gateway. A slow command is deferred
/// inline (type 5 as the HTTP reply) and finished with an edit of the original response; an answer carrying files goes
/// through the callback route (multipart), since an inline HTTP reply can only be JSON.
/// </summary>
public sealed class HttpInteractionHandler(InteractionDispatcher dispatcher, IDiscordRestClient rest) : IInteractionRequestHandler
{
    public async Task<InteractionEndpointReply> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var sink = new HttpReplySink();
        // Refused only in the instant between the 503 check in front of the endpoint and here; the endpoint then says 500.
        var answering = dispatcher.DispatchAsync(interaction, sink, CancellationToken.None)
            ?? throw new InvalidOperationException($"Interaction {interaction.Id} arrived while shutting down.");
        _ = answering.ContinueWith(
            t => sink.Abandon(t.Exception?.GetBaseException() ?? new InvalidOperationException($"Interaction {interaction.Id} ended without an answer.")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var response = await sink.Response.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await InteractionEndpointReply.ForAsync(interaction, response, rest, cancellationToken).ConfigureAwait(false);
    }
}
