using DltBot.Discord.Models;

namespace DltBot.Discord.Permissions;

/// <summary>Who permissions are computed for: a user and the guild roles they hold (without @everyone).</summary>
public sealed record PermissionSubject(ulong UserId, IReadOnlyCollection<ulong> RoleIds)
{
    /// <exception cref="ArgumentException">The member object carries no user (as in some partial payloads).</exception>
    public static PermissionSubject From(GuildMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var user = member.User ?? throw new ArgumentException("The guild member has no user, so its permissions cannot be computed.", nameof(member));
        return new PermissionSubject(user.Id, member.Roles ?? []);
    }
}

/// <summary>
/// Discord's documented permission algorithm, pure: base permissions from @everyone and the member's roles
/// (owner and Administrator get everything), then the channel's overwrites (@everyone, then all the member's
/// roles together, then the member; deny before allow at each level). Threads use their parent's overwrites.
/// </summary>
public static class ChannelPermissions
{
    private const DiscordPermissions NeedsSending =
        DiscordPermissions.SendTtsMessages | DiscordPermissions.MentionEveryone | DiscordPermissions.AttachFiles | DiscordPermissions.EmbedLinks;

    /// <summary>Guild-wide permissions, before any channel overwrites.</summary>
    public static DiscordPermissions ForGuild(Guild guild, PermissionSubject subject)
    {
        ArgumentNullException.ThrowIfNull(guild);
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.UserId == guild.OwnerId)
        {
            return DiscordPermissions.All;
        }

        var permissions = DiscordPermissions.None;
        foreach (var role in guild.Roles)
        {
            if (role.Id == guild.Id || subject.RoleIds.Contains(role.Id))
            {
                permissions |= DiscordPermissionsText.Parse(role.Permissions, $"role {role.Id} permissions");
            }
        }

        return permissions.HasFlag(DiscordPermissions.Administrator) ? DiscordPermissions.All : permissions;
    }

    /// <summary>
    /// Permissions in <paramref name="channel"/>. For a thread pass its <paramref name="parent"/>: a thread has no
    /// overwrites of its own and sending there is governed by Send Messages in Threads instead of Send Messages.
    /// </summary>
    /// <exception cref="ArgumentException">A thread without its parent, or a parent that is not the thread's.</exception>
    public static DiscordPermissions ForChannel(Guild guild, PermissionSubject subject, Channel channel, Channel? parent = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var overwritesFrom = channel;
        if (channel.IsThread)
        {
            if (parent is null || parent.Id != channel.ParentId)
            {
                throw new ArgumentException(
                    $"Channel {channel.Id} is a thread of {channel.ParentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown channel"}; " +
                    $"pass that parent channel{(parent is null ? "" : $", not {parent.Id}")}.",
                    nameof(parent));
            }

            overwritesFrom = parent;
        }

        var guildWide = ForGuild(guild, subject);
        if (guildWide == DiscordPermissions.All)
        {
            return DiscordPermissions.All;
        }

        var permissions = ApplyOverwrites(guildWide, guild.Id, subject, overwritesFrom.PermissionOverwrites ?? []);
        return ApplyImplicit(permissions, channel.IsThread);
    }

    /// <summary>The overwrite step alone, without the implicit rules (kept apart for testing each level).</summary>
    public static DiscordPermissions ApplyOverwrites(
        DiscordPermissions guildWide, ulong guildId, PermissionSubject subject, IReadOnlyList<PermissionOverwrite> overwrites)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(overwrites);
        if (guildWide.HasFlag(DiscordPermissions.Administrator))
        {
            return DiscordPermissions.All;
        }

        var permissions = guildWide;
        if (overwrites.FirstOrDefault(o => o.Type == PermissionOverwriteType.Role && o.Id == guildId) is { } everyone)
        {
            permissions = Apply(permissions, Deny(everyone), Allow(everyone));
        }

        // Role overwrites act as one: a role's allow beats another role's deny.
        var roleDeny = DiscordPermissions.None;
        var roleAllow = DiscordPermissions.None;
        foreach (var overwrite in overwrites)
        {
            if (overwrite.Type == PermissionOverwriteType.Role && overwrite.Id != guildId && subject.RoleIds.Contains(overwrite.Id))
            {
                roleDeny |= Deny(overwrite);
                roleAllow |= Allow(overwrite);
            }
        }

        permissions = Apply(permissions, roleDeny, roleAllow);
        if (overwrites.FirstOrDefault(o => o.Type == PermissionOverwriteType.Member && o.Id == subject.UserId) is { } member)
        {
            permissions = Apply(permissions, Deny(member), Allow(member));
        }

        return permissions;
    }

    /// <summary>
    /// Discord's implicit rules: without View Channel nothing else applies; without the right to send (Send Messages,
    /// in threads Send Messages in Threads) embeds, files, TTS and mentions of everyone go too.
    /// </summary>
    private static DiscordPermissions ApplyImplicit(DiscordPermissions permissions, bool thread)
    {
        if (!permissions.HasFlag(DiscordPermissions.ViewChannel))
        {
            return DiscordPermissions.None;
        }

        var send = thread ? DiscordPermissions.SendMessagesInThreads : DiscordPermissions.SendMessages;
        return permissions.HasFlag(send) ? permissions : permissions & ~NeedsSending;
    }

    private static DiscordPermissions Apply(DiscordPermissions permissions, DiscordPermissions deny, DiscordPermissions allow) =>
        (permissions & ~deny) | allow;

    private static DiscordPermissions Allow(PermissionOverwrite o) => DiscordPermissionsText.Parse(o.Allow, $"overwrite {o.Id} allow");

    private static DiscordPermissions Deny(PermissionOverwrite o) => DiscordPermissionsText.Parse(o.Deny, $"overwrite {o.Id} deny");
}

