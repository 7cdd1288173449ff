using System.Text;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt help</c>: one usage line per command the caller can use here, written from the descriptors.</summary>
/// <remarks>Reads the registry when asked, not when built: the registry is made of the commands, this one included.</remarks>
public sealed class HelpCommand(IServiceProvider services) : ICommand
{
    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("help"),
        new("help", "帮助", "說明"),
        new("What DltBot can do", "DltBot 能做什么", "DltBot 能做什麼"),
        []);

    public async ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<CommandRegistry>();
        var access = services.GetRequiredService<ICommandAccessPolicy>();
        var language = context.Language;
        var lines = new List<string>();
        // Only what this caller may run here: a member does not see the moderators' commands.
        foreach (var command in registry.Commands)
        {
            if (!await access.IsAllowedAsync(command.Descriptor, context.Caller, context.Place, cancellationToken).ConfigureAwait(false)) continue;
            lines.Add(Usage(command.Descriptor, language, context.Surface) + (language == Language.Chinese ? "：" : ": ") + command.Descriptor.Description.In(language));
        }
        return new InfoReply(language, Strings.Get(language, TextKey.HelpTitle), [], lines);
    }

    /// <summary><c>/dlt search &lt;query&gt; [--topic &lt;topic&gt;] …</c>; optional parts in brackets, choices with <c>|</c>.</summary>
    public static string Usage(CommandDescriptor command, Language language, Surface surface)
    {
        var text = new StringBuilder("/").Append(string.Join(' ', command.Path.Parts));
        foreach (var option in command.Options.Where(o => surface != Surface.Discord || !o.TextOnly).OrderBy(o => o.Positional ? 0 : 1))
        {
            var value = option.Choices is { } choices ? string.Join('|', choices.Select(c => c.Value)) : $"<{option.Names.In(language)}>";
            var part = option.Positional ? value : $"--{option.Name} {value}";
            text.Append(' ').Append(option.Required ? part : $"[{part}]");
        }
        return text.ToString();
    }
}
