using DltBot.Discord.Models;

namespace DltBot.Discord.Http;

/// <summary>
/// Receives every verified, non-PING interaction POSTed to the HTTP endpoint, already read and checked by
/// <see cref="Json.InteractionValidator"/> (malformed ones got 400 and never arrive), and returns the interaction
/// response to send back. The bot implements it with the same router the gateway feeds.
/// </summary>
public interface IInteractionRequestHandler
{
    Task<InteractionEndpointReply> HandleAsync(Interaction interaction, CancellationToken cancellationToken);
}

/// <summary>
/// The interaction response JSON (e.g. <c>{"type":4,"data":{...}}</c>), written back as 200 application/json.
/// An empty <paramref name="Json"/> means "already answered through the callback route": the endpoint replies 202
/// with no body, as Discord allows.
/// </summary>
public sealed record InteractionEndpointReply(byte[] Json)
{
    public static InteractionEndpointReply AnsweredViaCallback { get; } = new([]);
}
