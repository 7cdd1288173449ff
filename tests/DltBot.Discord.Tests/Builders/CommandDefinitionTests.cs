using DltBot.Discord.Builders;
using DltBot.Discord.Models;

namespace DltBot.Discord.Tests.Builders;

public sealed class CommandDefinitionTests
{
    private static ApplicationCommandOption Str(string name, bool required = false, bool autocomplete = false) => new()
    {
        Type = ApplicationCommandOptionType.String, Name = name, Description = $"The {name}", Required = required, Autocomplete = autocomplete ? true : null,
    };

    private static ApplicationCommandOption Sub(string name, params ApplicationCommandOption[] options) => new()
    {
        Type = ApplicationCommandOptionType.SubCommand, Name = name, Description = $"Run {name}", Options = options,
    };

    private static ApplicationCommand Dlt(params ApplicationCommandOption[] options) => new()
    {
        Name = "dlt",
        Description = "Deep learning theory reading list",
        NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "深度学习" },
        DescriptionLocalizations = new Dictionary<string, string> { ["zh-CN"] = "深度学习理论书单" },
        Contexts = [InteractionContextType.Guild],
        Options = options,
    };

    private static ApplicationCommand Valid => Dlt(
        Sub("search", Str("query", required: true), Str("section")),
        Sub("topic", Str("name", required: true, autocomplete: true)),
        Sub("show", Str("entry", required: true, autocomplete: true)));

    [Fact]
    public void The_bot_style_command_tree_is_valid()
    {
        Assert.Empty(ApplicationCommandValidator.Validate([Valid]));
    }

    public static TheoryData<string, ApplicationCommand, string> Invalid => new()
    {
        { "uppercase name", Valid with { Name = "Dlt" }, "commands[Dlt].name: 'Dlt' must be lowercase." },
        { "space in name", Valid with { Name = "dl t" }, "must be 1–32 letters" },
        { "name 33", Valid with { Name = new string('a', 33) }, "must be 1–32 letters" },
        { "empty description", Valid with { Description = "" }, ".description: 0 characters" },
        { "description 101", Valid with { Description = new string('d', 101) }, ".description: 101 characters" },
        { "26 options", Dlt(Enumerable.Range(0, 26).Select(i => Str($"o{i}")).ToArray()), "26 options; the limit is 25" },
        { "required after optional", Dlt(Sub("search", Str("section"), Str("query", required: true))), "required options must come before optional ones" },
        { "mixed subcommand and option", Dlt(Sub("search"), Str("query")), "cannot be mixed" },
        { "subcommand in subcommand", Dlt(Sub("search", Sub("deeper"))), "cannot contain subcommands" },
        { "group below top level", Dlt(Sub("search", new ApplicationCommandOption { Type = ApplicationCommandOptionType.SubCommandGroup, Name = "g", Description = "g", Options = [Sub("s")] })), "group can only sit directly under" },
        { "26 choices", Dlt(Str("q") with { Choices = Enumerable.Range(0, 26).Select(i => new ApplicationCommandOptionChoice { Name = $"c{i}", Value = $"c{i}" }).ToArray() }), "26 choices; the limit is 25" },
        { "choice value 101", Dlt(Str("q") with { Choices = [new ApplicationCommandOptionChoice { Name = "c", Value = new string('v', 101) }] }), ".value: 101 characters" },
        { "choices and autocomplete", Dlt(Str("q", autocomplete: true) with { Choices = [new ApplicationCommandOptionChoice { Name = "c", Value = "c" }] }), "choices and autocomplete cannot both be set" },
        { "unknown locale", Valid with { NameLocalizations = new Dictionary<string, string> { ["zh"] = "深度学习" } }, "'zh' is not a Discord locale" },
        { "localized name rule", Valid with { NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "深度 学习" } }, "name_localizations.zh-CN" },
        { "localized name collision", Dlt(Str("query") with { NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "section" } }, Str("section")), "'section' is used by another option" },
        { "duplicate option", Dlt(Str("q"), Str("q")), "'q' is used by another option" },
        { "total 8000", Dlt(Enumerable.Range(0, 25).Select(i => Str($"o{i}") with { Description = new string('d', 100), Choices = Enumerable.Range(0, 25).Select(j => new ApplicationCommandOptionChoice { Name = new string('n', 20), Value = $"v{j}" }).ToArray() }).ToArray()), "the limit is 8000" },
        { "bad permissions", Valid with { DefaultMemberPermissions = "MANAGE_GUILD" }, "not a decimal permission bit field" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_rule_violation_is_reported_with_its_path(string rule, ApplicationCommand command, string expected)
    {
        var problems = ApplicationCommandValidator.Validate([command]);

        Assert.True(problems.Any(p => p.Contains(expected, StringComparison.Ordinal)), $"{rule}: {string.Join(" | ", problems)}");
        var error = Assert.Throws<DiscordLimitException>(() => ApplicationCommandValidator.ThrowIfInvalid([command]));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Duplicate_command_names_are_reported()
    {
        Assert.Contains(ApplicationCommandValidator.Validate([Valid, Valid]), p => p.Contains("used by two"));
    }

    [Fact]
    public void Registered_copy_with_server_fields_and_spelled_out_defaults_is_equivalent()
    {
        var registered = Valid with
        {
            Id = 1290000000000000001,
            ApplicationId = 1190000000000000001,
            Version = 1290000000000000002,
            Type = ApplicationCommandType.ChatInput,
            Nsfw = false,
            IntegrationTypes = [ApplicationIntegrationType.GuildInstall],
            NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "深度学习" },
            Options = Valid.Options!.Select(o => o with
            {
                Required = false,
                DescriptionLocalizations = new Dictionary<string, string>(),
                Options = o.Options!.Select(leaf => leaf with { Required = leaf.Required ?? false, Autocomplete = leaf.Autocomplete ?? false }).ToArray(),
            }).ToArray(),
        };

        Assert.True(ApplicationCommandComparer.AreEquivalent([Valid], [registered]), string.Join(" | ", ApplicationCommandComparer.Differences([Valid], [registered])));
    }

    public static TheoryData<string, ApplicationCommand[], string> Changes => new()
    {
        { "description", [Valid with { Description = "changed" }], "'dlt' differs" },
        { "localization", [Valid with { DescriptionLocalizations = new Dictionary<string, string> { ["zh-CN"] = "书单" } }], "'dlt' differs" },
        { "option order", [Dlt(Sub("topic", Str("name", required: true, autocomplete: true)), Sub("search", Str("query", required: true), Str("section")), Sub("show", Str("entry", required: true, autocomplete: true)))], "'dlt' differs" },
        { "contexts", [Valid with { Contexts = [InteractionContextType.Guild, InteractionContextType.BotDm] }], "'dlt' differs" },
        { "missing", [Valid, new ApplicationCommand { Name = "help", Description = "Help" }], "'help' is not registered yet" },
        { "removed", [], "'dlt' is registered but no longer defined" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Real_changes_are_detected(string change, ApplicationCommand[] desired, string expected)
    {
        var differences = ApplicationCommandComparer.Differences(desired, [Valid with { Id = 1 }]);

        Assert.False(ApplicationCommandComparer.AreEquivalent(desired, [Valid with { Id = 1 }]), change);
        Assert.Contains(differences, d => d.Contains(expected, StringComparison.Ordinal));
    }
}
