using System.Globalization;
using DltBot.Bot.Localization;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands;

/// <summary>Either a request or the one-line error explaining why there is none.</summary>
public sealed record ParseOutcome(DltRequest? Request, ErrorReply? Error)
{
    public static ParseOutcome Ok(DltRequest request) => new(request, null);
    public static ParseOutcome Fail(ErrorReply error) => new(null, error);
}

/// <summary>The <c>/dlt</c> grammar: command names and the options each accepts.</summary>
public static class DltGrammar
{
    public const string Topics = "topics", Topic = "topic", Show = "show", Search = "search", Random = "random", Help = "help", About = "about";
    public const string TopicOption = "topic", YearOption = "year", KindOption = "kind", LimitOption = "limit", PageOption = "page";

    public static IReadOnlyList<string> Commands { get; } = [Topics, Topic, Show, Search, Random, Help, About];

    public static IReadOnlyList<string> OptionsOf(string command) => command switch
    {
        Topic => [PageOption],
        Search => [TopicOption, YearOption, KindOption, LimitOption, PageOption],
        _ => [],
    };

    public static string Example(string option) => option switch
    {
        TopicOption => "--topic optimization",
        YearOption => "--year 2019-2022",
        KindOption => "--kind paper",
        LimitOption => "--limit 5",
        PageOption => "--page 2",
        _ => "--" + option,
    };
}

