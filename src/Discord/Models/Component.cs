using System.Text.Json.Serialization;

namespace DltBot.Discord.Models;

/// <summary>
/// One component of any type (action row, button, select, text input, label), flat like Discord's own JSON.
/// A single flat shape keeps unknown component types readable instead of failing the whole message.
/// Build outgoing components with <c>DltBot.Discord.Builders.ComponentBuilders</c>, which enforce the limits.
/// </summary>
public sealed record Component
{
    public required ComponentType Type { get; init; }

    /// <summary>Numeric component id inside the message (not a snowflake); optional on send.</summary>
    public int? Id { get; init; }

    public string? CustomId { get; init; }

    /// <summary>Children of an action row.</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>The single child of a label (type 18).</summary>
    [JsonPropertyName("component")]
    public Component? Child { get; init; }

    /// <summary>Raw "style": a <see cref="Models.ButtonStyle"/> on buttons, a <see cref="Models.TextInputStyle"/> on text inputs.</summary>
    public int? Style { get; init; }
    public string? Label { get; init; }
    public string? Description { get; init; }
    public PartialEmoji? Emoji { get; init; }
    public string? Url { get; init; }
    public bool? Disabled { get; init; }

    public IReadOnlyList<SelectOption>? Options { get; init; }
    public string? Placeholder { get; init; }
    public int? MinValues { get; init; }
    public int? MaxValues { get; init; }

    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public bool? Required { get; init; }
    public string? Value { get; init; }

    /// <summary>Selected values of a select inside a submitted modal.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    [JsonIgnore]
    public ButtonStyle? ButtonStyle => Type == ComponentType.Button && Style is { } style ? (ButtonStyle)style : null;

    [JsonIgnore]
    public TextInputStyle? TextInputStyle => Type == ComponentType.TextInput && Style is { } style ? (TextInputStyle)style : null;
}

public sealed record SelectOption
{
    public required string Label { get; init; }
    public required string Value { get; init; }
    public string? Description { get; init; }
    public PartialEmoji? Emoji { get; init; }
    public bool? Default { get; init; }
}

public sealed record PartialEmoji
{
    public ulong? Id { get; init; }
    public string? Name { get; init; }
    public bool? Animated { get; init; }
}
