using System.Globalization;
using System.Text.RegularExpressions;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>Either validated arguments or the one-line error that says which option was wrong and why.</summary>
public sealed record BindOutcome(CommandArguments? Arguments, ErrorReply? Error)
{
    public static BindOutcome Ok(CommandArguments arguments) => new(arguments, null);
    public static BindOutcome Fail(ErrorReply error) => new(null, error);
}

/// <summary>
/// Checks raw values against a command's descriptor in one place, so the shell, the CLI and Discord give the same errors
/// and the server enforces the same caps Discord is told about (a client can send anything).
/// </summary>
public static partial class ArgumentBinder
{
    /// <param name="usage">How the command is written on this surface (<c>/dlt search</c>, <c>dltbot search</c>), for messages.</param>
    public static BindOutcome Bind(CommandDescriptor command, RawArguments raw, Language language, string usage)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in raw.Options)
        {
            var option = command.Option(name);
            if (option is null) return BindOutcome.Fail(UnknownOption(command, name, language, usage));
            values[option.Name] = text;
        }

        var words = string.IsNullOrWhiteSpace(raw.Words) ? null : raw.Words.Trim();
        if (words is not null)
        {
            if (command.Positional is not { } positional)
                return BindOutcome.Fail(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorTooManyArguments, usage, words));
            values[positional.Name] = words;
        }

        var bound = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in command.Options)
        {
            var given = values.TryGetValue(option.Name, out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
            if (given is null)
            {
                if (option.Required) return BindOutcome.Fail(Missing(option, language, usage));
                continue;
            }
            var checkedValue = Check(option, given, language, out var error);
            if (error is not null) return BindOutcome.Fail(error);
            bound[option.Name] = checkedValue!;
        }
        return BindOutcome.Ok(new CommandArguments(bound));
    }

    /// <summary>How errors and help write an option: <c>--year</c>, or the bare name of the positional one.</summary>
    public static string Display(OptionDescriptor option) => option.Positional ? option.Name : "--" + option.Name;

    private static string? Check(OptionDescriptor option, string text, Language language, out ErrorReply? error)
    {
        error = null;
        if (option.Choices is { } choices)
        {
            var choice = choices.FirstOrDefault(c => c.Matches(text));
            if (choice is not null) return choice.Value;
            error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadChoice, Display(option), Clip(text),
                string.Join(" ", choices.Select(c => c.Value)));
            return null;
        }

        switch (option.Kind)
        {
            case OptionKind.String:
                if (option.EffectiveMaxLength is { } max && text.Length > max)
                {
                    error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorTooLong, Display(option), text.Length, max);
                    return null;
                }
                if (option.MinLength is { } min && text.Length < min)
                {
                    error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorTooShort, Display(option), text.Length, min);
                    return null;
                }
                break;
            case OptionKind.Integer:
                var low = option.MinValue ?? int.MinValue;
                var high = option.MaxValue ?? int.MaxValue;
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < low || number > high)
                {
                    error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadNumber, Display(option), Clip(text), low, high);
                    return null;
                }
                return number.ToString(CultureInfo.InvariantCulture);
            case OptionKind.Boolean:
                if (ParseBoolean(text) is { } flag) return flag ? bool.TrueString : bool.FalseString;
                error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadBoolean, Display(option), Clip(text));
                return null;
            case OptionKind.Channel or OptionKind.Role or OptionKind.User:
                if (ParseId(text) is { } id) return id.ToString(CultureInfo.InvariantCulture);
                error = ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorBadMention, Display(option), Clip(text));
                return null;
        }

        if (option.Validate is { } validate && !validate(text))
        {
            error = new ErrorReply(language, ErrorKind.BadOption,
                string.Format(CultureInfo.InvariantCulture, (option.InvalidText ?? DefaultInvalid).In(language), Display(option), Clip(text)), []);
            return null;
        }
        return text;
    }

    private static readonly CommandText DefaultInvalid = new("{0} \"{1}\" is not a valid value", "{0}「{1}」不是有效的值");

    private static bool? ParseBoolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "on" or "1" or "是" => true,
        "false" or "no" or "n" or "off" or "0" or "否" => false,
        _ => null,
    };

    /// <summary>A Discord id, typed bare or as a mention (<c>&lt;#1&gt;</c>, <c>&lt;@&amp;1&gt;</c>, <c>&lt;@!1&gt;</c>).</summary>
    private static ulong? ParseId(string text)
    {
        var match = MentionPattern().Match(text);
        return match.Success && ulong.TryParse(match.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }

    private static ErrorReply Missing(OptionDescriptor option, Language language, string usage) => option.Positional
        ? ErrorReply.Of(language, ErrorKind.MissingArgument, TextKey.ErrorMissingArgument, usage,
            (option.What ?? option.Names).In(language), usage + " " + (option.Example ?? option.Name))
        : ErrorReply.Of(language, ErrorKind.MissingArgument, TextKey.ErrorMissingOption, usage, Display(option),
            option.Example ?? Display(option) + " …");

    private static ErrorReply UnknownOption(CommandDescriptor command, string name, Language language, string usage)
    {
        var named = command.Options.Where(o => !o.Positional).Select(Display).ToList();
        return named.Count == 0
            ? ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorNoOptions, usage, "--" + name)
            : ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorUnknownOption, usage, "--" + name, string.Join(" ", named));
    }

    // A value echoed in an error is cut short: a 6,000-character id must not come back as a 6,000-character error.
    private static string Clip(string text) => text.Length <= 60 ? text : text[..59] + "…";

    [GeneratedRegex(@"^(?:<(?:#|@&|@!|@))?(?<id>\d{1,20})>?$", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();
}
