namespace DltBot.Bot.Commands.Framework;

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
