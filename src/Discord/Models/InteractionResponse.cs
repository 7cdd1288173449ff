namespace DltBot.Discord.Models;

/// <summary>Body of POST /interactions/{id}/{token}/callback (or the inline reply of the HTTP endpoint).</summary>
public sealed record InteractionResponse
{
    public required InteractionCallbackType Type { get; init; }
    public InteractionCallbackData? Data { get; init; }

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
}

/// <summary>Message content of a type 4 or 7 callback; mentions are suppressed unless set otherwise.</summary>
public sealed record MessageCallback
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;
    public bool Ephemeral { get; init; }

    internal InteractionCallbackData ToData() => new()
    {
        Content = Content,
        Embeds = Embeds,
        Components = Components,
        AllowedMentions = AllowedMentions,
        Flags = Ephemeral ? MessageFlags.Ephemeral : null,
    };
}
