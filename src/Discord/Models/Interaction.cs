using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DltBot.Discord.Models;

/// <summary>An incoming interaction, from the gateway (INTERACTION_CREATE) or the HTTP endpoint.</summary>
public sealed record Interaction
{
    public required ulong Id { get; init; }
    public required ulong ApplicationId { get; init; }
    public required InteractionType Type { get; init; }
    public required string Token { get; init; }
    public int Version { get; init; } = 1;
    public InteractionData? Data { get; init; }
    public ulong? GuildId { get; init; }
    public Channel? Channel { get; init; }
    public ulong? ChannelId { get; init; }

    /// <summary>Present in guilds; <see cref="User"/> is present in DMs instead.</summary>
    public GuildMember? Member { get; init; }

    public User? User { get; init; }

    /// <summary>The message a component lives on (component interactions and modals opened from a component).</summary>
    public Message? Message { get; init; }

    /// <summary>The invoking user's client locale, e.g. "zh-CN" (absent on PING).</summary>
    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }
    public string? AppPermissions { get; init; }
    public InteractionContextType? Context { get; init; }

    /// <summary>Largest file (bytes) the bot may upload in reply here; grows with the server's boost level.</summary>
    public long? AttachmentSizeLimit { get; init; }

    /// <summary>The user who acted, whether in a guild (via <see cref="Member"/>) or a DM.</summary>
    [JsonIgnore]
    public User? InvokingUser => Member?.User ?? User;

    // Records print every member, and the token lets anyone answer or edit this interaction for 15 minutes:
    // it must never reach a log line or an exception message.
    public override string ToString() =>
        $"Interaction {{ Id = {Id}, ApplicationId = {ApplicationId}, Type = {Type}, Token = ***, Data = {Data}, GuildId = {GuildId}, " +
        $"ChannelId = {ChannelId ?? Channel?.Id}, User = {InvokingUser?.Id}, Locale = {Locale} }}";
}

/// <summary>
/// Interaction data for every type, flat like Discord's: command fields (name, options), component fields
/// (custom_id, component_type, values) and modal fields (custom_id, components).
/// </summary>
public sealed record InteractionData
{
    /// <summary>Command id (snowflake) for commands; the numeric component id for components.</summary>
    public ulong? Id { get; init; }

    public string? Name { get; init; }
    public ApplicationCommandType? Type { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? TargetId { get; init; }

    public string? CustomId { get; init; }
    public ComponentType? ComponentType { get; init; }
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>Submitted modal rows: labels (type 18, one <c>component</c>) or older action rows (type 1, <c>components</c>).</summary>
    public IReadOnlyList<Component>? Components { get; init; }

    /// <summary>
    /// Walks subcommand groups and subcommands down to the leaf options.
    /// Returns the invoked path (e.g. ["schedule"] or ["group", "sub"]) and the leaf options.
    /// </summary>
    public (IReadOnlyList<string> SubcommandPath, IReadOnlyList<InteractionDataOption> Options) ResolveSubcommand()
    {
        var path = new List<string>();
        var options = Options ?? [];
        while (options.Count == 1 && options[0].Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup)
        {
            path.Add(options[0].Name);
            options = options[0].Options ?? [];
        }

        return (path, options);
    }

    /// <summary>The option the user is typing in an autocomplete interaction, searched through subcommands.</summary>
    public InteractionDataOption? FindFocusedOption() => FindFocused(Options);

    /// <summary>
    /// Values of every text input (and select) in a submitted modal keyed by custom_id, accepting both the
    /// Label layout and the older action-row layout.
    /// </summary>
    public IReadOnlyDictionary<string, string> GetModalValues()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in EnumerateModalInputs(Components))
        {
            if (input.CustomId is not { } customId)
            {
                continue;
            }

            var value = input.Value ?? (input.Values is { } selected ? string.Join(",", selected) : null);
            if (value is not null)
            {
                values[customId] = value;
            }
        }

        return values;
    }

    private static IEnumerable<Component> EnumerateModalInputs(IReadOnlyList<Component>? components)
    {
        foreach (var component in components ?? [])
        {
            if (component.Child is { } child)
            {
                yield return child;
            }

            foreach (var nested in EnumerateModalInputs(component.Components))
            {
                yield return nested;
            }

            if (component.Type is not (Models.ComponentType.ActionRow or Models.ComponentType.Label))
            {
                yield return component;
            }
        }
    }

    private static InteractionDataOption? FindFocused(IReadOnlyList<InteractionDataOption>? options)
    {
        foreach (var option in options ?? [])
        {
            if (option.Focused == true)
            {
                return option;
            }

            if (FindFocused(option.Options) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}

/// <summary>An option the user filled in; subcommands and groups carry <see cref="Options"/>, leaves carry <see cref="Value"/>.</summary>
public sealed record InteractionDataOption
{
    public required string Name { get; init; }
    public required ApplicationCommandOptionType Type { get; init; }
    public JsonElement? Value { get; init; }
    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    /// <summary>True on the option being typed in an autocomplete interaction.</summary>
    public bool? Focused { get; init; }

    /// <summary>The value as text (strings as is, numbers and booleans in invariant form).</summary>
    public string? GetString() => Value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { } v => v.GetRawText(),
    };

    public long? GetInt64() => Value switch
    {
        { ValueKind: JsonValueKind.Number } v when v.TryGetInt64(out var number) => number,
        { ValueKind: JsonValueKind.String } v when long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public double? GetDouble() => Value switch
    {
        { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
        _ => null,
    };

    public bool? GetBoolean() => Value switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => null,
    };
}
