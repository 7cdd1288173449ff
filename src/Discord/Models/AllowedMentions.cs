namespace DltBot.Discord.Models;

public sealed record AllowedMentions
{
    /// <summary>"users", "roles", "everyone"; an empty list suppresses every ping.</summary>
    public IReadOnlyList<string>? Parse { get; init; }

    public IReadOnlyList<ulong>? Users { get; init; }
    public IReadOnlyList<ulong>? Roles { get; init; }
    public bool? RepliedUser { get; init; }

    /// <summary>
    /// <c>{"parse": []}</c>: our default on every message, because catalog text and user input may contain
    /// <c>@everyone</c> or role mentions that must never ping.
    /// </summary>
    public static AllowedMentions None { get; } = new() { Parse = [] };

    /// <summary>Pings exactly these roles and nothing else (no users, no @everyone).</summary>
    public static AllowedMentions OnlyRoles(params IReadOnlyList<ulong> roleIds) => new() { Parse = [], Roles = [.. roleIds] };
}
