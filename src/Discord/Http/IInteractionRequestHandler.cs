namespace DltBot.Discord.Http;

/// <summary>
/// Receives every verified, non-PING interaction POSTed to the HTTP endpoint as the exact raw JSON bytes Discord sent,
/// and returns the interaction response to send back. The bot implements it with the same router the gateway feeds.
/// </summary>
public interface IInteractionRequestHandler
{
    Task<InteractionEndpointReply> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
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
