using System.Text;

namespace DltBot.Bot.Shell;

/// <summary>Tokens of a shell line, or the 1-based column of a quote that was never closed.</summary>
public sealed record TokenizeResult(IReadOnlyList<string> Tokens, int? UnclosedQuoteColumn);

/// <summary>
/// Splits a shell line on whitespace, keeping quoted parts together. Accepts "double", 'single' and the curly quotes
/// a Chinese input method types (“...” and ‘...’); a backslash escapes the next character.
/// </summary>
public static class ShellTokenizer
{
    public static TokenizeResult Tokenize(string line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inToken = false;
        char? closing = null;
        var quoteColumn = 0;

        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length)
            {
                current.Append(line[++i]);
                inToken = true;
            }
            else if (closing is not null)
            {
                if (c == closing) closing = null;
                else current.Append(c);
            }
            else if (ClosingQuote(c) is { } close)
            {
                closing = close;
                quoteColumn = i + 1;
                inToken = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inToken) tokens.Add(current.ToString());
                current.Clear();
                inToken = false;
            }
            else
            {
                current.Append(c);
                inToken = true;
            }
        }

        if (closing is not null) return new TokenizeResult(tokens, quoteColumn);
        if (inToken) tokens.Add(current.ToString());
        return new TokenizeResult(tokens, null);
    }

    private static char? ClosingQuote(char c) => c switch
    {
        '"' => '"',
        '\'' => '\'',
        '“' => '”',
        '‘' => '’',
        _ => null,
    };
}
