using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>One command: its descriptor and its handler. Adding a command is one of these plus its strings.</summary>
public interface ICommand
{
    CommandDescriptor Descriptor { get; }

    /// <summary>Answers with a reply model; never writes anywhere or talks to HTTP. Arguments are already validated.</summary>
    ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken);
}