/// <summary>What a scheduled post needs in its channel, and which of it is missing.</summary>
public static class PostingPermissions
{
    /// <summary>See the channel, post, render the embed, open a thread on the post and write in that thread.</summary>
    public const DiscordPermissions PostWithThread =
        DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages | DiscordPermissions.EmbedLinks
        | DiscordPermissions.CreatePublicThreads | DiscordPermissions.SendMessagesInThreads;

    /// <summary>
    /// The set for a weekly post: always view, send, embed links and read history (GET messages, which the
    /// restart check and the poll read need); threads add create/send in threads; a poll adds Create Polls.
    /// </summary>
    public static DiscordPermissions ForWeeklyPost(bool thread, bool poll)
    {
        var required = DiscordPermissions.ViewChannel | DiscordPermissions.SendMessages | DiscordPermissions.EmbedLinks
            | DiscordPermissions.ReadMessageHistory;
        if (thread)
        {
            required |= DiscordPermissions.CreatePublicThreads | DiscordPermissions.SendMessagesInThreads;
        }

        if (poll)
        {
            required |= DiscordPermissions.SendPolls;
        }

        return required;
    }

    public static DiscordPermissions Missing(DiscordPermissions effective, DiscordPermissions required) => required & ~effective;

    /// <summary>Display names of the missing permissions, in Discord's bit order (View Channel first); empty when none.</summary>
    public static IReadOnlyList<string> MissingNames(DiscordPermissions effective, DiscordPermissions required) =>
        [.. Missing(effective, required).Bits().Select(p => p.DisplayName())];

    /// <summary>Computes the member's permissions in the channel and names what is missing from <paramref name="required"/>.</summary>
    public static IReadOnlyList<string> MissingNames(
        Guild guild, GuildMember member, Channel channel, DiscordPermissions required, Channel? parent = null) =>
        MissingNames(ChannelPermissions.ForChannel(guild, PermissionSubject.From(member), channel, parent), required);
}
