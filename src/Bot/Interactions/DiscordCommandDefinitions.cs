using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Discord.Models;

namespace DltBot.Bot.Interactions;

/// <summary>The slash commands as registered with Discord, written from the registry's descriptors.</summary>
public static class DiscordCommandDefinitions
{
    public static IReadOnlyList<ApplicationCommand> Build(CommandRegistry registry) =>
        registry.TopLevels.Select(top => TopLevel(top, registry.Under(top.Name).Select(c => c.Descriptor).ToList())).ToList();

    private static ApplicationCommand TopLevel(TopLevelDescriptor top, IReadOnlyList<CommandDescriptor> commands)
    {
        var options = new List<ApplicationCommandOption>();
        var groupsDone = new HashSet<string>();
        foreach (var command in commands)
        {
            if (command.Path.Group is not { } group)
            {
                options.Add(Subcommand(command));
                continue;
            }
            if (!groupsDone.Add(group)) continue;
            var descriptor = top.Groups!.First(g => g.Name == group);
            options.Add(new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.SubCommandGroup,
                Name = group,
                NameLocalizations = descriptor.Names.DiscordLocalizations(),
                Description = descriptor.Description.English,
                DescriptionLocalizations = descriptor.Description.DiscordLocalizations(),
                Options = commands.Where(c => c.Path.Group == group).Select(Subcommand).ToList(),
            });
        }

        return new ApplicationCommand
        {
            Type = ApplicationCommandType.ChatInput,
            Name = top.Name,
            Description = top.Description.English,
            DescriptionLocalizations = top.Description.DiscordLocalizations(),
            DefaultMemberPermissions = top.DefaultMemberPermissions?.ToString(CultureInfo.InvariantCulture),
            Contexts = top.GuildOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDm],
            IntegrationTypes = [ApplicationIntegrationType.GuildInstall],
            Options = options,
        };
    }

    private static ApplicationCommandOption Subcommand(CommandDescriptor command)
    {
        // Discord wants required options first; the order among each kind stays as described.
        var options = command.Options.Where(o => !o.TextOnly).OrderBy(o => o.Required ? 0 : 1).Select(Option).ToList();
        return new ApplicationCommandOption
        {
            Type = ApplicationCommandOptionType.SubCommand,
            Name = command.Name,
            NameLocalizations = command.Names.DiscordLocalizations(),
            Description = command.Description.English,
            DescriptionLocalizations = command.Description.DiscordLocalizations(),
            Options = options.Count == 0 ? null : options,
        };
    }

    private static ApplicationCommandOption Option(OptionDescriptor option) => new()
    {
        Type = option.Kind switch
        {
            OptionKind.Integer => ApplicationCommandOptionType.Integer,
            OptionKind.Boolean => ApplicationCommandOptionType.Boolean,
            OptionKind.Channel => ApplicationCommandOptionType.Channel,
            OptionKind.Role => ApplicationCommandOptionType.Role,
            OptionKind.User => ApplicationCommandOptionType.User,
            _ => ApplicationCommandOptionType.String,
        },
        Name = option.Name,
        NameLocalizations = option.Names.DiscordLocalizations(),
        Description = option.Description.English,
        DescriptionLocalizations = option.Description.DiscordLocalizations(),
        Required = option.Required ? true : null,
        Autocomplete = option.Autocomplete is not null ? true : null,
        MinLength = option.Kind == OptionKind.String ? option.MinLength : null,
        MaxLength = option.Kind == OptionKind.String ? option.EffectiveMaxLength : null,
        MinValue = option.MinValue,
        MaxValue = option.MaxValue,
        ChannelTypes = option.ChannelTypes,
        Choices = option.Choices?.Select(c => new ApplicationCommandOptionChoice
        {
            Name = c.Label.English,
            NameLocalizations = c.Label.DiscordLocalizations(),
            Value = option.Kind == OptionKind.Integer
                ? ChoiceValue.FromNumber(long.Parse(c.Value, CultureInfo.InvariantCulture))
                : ChoiceValue.FromString(c.Value),
        }).ToList(),
    };
}
