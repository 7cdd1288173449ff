using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Shell;

/// <summary>What a shell line asks for: a command, leaving, or nothing at all.</summary>
public abstract record ShellInput
{
    public sealed record Empty : ShellInput;
    public sealed record Quit : ShellInput;
    public sealed record Command(ICommand Target, RawArguments Arguments) : ShellInput;
    public sealed record Invalid(ErrorReply Error) : ShellInput;
}

/// <summary>
/// Reads <c>/dlt &lt;command&gt; [text] [--option value]</c> lines against the registry (the <c>/dlt</c> prefix is
/// optional, so is a leading slash; other top-level commands such as <c>/dlt-mod</c> are named in full);
/// <c>/help</c>, <c>/quit</c> and <c>/exit</c> are shell words.
/// </summary>
public sealed class ShellLineParser(CommandRegistry registry)
{
    public ShellInput Parse(string line, Language language)
    {
        var tokenized = ShellTokenizer.Tokenize(line);
        if (tokenized.UnclosedQuoteColumn is { } column)
            return new ShellInput.Invalid(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorUnclosedQuote, column));

        var tokens = tokenized.Tokens.ToList();
        if (tokens.Count == 0) return new ShellInput.Empty();

        var topLevel = DltCommandSet.TopLevelName;
        if (registry.TopLevel(tokens[0].TrimStart('/')) is { } named)
        {
            topLevel = named.Name;
            tokens.RemoveAt(0);
        }
        if (tokens.Count == 0)
        {
            return topLevel == DltCommandSet.TopLevelName
                ? new ShellInput.Command(registry.Find(DltCommandSet.Path("help"))!, RawArguments.Empty)
                : new ShellInput.Invalid(Unknown(topLevel, "", language));
        }

        var first = tokens[0].TrimStart('/').ToLowerInvariant();
        if (first is "quit" or "exit" or "q") return new ShellInput.Quit();

        var command = registry.Find(topLevel, [first]);
        var consumed = 1;
        if (command is null && tokens.Count > 1 && registry.Find(topLevel, [first, tokens[1].ToLowerInvariant()]) is { } grouped)
        {
            command = grouped;
            consumed = 2;
        }
        if (command is null) return new ShellInput.Invalid(Unknown(topLevel, first, language));

        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = consumed; i < tokens.Count; i++)
        {
            var token = NormalizeDashes(tokens[i]);
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                words.Add(tokens[i]);
                continue;
            }

            var name = token[2..].ToLowerInvariant();
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = token[(2 + equals + 1)..];
                name = name[..equals];
            }
            var option = command.Descriptor.Option(name);
            if (value is null && option?.Kind == OptionKind.Boolean && (i + 1 == tokens.Count || !IsBoolean(tokens[i + 1])))
            {
                value = bool.TrueString;
            }
            else if (value is null && i + 1 < tokens.Count && !NormalizeDashes(tokens[i + 1]).StartsWith("--", StringComparison.Ordinal))
            {
                value = tokens[++i];
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return new ShellInput.Invalid(option is not null
                    ? ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorOptionNeedsValue, "--" + name, option.Example ?? "--" + name + " …")
                    : ArgumentBinder.Bind(command.Descriptor, new RawArguments(new Dictionary<string, string> { [name] = "x" }), language,
                        "/" + string.Join(' ', command.Descriptor.Path.Parts)).Error!);
            }
            options[name] = value;
        }
        return new ShellInput.Command(command, new RawArguments(options, words.Count == 0 ? null : string.Join(' ', words)));
    }

    private ErrorReply Unknown(string topLevel, string name, Language language)
    {
        var names = registry.Under(topLevel).Select(c => c.Descriptor.Path.Below).ToList();
        return CommandSuggestions.UnknownCommand(name, language, names, "/" + topLevel + " ");
    }

    private static bool IsBoolean(string token) => token.ToLowerInvariant() is "true" or "false" or "yes" or "no";

    // A Chinese input method often turns "--" into an em dash; accept it rather than treat it as text.
    private static string NormalizeDashes(string token) =>
        token.StartsWith("——", StringComparison.Ordinal) ? "--" + token[2..] : token.StartsWith('—') ? "--" + token[1..] : token;
}
