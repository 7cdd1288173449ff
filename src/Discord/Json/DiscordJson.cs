using System.Text.Json;
using DltBot.Discord.Models;

namespace DltBot.Discord.Json;

/// <summary>Shortcuts for the payloads the gateway and HTTP endpoint glue read and write most.</summary>
public static class DiscordJson
{
    /// <summary>Reads an interaction (a gateway INTERACTION_CREATE "d" or an HTTP endpoint body).</summary>
    /// <exception cref="JsonException">The payload is not a valid interaction; the message names what is wrong.</exception>
    public static Interaction ReadInteraction(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, DiscordJsonContext.Default.Interaction)
        ?? throw new JsonException("The interaction payload was JSON null.");

    public static Interaction ReadInteraction(JsonElement element) =>
        element.Deserialize(DiscordJsonContext.Default.Interaction)
        ?? throw new JsonException("The interaction payload was JSON null.");

    /// <summary>The response body for an HTTP interactions endpoint reply; message responses default to no pings.</summary>
    /// <exception cref="InvalidOperationException">The response uploads files, which an inline JSON reply cannot carry.</exception>
    public static byte[] WriteResponse(InteractionResponse response)
    {
        if (response.HasFiles)
        {
            // Written as JSON its attachments would name files Discord never receives: a 400 for the user to see.
            throw new InvalidOperationException(
                "An interaction response with files cannot be the inline reply of the HTTP endpoint (Discord reads it as JSON only). " +
                "Send it through the callback route and answer 202 (InteractionEndpointReply.ForAsync does both), or defer and edit the original.");
        }

        return JsonSerializer.SerializeToUtf8Bytes(response.WithDefaultMentions(), DiscordJsonContext.Default.InteractionResponse);
    }
}
