using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Localization;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Commands.Framework;

/// <summary>Who, where, in which language and through which surface a command is run.</summary>
/// <param name="Usage">How the surface writes a command before its path (<c>/</c> in the shell and on Discord, <c>dltbot </c> in the CLI).</param>
public sealed record Invocation(Caller Caller, Place Place, Language Language, Surface Surface, string Usage = "/")
{
    public static Invocation Local(Language language, Surface surface = Surface.Shell) =>
        new(Caller.Operator, Place.Local, language, surface, surface == Surface.Cli ? "dltbot " : "/");

    /// <summary>The command as the user would type it here: <c>/dlt search</c>, <c>dltbot search</c>.</summary>
    public string UsageOf(CommandDescriptor command) => Surface == Surface.Cli && command.Path.TopLevel == CommandPath.DefaultTopLevel
        ? Usage + command.Path.Below
        : Usage + string.Join(' ', command.Path.Parts);
}

/// <summary>A command with validated arguments, ready to run.</summary>
public sealed record PreparedCommand(ICommand Command, CommandArguments Arguments, Invocation Invocation);

/// <summary>
/// Runs a command the same way for every surface: validate the arguments against the descriptor, check who may run it,
/// pick the catalog view for the place, then call the handler.
/// </summary>
public sealed partial class CommandRunner(ICatalogViews catalogs, ICommandAccessPolicy access, ILogger<CommandRunner> logger)
{
    public async ValueTask<Reply> RunAsync(ICommand command, RawArguments raw, Invocation invocation, CancellationToken cancellationToken)
    {
        var prepared = Prepare(command, raw, invocation, out var invalid);
        return prepared is null ? invalid! : await ExecuteAsync(prepared, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates the arguments at once (cheap, so a surface can answer a bad option without deferring).</summary>
    public static PreparedCommand? Prepare(ICommand command, RawArguments raw, Invocation invocation, out ErrorReply? error)
    {
        var bound = ArgumentBinder.Bind(command.Descriptor, raw, invocation.Language, invocation.UsageOf(command.Descriptor));
        error = bound.Error;
        return bound.Arguments is { } arguments ? new PreparedCommand(command, arguments, invocation) : null;
    }

    public async ValueTask<Reply> ExecuteAsync(PreparedCommand prepared, CancellationToken cancellationToken)
    {
        var (command, arguments, invocation) = prepared;
        var descriptor = command.Descriptor;
        if (!await access.IsAllowedAsync(descriptor, invocation.Caller, invocation.Place, cancellationToken).ConfigureAwait(false))
        {
            LogRefused(logger, descriptor.Path.ToString(), invocation.Caller.UserId, invocation.Place.Key);
            return ErrorReply.Of(invocation.Language, ErrorKind.Forbidden,
                invocation.Place.IsGuild || invocation.Place.IsLocal ? TextKey.ErrorForbidden : TextKey.ErrorGuildOnly, invocation.UsageOf(descriptor));
        }

        var context = new CommandContext(descriptor, arguments, invocation.Caller, invocation.Place, invocation.Language,
            catalogs.ViewFor(invocation.Place), invocation.Surface, invocation.Usage);
        return await command.HandleAsync(context, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4001, EventName = "CommandRefused", Level = LogLevel.Warning,
        Message = "Refused {Command} for user {UserId} in {Place}: not allowed to run it.")]
    private static partial void LogRefused(ILogger logger, string command, ulong userId, string place);
}
