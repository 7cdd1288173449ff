namespace DltBot.Discord.Models;

public sealed record User
{
    public required ulong Id { get; init; }
    public required string Username { get; init; }
    public string? GlobalName { get; init; }
    public string? Discriminator { get; init; }
    public string? Avatar { get; init; }
    public bool? Bot { get; init; }

    public string DisplayName => GlobalName ?? Username;
}

public sealed record GuildMember
{
    public User? User { get; init; }
    public string? Nick { get; init; }
    public IReadOnlyList<ulong>? Roles { get; init; }
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>Permission bit field as Discord's decimal string (present on interaction members).</summary>
    public string? Permissions { get; init; }
}
