using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>The "unknown command" answer, with the closest names when a name was mistyped.</summary>
public static class CommandSuggestions
{
    /// <param name="prefix">How the names are written on this surface (<c>/dlt </c>, <c>dltbot </c>).</param>
    public static ErrorReply UnknownCommand(string command, Language language, IReadOnlyList<string> names, string prefix)
    {
        var close = Similarity.Closest(command, names, 2);
        return close.Count == 0
            ? new ErrorReply(language, ErrorKind.UnknownCommand,
                Strings.Get(language, TextKey.ErrorUnknownCommandNoSuggestion, command, string.Join(" ", names)), names)
            : new ErrorReply(language, ErrorKind.UnknownCommand,
                Strings.Get(language, TextKey.ErrorUnknownCommand, command, Strings.JoinList(language, close.Select(c => prefix + c)), prefix + "help"), close);
    }
}
