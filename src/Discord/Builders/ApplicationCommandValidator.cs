using System.Text.RegularExpressions;
using DltBot.Discord.Models;

namespace DltBot.Discord.Builders;

/// <summary>
/// Checks command definitions against Discord's rules before registration, so "the command never shows up"
/// becomes an error naming the command and field instead of a 400 at start-up.
/// </summary>
public static partial class ApplicationCommandValidator
{
    /// <summary>Locales Discord accepts as localization keys.</summary>
    public static IReadOnlySet<string> Locales { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "ar", "bg", "cs", "da", "de", "el", "en-GB", "en-US", "es-419", "es-ES", "fi", "fr", "he", "hi", "hr", "hu", "id", "it",
        "ja", "ko", "lt", "nl", "no", "pl", "pt-BR", "ro", "ru", "sv-SE", "th", "tr", "uk", "vi", "zh-CN", "zh-TW",
    };

    /// <summary>Every problem found, one line each with its path; empty when the definitions are valid.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<ApplicationCommand> commands)
    {
        var problems = new List<string>();
        var chatInputCount = 0;
        var seen = new HashSet<(ApplicationCommandType, string)>();
        foreach (var command in commands)
        {
            var type = command.Type ?? ApplicationCommandType.ChatInput;
            var path = $"commands[{command.Name}]";
            if (!seen.Add((type, command.Name)))
            {
                problems.Add($"{path}: the name '{command.Name}' is used by two {type} commands.");
            }

            if (type == ApplicationCommandType.ChatInput)
            {
                chatInputCount++;
                CheckChatInputCommand(command, path, problems);
            }
            else
            {
                CheckLength(command.Name, 1, DiscordLimits.CommandName, $"{path}.name", problems);
                if (!string.IsNullOrEmpty(command.Description))
                {
                    problems.Add($"{path}.description: must be empty for {type} commands.");
                }
            }

            if (command.DefaultMemberPermissions is { } permissions && !ulong.TryParse(permissions, out _))
            {
                problems.Add($"{path}.default_member_permissions: '{permissions}' is not a decimal permission bit field.");
            }
        }

        if (chatInputCount > DiscordLimits.GlobalChatInputCommands)
        {
            problems.Add($"commands: {chatInputCount} slash commands; the limit is {DiscordLimits.GlobalChatInputCommands}.");
        }

        return problems;
    }

    public static void ThrowIfInvalid(IReadOnlyList<ApplicationCommand> commands)
    {
        var problems = Validate(commands);
        if (problems.Count > 0)
        {
            throw new DiscordLimitException("commands", "are invalid: " + string.Join(" ", problems));
        }
    }

    private static void CheckChatInputCommand(ApplicationCommand command, string path, List<string> problems)
    {
        CheckName(command.Name, $"{path}.name", problems);
        CheckLength(command.Description, 1, DiscordLimits.CommandDescription, $"{path}.description", problems);
        CheckLocalizations(command.NameLocalizations, command.DescriptionLocalizations, path, problems);
        CheckOptions(command.Options ?? [], path, depth: 0, problems);

        var size = CommandSize(command.Name, command.Description, command.NameLocalizations, command.DescriptionLocalizations, command.Options);
        if (size > DiscordLimits.CommandTotalCharacters)
        {
            problems.Add($"{path}: {size} characters of names, descriptions and values; the limit is {DiscordLimits.CommandTotalCharacters}.");
        }
    }

