using System.Text.Json;
using DltBot.Discord.Json;
using DltBot.Discord.Models;

namespace DltBot.Discord.Builders;

/// <summary>
/// Compares our command definitions with what Discord returns, ignoring what the server adds (id, version,
/// application_id, guild_id) and spelled-out defaults (type 1, required false, nsfw false, empty dictionaries),
/// so the bot bulk-overwrites only when something really changed. Fetch with localizations for a fair comparison.
/// </summary>
public static class ApplicationCommandComparer
{
    public static bool AreEquivalent(IReadOnlyList<ApplicationCommand> desired, IReadOnlyList<ApplicationCommand> registered) =>
        Differences(desired, registered).Count == 0;

    /// <summary>One line per command that is missing, extra or changed; empty when nothing differs.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<ApplicationCommand> desired, IReadOnlyList<ApplicationCommand> registered)
    {
        var ours = desired.ToDictionary(Key, c => c);
        var theirs = new Dictionary<(ApplicationCommandType, string), ApplicationCommand>();
        foreach (var command in registered)
        {
            theirs[Key(command)] = command;
        }

        var differences = new List<string>();
        foreach (var (key, command) in ours)
        {
            if (!theirs.TryGetValue(key, out var existing))
            {
                differences.Add($"'{key.Item2}' is not registered yet.");
            }
            else if (Canonical(command, command) != Canonical(existing, command))
            {
                differences.Add($"'{key.Item2}' differs from the registered definition.");
            }
        }

        differences.AddRange(theirs.Keys.Where(k => !ours.ContainsKey(k)).Select(k => $"'{k.Item2}' is registered but no longer defined."));
        return differences;
    }

    private static (ApplicationCommandType, string) Key(ApplicationCommand command) =>
        (command.Type ?? ApplicationCommandType.ChatInput, command.Name);

    // Contexts we leave unset mean "whatever Discord has"; integration types default to guild install.
    private static string Canonical(ApplicationCommand command, ApplicationCommand desired)
    {
        var normalized = new ApplicationCommand
        {
            Type = command.Type ?? ApplicationCommandType.ChatInput,
            Name = command.Name,
            NameLocalizations = Dictionary(command.NameLocalizations),
            Description = command.Description ?? string.Empty,
            DescriptionLocalizations = Dictionary(command.DescriptionLocalizations),
            Options = Options(command.Options),
            DefaultMemberPermissions = command.DefaultMemberPermissions,
            Contexts = desired.Contexts is null ? null : command.Contexts?.Order().ToArray() ?? [],
            IntegrationTypes = (command.IntegrationTypes is { Count: > 0 } types ? types : [ApplicationIntegrationType.GuildInstall]).Order().ToArray(),
            Nsfw = command.Nsfw == true ? true : null,
        };
        return JsonSerializer.Serialize(normalized, DiscordJsonContext.Default.ApplicationCommand);
    }

    private static ApplicationCommandOption[]? Options(IReadOnlyList<ApplicationCommandOption>? options) =>
        options is not { Count: > 0 }
            ? null
            : options.Select(o => o with
            {
                NameLocalizations = Dictionary(o.NameLocalizations),
                DescriptionLocalizations = Dictionary(o.DescriptionLocalizations),
                Required = o.Required == true ? true : null,
                Autocomplete = o.Autocomplete == true ? true : null,
                Choices = o.Choices is { Count: > 0 } choices
                    ? choices.Select(c => c with { NameLocalizations = Dictionary(c.NameLocalizations) }).ToArray()
                    : null,
                ChannelTypes = o.ChannelTypes is { Count: > 0 } types ? types.Order().ToArray() : null,
                Options = Options(o.Options),
            }).ToArray();

    private static SortedDictionary<string, string>? Dictionary(IReadOnlyDictionary<string, string>? values) =>
        values is not { Count: > 0 } ? null : new SortedDictionary<string, string>(values.ToDictionary(), StringComparer.Ordinal);
}
