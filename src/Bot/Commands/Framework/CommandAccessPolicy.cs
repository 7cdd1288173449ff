using System.Diagnostics.CodeAnalysis;

namespace DltBot.Bot.Commands.Framework;

/// <summary>Decides, on the server, whether a caller may run a command in a place.</summary>
public interface ICommandAccessPolicy
{
    ValueTask<bool> IsAllowedAsync(CommandDescriptor command, Caller caller, Place place, CancellationToken cancellationToken);
}

/// <summary>Discord permission bits the policy reads.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Discord calls these bits permissions; this is not a code access security permission.")]
public static class DiscordPermission
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;
}

/// <summary>
/// Everyone may run <see cref="CommandAccess.Everyone"/> commands. Moderator commands need the shell or CLI (the
/// operator), or a guild member whose permissions, as Discord sent them, include Manage Server or Administrator. Never
/// from a DM: a moderator command changes a guild.
/// </summary>
public sealed class PermissionAccessPolicy : ICommandAccessPolicy
{
    public ValueTask<bool> IsAllowedAsync(CommandDescriptor command, Caller caller, Place place, CancellationToken cancellationToken) =>
        ValueTask.FromResult(command.Access == CommandAccess.Everyone || caller.IsOperator
                             || (place.IsGuild && (caller.Has(DiscordPermission.ManageGuild) || caller.Has(DiscordPermission.Administrator))));
}