    private static void CheckOptions(IReadOnlyList<ApplicationCommandOption> options, string path, int depth, List<string> problems)
    {
        if (options.Count > DiscordLimits.CommandOptions)
        {
            problems.Add($"{path}.options: {options.Count} options; the limit is {DiscordLimits.CommandOptions}.");
        }

        var subcommands = options.Count(o => o.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup);
        if (subcommands > 0 && subcommands < options.Count)
        {
            problems.Add($"{path}.options: subcommands and plain options cannot be mixed on one level.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var sawOptional = false;
        foreach (var option in options)
        {
            var optionPath = $"{path}.options[{option.Name}]";
            CheckName(option.Name, $"{optionPath}.name", problems);
            CheckLength(option.Description, 1, DiscordLimits.CommandDescription, $"{optionPath}.description", problems);
            CheckLocalizations(option.NameLocalizations, option.DescriptionLocalizations, optionPath, problems);

            foreach (var name in (option.NameLocalizations?.Values ?? []).Prepend(option.Name).Distinct())
            {
                if (!names.Add(name))
                {
                    problems.Add($"{optionPath}.name: '{name}' is used by another option on the same level (localized names included).");
                }
            }

            switch (option.Type)
            {
                case ApplicationCommandOptionType.SubCommandGroup:
                    if (depth > 0)
                    {
                        problems.Add($"{optionPath}: a subcommand group can only sit directly under the command.");
                    }

                    if ((option.Options ?? []).Any(o => o.Type != ApplicationCommandOptionType.SubCommand) || option.Options is not { Count: > 0 })
                    {
                        problems.Add($"{optionPath}.options: a subcommand group must contain only subcommands (at least one).");
                    }

                    CheckOptions(option.Options ?? [], optionPath, depth + 1, problems);
                    break;
                case ApplicationCommandOptionType.SubCommand:
                    if ((option.Options ?? []).Any(o => o.Type is ApplicationCommandOptionType.SubCommand or ApplicationCommandOptionType.SubCommandGroup))
                    {
                        problems.Add($"{optionPath}.options: a subcommand cannot contain subcommands or groups.");
                    }

                    CheckOptions(option.Options ?? [], optionPath, depth + 1, problems);
                    break;
                default:
                    if (option.Options is { Count: > 0 })
                    {
                        problems.Add($"{optionPath}.options: only subcommands and groups have nested options.");
                    }

                    if (option.Required == true && sawOptional)
                    {
                        problems.Add($"{optionPath}.required: required options must come before optional ones.");
                    }

                    sawOptional |= option.Required != true;
                    CheckValueOption(option, optionPath, problems);
                    break;
            }
        }
    }

    private static void CheckValueOption(ApplicationCommandOption option, string path, List<string> problems)
    {
        var choices = option.Choices ?? [];
        if (choices.Count > 0 && option.Autocomplete == true)
        {
            problems.Add($"{path}: choices and autocomplete cannot both be set.");
        }

        if (option.Autocomplete == true && option.Type is not (ApplicationCommandOptionType.String or ApplicationCommandOptionType.Integer or ApplicationCommandOptionType.Number))
        {
            problems.Add($"{path}.autocomplete: only string, integer and number options can autocomplete.");
        }

        if (choices.Count > DiscordLimits.AutocompleteChoices)
        {
            problems.Add($"{path}.choices: {choices.Count} choices; the limit is {DiscordLimits.AutocompleteChoices}.");
        }

        foreach (var choice in choices)
        {
            CheckLength(choice.Name, 1, DiscordLimits.ChoiceName, $"{path}.choices[{choice.Name}].name", problems);
            if (choice.Value.Text is { } text)
            {
                CheckLength(text, 1, DiscordLimits.ChoiceStringValue, $"{path}.choices[{choice.Name}].value", problems);
            }

            if ((option.Type == ApplicationCommandOptionType.String) != (choice.Value.Text is not null))
            {
                problems.Add($"{path}.choices[{choice.Name}].value: the value type does not match the {option.Type} option.");
            }

            foreach (var (locale, name) in choice.NameLocalizations ?? new Dictionary<string, string>())
            {
                CheckLocale(locale, $"{path}.choices[{choice.Name}].name_localizations", problems);
                CheckLength(name, 1, DiscordLimits.ChoiceName, $"{path}.choices[{choice.Name}].name_localizations.{locale}", problems);
            }
        }

        if (option.MinLength is { } minLength && (minLength < 0 || minLength > DiscordLimits.StringOptionLength))
        {
            problems.Add($"{path}.min_length: {minLength} is outside 0–{DiscordLimits.StringOptionLength}.");
        }

        if (option.MaxLength is { } maxLength && (maxLength < 1 || maxLength > DiscordLimits.StringOptionLength))
        {
            problems.Add($"{path}.max_length: {maxLength} is outside 1–{DiscordLimits.StringOptionLength}.");
        }

        if (option.MinValue > option.MaxValue)
        {
            problems.Add($"{path}.min_value: {option.MinValue} is above max_value {option.MaxValue}.");
        }
    }

    private static void CheckName(string? name, string path, List<string> problems)
    {
        if (name is null || !NamePattern().IsMatch(name))
        {
            problems.Add($"{path}: '{name}' must be 1–32 letters, digits, '-' or '_' with no spaces.");
        }
        else if (name.Any(c => char.ToLowerInvariant(c) != c))
        {
            problems.Add($"{path}: '{name}' must be lowercase.");
        }
    }

    private static void CheckLocalizations(
        IReadOnlyDictionary<string, string>? names, IReadOnlyDictionary<string, string>? descriptions, string path, List<string> problems)
    {
        foreach (var (locale, name) in names ?? new Dictionary<string, string>())
        {
            CheckLocale(locale, $"{path}.name_localizations", problems);
            CheckName(name, $"{path}.name_localizations.{locale}", problems);
        }

        foreach (var (locale, description) in descriptions ?? new Dictionary<string, string>())
        {
            CheckLocale(locale, $"{path}.description_localizations", problems);
            CheckLength(description, 1, DiscordLimits.CommandDescription, $"{path}.description_localizations.{locale}", problems);
        }
    }

    private static void CheckLocale(string locale, string path, List<string> problems)
    {
        if (!Locales.Contains(locale))
        {
            problems.Add($"{path}: '{locale}' is not a Discord locale (e.g. zh-CN, zh-TW, en-US).");
        }
    }

    private static void CheckLength(string? text, int min, int max, string path, List<string> problems)
    {
        var length = text?.Length ?? 0;
        if (length < min || length > max)
        {
            problems.Add($"{path}: {length} characters; it must be {min}–{max}.");
        }
    }

    // For localized fields only the longest variant counts toward the 8,000-character total.
    private static int CommandSize(
        string name,
        string? description,
        IReadOnlyDictionary<string, string>? nameLocalizations,
        IReadOnlyDictionary<string, string>? descriptionLocalizations,
        IReadOnlyList<ApplicationCommandOption>? options) =>
        Longest(name, nameLocalizations) + Longest(description, descriptionLocalizations)
        + (options ?? []).Sum(o =>
            CommandSize(o.Name, o.Description, o.NameLocalizations, o.DescriptionLocalizations, o.Options)
            + (o.Choices ?? []).Sum(c => Longest(c.Name, c.NameLocalizations) + c.Value.ToString().Length));

    private static int Longest(string? text, IReadOnlyDictionary<string, string>? localizations) =>
        Math.Max(text?.Length ?? 0, localizations is { Count: > 0 } ? localizations.Values.Max(v => v.Length) : 0);

    // Discord's rule also admits Devanagari and Thai, whose vowel signs are marks (\p{M}).
    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{M}]{1,32}$")]
    private static partial Regex NamePattern();
}
