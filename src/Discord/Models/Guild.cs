namespace DltBot.Discord.Models;

/// <summary>The parts of a guild the bot reads (GET /guilds/{id}); the @everyone role has the guild's id.</summary>
public sealed record Guild
{
    public required ulong Id { get; init; }
    public string? Name { get; init; }
    public required ulong OwnerId { get; init; }
    public IReadOnlyList<Role> Roles { get; init; } = [];
}

public sealed record Role
{
    public required ulong Id { get; init; }
    public string? Name { get; init; }

    /// <summary>Permission bit field as Discord's decimal string.</summary>
    public required string Permissions { get; init; }

    public int Position { get; init; }
    public bool Managed { get; init; }
}

public enum PermissionOverwriteType
{
    Role = 0,
    Member = 1,
}

/// <summary>One entry of a channel's <c>permission_overwrites</c>; allow and deny are decimal strings.</summary>
public sealed record PermissionOverwrite
{
    public required ulong Id { get; init; }
    public required PermissionOverwriteType Type { get; init; }
    public string Allow { get; init; } = "0";
    public string Deny { get; init; } = "0";
}
