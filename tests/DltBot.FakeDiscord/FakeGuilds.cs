namespace DltBot.FakeDiscord;

/// <summary>A guild the fake answers for (GET /guilds/{id}); its @everyone role has the guild's id.</summary>
/// <param name="EveryonePermissions">Bit field of the @everyone role.</param>
/// <param name="Roles">Other roles; the @everyone role is added from <paramref name="EveryonePermissions"/>.</param>
public sealed record FakeGuild(string Id, string OwnerId, ulong EveryonePermissions, IReadOnlyList<FakeRole> Roles, string Name = "Study group");

public sealed record FakeRole(string Id, string Name, ulong Permissions, int Position = 1);

/// <summary>A guild channel; type 0 text, 5 announcement (its threads are type 10), 4 category.</summary>
public sealed record FakeChannel(string Id, string GuildId, string Name, int Type = 0, string? ParentId = null)
{
    public IReadOnlyList<FakeOverwrite> Overwrites { get; init; } = [];
}

/// <param name="Type">0 role (the guild id is @everyone), 1 member.</param>
public sealed record FakeOverwrite(string Id, int Type, ulong Allow = 0, ulong Deny = 0)
{
    public static FakeOverwrite Role(string roleId, ulong allow = 0, ulong deny = 0) => new(roleId, 0, allow, deny);

    public static FakeOverwrite Member(string userId, ulong allow = 0, ulong deny = 0) => new(userId, 1, allow, deny);
}

/// <summary>What a channel answers once <see cref="FakeRest.SetChannelFault"/> is set, until it is cleared.</summary>
public enum ChannelFault
{
    /// <summary>404, code 10003 "Unknown Channel" (deleted).</summary>
    UnknownChannel,

    /// <summary>403, code 50001 "Missing Access" (the bot cannot see it).</summary>
    MissingAccess,

    /// <summary>403, code 50013 "Missing Permissions".</summary>
    MissingPermissions,

    /// <summary>500 with a JSON body.</summary>
    InternalServerError,
}

/// <summary>Which requests on the channel a <see cref="ChannelFault"/> applies to.</summary>
public enum ChannelFaultScope
{
    /// <summary>Every route with that channel id (messages, threads, GET channel).</summary>
    AllRoutes,

    /// <summary>Only POST /channels/{id}/messages.</summary>
    CreateMessage,

    /// <summary>Only POST /channels/{id}/messages/{mid}/threads (the post succeeds, its thread does not).</summary>
    StartThread,
}

/// <summary>A message the fake accepted on POST /channels/{id}/messages, with the request that created it.</summary>
/// <param name="Request">Its body has what the message does not keep, such as <c>allowed_mentions</c> and <c>enforce_nonce</c>.</param>
/// <param name="MessageId">Snowflake of the stored message; <see cref="FakeRest.GetMessageJson"/> shows it now.</param>
public sealed record FakeChannelPost(string ChannelId, string MessageId, RecordedRequest Request);
