using DltBot.Bot.Commands;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Shell;

/// <summary>What a shell line asks for: a command, leaving, or nothing at all.</summary>
public abstract record ShellInput
{
    public sealed record Empty : ShellInput;
    public sealed record Quit : ShellInput;
    public sealed record Command(DltRequest Request) : ShellInput;
    public sealed record Invalid(ErrorReply Error) : ShellInput;
}

/// <summary>
/// Reads <c>/dlt &lt;command&gt; [text] [--option value]</c> lines (the <c>/dlt</c> prefix is optional, so is a leading
/// slash); <c>/help</c>, <c>/quit</c> and <c>/exit</c> are shell words.
/// </summary>
public static class ShellLineParser
{
    public static ShellInput Parse(string line, Language language)
    {
        var tokenized = ShellTokenizer.Tokenize(line);
        if (tokenized.UnclosedQuoteColumn is { } column)
            return new ShellInput.Invalid(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorUnclosedQuote, column));

        var tokens = tokenized.Tokens.ToList();
        if (tokens.Count == 0) return new ShellInput.Empty();
        if (tokens[0].Equals("/dlt", StringComparison.OrdinalIgnoreCase) || tokens[0].Equals("dlt", StringComparison.OrdinalIgnoreCase))
            tokens.RemoveAt(0);
        if (tokens.Count == 0) return new ShellInput.Command(new HelpRequest());

        var command = tokens[0].TrimStart('/').ToLowerInvariant();
        if (command is "quit" or "exit" or "q") return new ShellInput.Quit();

        var words = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < tokens.Count; i++)
        {
            var token = NormalizeDashes(tokens[i]);
            if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
            {
                words.Add(tokens[i]);
                continue;
            }

            var name = token[2..];
            string? value = null;
            var equals = name.IndexOf('=');
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < tokens.Count && !NormalizeDashes(tokens[i + 1]).StartsWith("--", StringComparison.Ordinal))
            {
                value = tokens[++i];
            }

            name = name.ToLowerInvariant();
            if (string.IsNullOrWhiteSpace(value))
            {
                var known = DltGrammar.OptionsOf(command).Contains(name) || !DltGrammar.Commands.Contains(command);
                return new ShellInput.Invalid(known
                    ? ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorOptionNeedsValue, "--" + name, DltGrammar.Example(name))
                    : Unknown(command, name, language));
            }
            options[name] = value;
        }

        var outcome = RequestBuilder.Create(command, string.Join(' ', words), options, language);
        return outcome.Request is not null ? new ShellInput.Command(outcome.Request) : new ShellInput.Invalid(outcome.Error!);
    }

    private static ErrorReply Unknown(string command, string option, Language language)
    {
        var outcome = RequestBuilder.Create(command, null, new Dictionary<string, string> { [option] = "x" }, language);
        return outcome.Error ?? ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorNoOptions, "/dlt " + command, "--" + option);
    }

    // A Chinese input method often turns "--" into an em dash; accept it rather than treat it as text.
    private static string NormalizeDashes(string token) =>
        token.StartsWith("——", StringComparison.Ordinal) ? "--" + token[2..] : token.StartsWith('—') ? "--" + token[1..] : token;
}
