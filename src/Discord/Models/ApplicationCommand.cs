namespace DltBot.Discord.Models;

/// <summary>
/// An application command as sent in a bulk overwrite and as returned by GET. The server-side fields
/// (<see cref="Id"/>, <see cref="ApplicationId"/>, <see cref="Version"/>, <see cref="GuildId"/>) stay null on send.
/// </summary>
public sealed record ApplicationCommand
{
    public ulong? Id { get; init; }
    public ulong? ApplicationId { get; init; }
    public ulong? Version { get; init; }
    public ulong? GuildId { get; init; }
    public ApplicationCommandType? Type { get; init; }
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public string? Description { get; init; }
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Permission bits as a decimal string; "0" means administrators only by default.</summary>
    public string? DefaultMemberPermissions { get; init; }

    public IReadOnlyList<InteractionContextType>? Contexts { get; init; }
    public IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes { get; init; }
    public bool? Nsfw { get; init; }
}

public sealed record ApplicationCommandOption
{
    public required ApplicationCommandOptionType Type { get; init; }
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public required string Description { get; init; }
    public IReadOnlyDictionary<string, string>? DescriptionLocalizations { get; init; }
    public bool? Required { get; init; }
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }
    public IReadOnlyList<ChannelType>? ChannelTypes { get; init; }
    public double? MinValue { get; init; }
    public double? MaxValue { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public bool? Autocomplete { get; init; }
}

/// <summary>A fixed choice of a command option, or an autocomplete suggestion.</summary>
public sealed record ApplicationCommandOptionChoice
{
    public required string Name { get; init; }
    public IReadOnlyDictionary<string, string>? NameLocalizations { get; init; }
    public required ChoiceValue Value { get; init; }
}
