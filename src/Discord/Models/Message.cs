using System.Text.Json.Serialization;
using DltBot.Discord.Json;

namespace DltBot.Discord.Models;

public sealed record Message
{
    public required ulong Id { get; init; }
    public required ulong ChannelId { get; init; }
    public int Type { get; init; }
    public User? Author { get; init; }
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public MessageFlags? Flags { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public DateTimeOffset? EditedTimestamp { get; init; }
    public ulong? ApplicationId { get; init; }
    public ulong? WebhookId { get; init; }

    /// <summary>The thread started from this message, if any.</summary>
    public Channel? Thread { get; init; }

    /// <summary>
    /// The nonce the message was sent with; Discord echoes numbers and strings alike, read here as text. Discord
    /// only promises it on the create response and the gateway event, so do not count on it in fetched history.
    /// </summary>
    [JsonConverter(typeof(NonceConverter))]
    public string? Nonce { get; init; }

    public Poll? Poll { get; init; }
}

/// <summary>
/// Body for creating a channel message or an interaction follow-up.
/// <see cref="AllowedMentions"/> defaults to <see cref="AllowedMentions.None"/>; override it deliberately.
/// </summary>
public sealed record MessageCreateRequest
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public AllowedMentions? AllowedMentions { get; init; } = AllowedMentions.None;
    public MessageFlags? Flags { get; init; }
    public bool? Tts { get; init; }
    public MessageReference? MessageReference { get; init; }

    /// <summary>
    /// At most 25 characters. With <see cref="EnforceNonce"/>, Discord answers a repeat of the same nonce in the same
    /// channel within a few minutes with the earlier message instead of posting again.
    /// </summary>
    public string? Nonce { get; init; }

    /// <summary>Requires <see cref="Nonce"/>.</summary>
    public bool? EnforceNonce { get; init; }

    public PollCreateRequest? Poll { get; init; }

    /// <summary>Files to upload with the message; sent as multipart parts, never as JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }

    /// <summary>The JSON <c>attachments</c> naming <see cref="Files"/> in order; null (omitted) when there are none.</summary>
    public IReadOnlyList<AttachmentReference>? Attachments => AttachmentReference.For(Files);
}

/// <summary>
/// Body for editing a message. A null member leaves that part unchanged; an empty list clears it.
/// <see cref="AllowedMentions"/> defaults to <see cref="AllowedMentions.None"/>. With <see cref="Files"/>, the
/// message's attachments become exactly those files (Discord drops attachments an edit's <c>attachments</c> omits).
/// </summary>
public sealed record MessageEditRequest
{
    public string? Content { get; init; }
    public IReadOnlyList<Embed>? Embeds { get; init; }
    public IReadOnlyList<Component>? Components { get; init; }
    public AllowedMentions? AllowedMentions { get; init; } = AllowedMentions.None;
    public MessageFlags? Flags { get; init; }

    /// <summary>Files to upload with the message; sent as multipart parts, never as JSON.</summary>
    [JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }

    /// <summary>The JSON <c>attachments</c> naming <see cref="Files"/> in order; null (omitted) when there are none.</summary>
    public IReadOnlyList<AttachmentReference>? Attachments => AttachmentReference.For(Files);
}

public sealed record MessageReference
{
    public ulong? MessageId { get; init; }
    public ulong? ChannelId { get; init; }
    public ulong? GuildId { get; init; }
    public bool? FailIfNotExists { get; init; }
}
