using System.Text.Json;
using DltBot.Discord.Http;
using DltBot.Discord.Json;
using DltBot.Discord.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DltBot.Bot.Discord;

/// <summary>
/// Answers a verified, validated interaction it through the same dispatcher as the gateway. A slow
/// command is deferred inline (type 5 as the HTTP reply) and finished with an edit of the original response.
/// </summary>
public sealed class HttpInteractionHandler(InteractionDispatcher dispatcher, IHostApplicationLifetime lifetime) : IInteractionRequestHandler
{
    public async Task<InteractionEndpointReply> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var sink = new HttpReplySink();
        var answering = dispatcher.DispatchAsync(interaction, sink, lifetime.ApplicationStopping);
        _ = answering.ContinueWith(
            t => sink.Abandon(t.Exception?.GetBaseException() ?? new InvalidOperationException($"Interaction {interaction.Id} ended without an answer.")),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        var response = await sink.Response.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new InteractionEndpointReply(JsonSerializer.SerializeToUtf8Bytes(response, DiscordJsonContext.Default.InteractionResponse));
    }
}
