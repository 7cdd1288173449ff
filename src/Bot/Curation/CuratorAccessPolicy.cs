using System.Collections.Concurrent;
using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Storage;

namespace DltBot.Bot.Curation;

/// <summary>
/// Everyone may run <see cref="CommandAccess.Everyone"/> commands. Moderator commands need the shell or CLI (the
/// operator), or a guild member whose permissions, as Discord sent them in the interaction, include Manage Server or
/// Administrator, or who has one of the guild's curator roles. Never from a DM: a moderator command changes a guild.
/// Discord hiding the command proves nothing: a server can grant it to anyone in its settings.
/// </summary>
public sealed class CuratorAccessPolicy(ICuratorRoles curatorRoles) : ICommandAccessPolicy
{
    private readonly ConcurrentDictionary<string, IReadOnlySet<ulong>> rolesByGuild = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsAllowedAsync(CommandDescriptor command, Caller caller, Place place, CancellationToken cancellationToken)
    {
        if (command.Access == CommandAccess.Everyone || caller.IsOperator) return true;
        if (!place.IsGuild) return false;
        if (caller.Has(DiscordPermission.ManageGuild) || caller.Has(DiscordPermission.Administrator)) return true;
        if (caller.RoleIds.Count == 0) return false;
        var curators = await RolesAsync(place.Key, cancellationToken).ConfigureAwait(false);
        return caller.RoleIds.Any(curators.Contains);
    }

    /// <summary>Forgets a guild's cached curator roles after they changed.</summary>
    public void Forget(string guild) => rolesByGuild.TryRemove(guild, out _);

    private async ValueTask<IReadOnlySet<ulong>> RolesAsync(string guild, CancellationToken cancellationToken)
    {
        if (rolesByGuild.TryGetValue(guild, out var cached)) return cached;
        var roles = (await curatorRoles.ListAsync(guild, cancellationToken).ConfigureAwait(false))
            .Select(r => ulong.Parse(r, CultureInfo.InvariantCulture)).ToHashSet();
        rolesByGuild[guild] = roles;
        return roles;
    }
}
