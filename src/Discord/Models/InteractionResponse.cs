using System.Text.Json.Serialization;

namespace DltBot.Discord.Models;

/// <summary>Body of POST /interactions/{id}/{token}/callback (or the inline reply of the HTTP endpoint).</summary>
public sealed record InteractionResponse
{
    public required InteractionCallbackType Type { get; init; }
    public InteractionCallbackData? Data { get; init; }

    /// <summary>
    /// The response uploads files, so it must go out as multipart over the callback route
    /// (<c>IDiscordRestClient.CreateInteractionResponseAsync</c> does that). It cannot be the inline body of an
    /// HTTP-endpoint reply, which Discord reads as JSON only: see <c>InteractionEndpointReply.ForAsync</c>.
    /// </summary>
    [JsonIgnore]
    public bool HasFiles => Data?.Files is { Count: > 0 };

    /// <summary>
    /// This response with <c>allowed_mentions: {"parse": []}</c> filled in on message responses (types 4 and 7)
    /// that do not set it, so no path sends a ping by accident. The client and <c>DiscordJson</c> apply it on send.
    /// </summary>
    public InteractionResponse WithDefaultMentions() =>
        Type is InteractionCallbackType.ChannelMessageWithSource or InteractionCallbackType.UpdateMessage
        && Data is { AllowedMentions: null } data
            ? this with { Data = data with { AllowedMentions = AllowedMentions.None } }
            : this;

    public static InteractionResponse Pong() => new() { Type = InteractionCallbackType.Pong };

    public static InteractionResponse Message(MessageCallback message) =>
        new() { Type = InteractionCallbackType.ChannelMessageWithSource, Data = message.ToData() };

    /// <summary>Acknowledge now, answer later with an edit of the original response. Only the ephemeral flag may be set.</summary>
    public static InteractionResponse Deferred(bool ephemeral = false) => new()
    {
        Type = InteractionCallbackType.DeferredChannelMessageWithSource,
        Data = ephemeral ? new InteractionCallbackData { Flags = MessageFlags.Ephemeral } : null,
    };

    public static InteractionResponse DeferredUpdate() => new() { Type = InteractionCallbackType.DeferredUpdateMessage };

    public static InteractionResponse UpdateMessage(MessageCallback message) =>
        new() { Type = InteractionCallbackType.UpdateMessage, Data = message.ToData() };

    public static InteractionResponse Autocomplete(IReadOnlyList<ApplicationCommandOptionChoice> choices) => new()
    {
        Type = InteractionCallbackType.ApplicationCommandAutocompleteResult,
        Data = new InteractionCallbackData { Choices = choices },
    };

    public static InteractionResponse Modal(string customId, string title, IReadOnlyList<Component> components) => new()
    {
        Type = InteractionCallbackType.Modal,
        Data = new InteractionCallbackData { CustomId = customId, Title = title, Components = components },
    };
}

/// <summary>
/// Data of an interaction callback, flat like Discord's: message fields (types 4 and 7), choices (8), modal fields (9).
/// </summary>
public sealed record InteractionCallbackData
{
    public bool? Tts { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public AllowedMentions? AllowedMentions { get; init; }
    public MessageFlags? Flags { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    public string? CustomId { get; init; }
    public string? Title { get; init; }

    /// <summary>Files to upload with a message response (types 4 and 7); sent as multipart parts, never as JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }

    /// <summary>The JSON <c>attachments</c> naming <see cref="Files"/> in order; null (omitted) when there are none.</summary>
    public IReadOnlyList<AttachmentReference>? Attachments => AttachmentReference.For(Files);

    /// <summary>
    /// The edit of the original response that shows this message, for answering after a deferral: content, embeds
    /// and components are replaced (cleared when absent), files are uploaded. The ephemeral flag cannot change on an
    /// edit; it was fixed by the deferral.
    /// </summary>
    public MessageEditRequest ToOriginalEdit() => new()
    {
        Content = Content ?? "",
        Embeds = Embeds ?? [],
        Components = Components ?? [],
        AllowedMentions = AllowedMentions ?? AllowedMentions.None,
        Files = Files,
    };
}

/// <summary>Message content of a type 4 or 7 callback; mentions are suppressed unless set otherwise.</summary>
public sealed record MessageCallback
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;
    public bool Ephemeral { get; init; }

    /// <summary>Files to upload with the message (at most 10); see <see cref="FileUpload"/>.</summary>
    public IReadOnlyList<FileUpload>? Files { get; init; }

    internal InteractionCallbackData ToData() => new()
    {
        Files = Files,
        Content = Content,
        Embeds = Embeds,
        Components = Components,
        AllowedMentions = AllowedMentions,
        Flags = Ephemeral ? MessageFlags.Ephemeral : null,
    };
}
