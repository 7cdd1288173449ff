namespace DltBot.Bot.Commands.Framework;

/// <summary>Decides, on the server, whether a caller may run a command in a place.</summary>
public interface ICommandAccessPolicy
{
    ValueTask<bool> IsAllowedAsync(CommandDescriptor command, Caller caller, Place place, CancellationToken cancellationToken);
}
