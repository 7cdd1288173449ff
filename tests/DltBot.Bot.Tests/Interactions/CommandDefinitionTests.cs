using DltBot.Bot.Interactions;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace DltBot.Bot.Tests.Interactions;

public sealed class CommandDefinitionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IReadOnlyList<ApplicationCommand> All { get; } = DiscordCommandDefinitions.Build(DiscordCatalog.Harness().Registry);

    [Fact]
    public void The_dlt_command_passes_Discord_validation() =>
        Assert.Empty(ApplicationCommandValidator.Validate(All));

    [Fact]
    public void Every_subcommand_and_option_has_zh_CN_and_zh_TW_names_and_descriptions()
    {
        var dlt = Assert.Single(All);
        Assert.Equal(["search", "topic", "topics", "show", "random", "help", "about"], dlt.Options!.Select(o => o.Name));
        foreach (var option in dlt.Options!.Concat(dlt.Options!.SelectMany(o => o.Options ?? [])))
        {
            foreach (var locale in new[] { "zh-CN", "zh-TW" })
            {
                Assert.True(option.NameLocalizations?.ContainsKey(locale), $"{option.Name} lacks a {locale} name");
                Assert.True(option.DescriptionLocalizations?.ContainsKey(locale), $"{option.Name} lacks a {locale} description");
            }
        }
    }

    [Fact]
    public void Every_Discord_text_has_both_languages_with_the_same_placeholders()
    {
        foreach (var (key, text) in DiscordTexts.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(text.English), $"{key} lacks English");
            Assert.False(string.IsNullOrWhiteSpace(text.Chinese), $"{key} lacks Chinese");
            Assert.Equal(Placeholders(text.English), Placeholders(text.Chinese));
        }
        Assert.Throws<KeyNotFoundException>(() => DiscordTexts.Get(DltBot.Bot.Localization.Language.English, "discord.missing"));
    }

    private static string Placeholders(string format) =>
        string.Join(",", System.Text.RegularExpressions.Regex.Matches(format, @"\{\d+\}").Select(m => m.Value).Order());

    [Fact]
    public async Task Commands_are_overwritten_only_when_they_differ_from_Discord()
    {
        var rest = new RecordingRestClient();
        var registrar = new CommandRegistrar(rest, NullLogger<CommandRegistrar>.Instance);

        Assert.Equal(RegistrationOutcome.Overwritten, await registrar.RegisterAsync(TestInteractions.AppId, null, All, Ct));
        Assert.Equal(RegistrationOutcome.Unchanged, await registrar.RegisterAsync(TestInteractions.AppId, null, All, Ct));
        Assert.Single(rest.Overwrites);
    }

    [Fact]
    public async Task Invalid_definitions_are_refused_before_anything_is_sent()
    {
        var rest = new RecordingRestClient();
        var broken = new[] { new ApplicationCommand { Name = "Has Spaces", Description = "x", Type = ApplicationCommandType.ChatInput } };

        await Assert.ThrowsAnyAsync<Exception>(() => new CommandRegistrar(rest, NullLogger<CommandRegistrar>.Instance).RegisterAsync(1, null, broken, Ct));
        Assert.Empty(rest.Overwrites);
    }
}
