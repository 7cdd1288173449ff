using DltBot.Discord.Json;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;

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

    /// <summary>The response as the inline JSON reply; throws for a response with files (see <see cref="ForAsync"/>).</summary>
    public static InteractionEndpointReply Inline(InteractionResponse response) => new(DiscordJson.WriteResponse(response));

    /// <summary>
    /// The reply for <paramref name="response"/>: inline JSON when it can be, else (it has files) the response is POSTed
    /// as multipart to the callback route first and the endpoint answers 202. Discord reads an inline reply as JSON
    /// only, while the callback route takes multipart; both ways are documented for HTTP-mode apps. The upload
    /// happens inside Discord's 3 s window: for files that take longer to make, defer and send them with the edit of
    /// the original response (<see cref="InteractionCallbackData.ToOriginalEdit"/>) instead.
    /// </summary>
    public static async Task<InteractionEndpointReply> ForAsync(
        Interaction interaction, InteractionResponse response, IDiscordRestClient rest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(rest);
        if (!response.HasFiles)
        {
            return Inline(response);
        }

        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken).ConfigureAwait(false);
        return AnsweredViaCallback;
    }
}