/// <summary>
/// Turns the raw pieces any surface collects (command name, free text, option values as typed) into a request,
/// validating every value in one place so the shell, the one-shot CLI and Discord give the same errors.
/// </summary>
public static class RequestBuilder
{
    private static readonly Dictionary<string, EntryKind> KindNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["paper"] = EntryKind.Paper, ["论文"] = EntryKind.Paper,
        ["course"] = EntryKind.Course, ["课程"] = EntryKind.Course,
        ["book"] = EntryKind.Book, ["书"] = EntryKind.Book, ["书籍"] = EntryKind.Book,
        ["article"] = EntryKind.Article, ["文章"] = EntryKind.Article,
        ["video"] = EntryKind.Video, ["视频"] = EntryKind.Video,
        ["code"] = EntryKind.Code, ["代码"] = EntryKind.Code,
        ["other"] = EntryKind.Other, ["其他"] = EntryKind.Other,
    };

    public static ParseOutcome Create(string command, string? text, IReadOnlyDictionary<string, string> options, Language language, string commandPrefix = "/dlt")
    {
        var name = command.Trim().ToLowerInvariant();
        if (!DltGrammar.Commands.Contains(name)) return ParseOutcome.Fail(UnknownCommand(command, language, DltGrammar.Commands, commandPrefix));
        var usage = commandPrefix + " " + name;

        var allowed = DltGrammar.OptionsOf(name);
        foreach (var option in options.Keys.Where(o => !allowed.Contains(o)))
        {
            return ParseOutcome.Fail(allowed.Count == 0
                ? ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorNoOptions, usage, "--" + option)
                : ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorUnknownOption, usage, "--" + option,
                    string.Join(" ", allowed.Select(o => "--" + o))));
        }

        var argument = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        switch (name)
        {
            case DltGrammar.Topics or DltGrammar.Help or DltGrammar.About:
                if (argument is not null)
                    return ParseOutcome.Fail(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorTooManyArguments, usage, argument));
                return ParseOutcome.Ok(name switch
                {
                    DltGrammar.Topics => new TopicsRequest(),
                    DltGrammar.Help => new HelpRequest(),
                    _ => new AboutRequest(),
                });
            case DltGrammar.Topic:
            {
                if (argument is null) return ParseOutcome.Fail(Missing(language, usage, TextKey.ArgumentTopicName, commandPrefix + " topic optimization"));
                var page = Number(options, DltGrammar.PageOption, 1, 1, 1000, language, out var error);
                return error is null ? ParseOutcome.Ok(new TopicRequest(argument, page)) : ParseOutcome.Fail(error);
            }
            case DltGrammar.Show:
                return argument is null
                    ? ParseOutcome.Fail(Missing(language, usage, TextKey.ArgumentEntryId, commandPrefix + " show arxiv:2210.01117"))
                    : ParseOutcome.Ok(new ShowRequest(argument));
            case DltGrammar.Random:
                return ParseOutcome.Ok(new RandomRequest(argument));
            default:
                return CreateSearch(argument, options, language, commandPrefix);
        }
    }

    private static ParseOutcome CreateSearch(string? argument, IReadOnlyDictionary<string, string> options, Language language, string commandPrefix)
    {
        if (argument is null) return ParseOutcome.Fail(Missing(language, commandPrefix + " search", TextKey.ArgumentQuery, commandPrefix + " search grokking"));

        YearRange? years = null;
        if (options.TryGetValue(DltGrammar.YearOption, out var yearText))
        {
            years = ParseYears(yearText);
            if (years is null) return ParseOutcome.Fail(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadYear, yearText));
        }

        EntryKind? kind = null;
        if (options.TryGetValue(DltGrammar.KindOption, out var kindText))
        {
            if (!KindNames.TryGetValue(kindText.Trim(), out var parsed))
                return ParseOutcome.Fail(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadKind, kindText,
                    string.Join(" ", Enum.GetNames<EntryKind>().Select(n => n.ToLowerInvariant()))));
            kind = parsed;
        }

        var limit = Number(options, DltGrammar.LimitOption, SearchRequest.DefaultLimit, 1, SearchRequest.MaxLimit, language, out var limitError);
        if (limitError is not null) return ParseOutcome.Fail(limitError);
        var page = Number(options, DltGrammar.PageOption, 1, 1, 1000, language, out var pageError);
        if (pageError is not null) return ParseOutcome.Fail(pageError);

        var topic = options.TryGetValue(DltGrammar.TopicOption, out var topicText) && !string.IsNullOrWhiteSpace(topicText) ? topicText.Trim() : null;
        return ParseOutcome.Ok(new SearchRequest(argument, topic, years, kind, limit, page));
    }

    /// <summary>"2020", "2019-2022" (also with an en dash or "..") in 1900..2100, from not after to.</summary>
    public static YearRange? ParseYears(string text)
    {
        var parts = text.Trim().Replace("..", "-").Replace('–', '-').Replace('—', '-').Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2) return null;
        if (!TryYear(parts[0], out var from)) return null;
        var to = from;
        if (parts.Length == 2 && !TryYear(parts[1], out to)) return null;
        return from <= to ? new YearRange(from, to) : null;

        static bool TryYear(string s, out int year) =>
            int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2100;
    }

    public static ErrorReply UnknownCommand(string command, Language language, IReadOnlyList<string> commands, string commandPrefix = "/dlt")
    {
        var close = Similarity.Closest(command, commands, 2);
        return close.Count == 0
            ? new ErrorReply(language, ErrorKind.UnknownCommand,
                Strings.Get(language, TextKey.ErrorUnknownCommandNoSuggestion, command, string.Join(" ", commands)), commands)
            : new ErrorReply(language, ErrorKind.UnknownCommand,
                Strings.Get(language, TextKey.ErrorUnknownCommand, command, Strings.JoinList(language, close.Select(c => commandPrefix + " " + c))), close);
    }

    private static ErrorReply Missing(Language language, string usage, string whatKey, string example) =>
        ErrorReply.Of(language, ErrorKind.MissingArgument, TextKey.ErrorMissingArgument, usage, Strings.Get(language, whatKey), example);

    private static int Number(IReadOnlyDictionary<string, string> options, string option, int fallback, int min, int max, Language language, out ErrorReply? error)
    {
        error = null;
        if (!options.TryGetValue(option, out var text)) return fallback;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadNumber, "--" + option, text, min, max);
        return fallback;
    }
}
