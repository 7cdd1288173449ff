using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Interactions;

public enum RegistrationOutcome { Unchanged, Overwritten }

/// <summary>
/// Validates the command definitions, then registers them (to the dev guild when configured, else globally) with one bulk
/// overwrite, and only when they differ from what Discord already has: overwrites count toward a daily limit.
/// </summary>
public sealed partial class CommandRegistrar(IDiscordRestClient rest, ILogger<CommandRegistrar> logger)
{
    public async Task<RegistrationOutcome> RegisterAsync(
        ulong applicationId, ulong? guildId, IReadOnlyList<ApplicationCommand> commands, CancellationToken cancellationToken)
    {
        ApplicationCommandValidator.ThrowIfInvalid(commands);
        var scope = guildId is { } g ? $"guild {g}" : "global";

        var registered = guildId is { } guild
            ? await rest.GetGuildCommandsAsync(applicationId, guild, cancellationToken).ConfigureAwait(false)
            : await rest.GetGlobalCommandsAsync(applicationId, cancellationToken).ConfigureAwait(false);
        var differences = ApplicationCommandComparer.Differences(commands, registered);
        if (differences.Count == 0)
        {
            LogUnchanged(logger, scope, commands.Count);
            return RegistrationOutcome.Unchanged;
        }

        if (logger.IsEnabled(LogLevel.Information)) LogOverwriting(logger, scope, string.Join("; ", differences.Take(5)));
        _ = guildId is { } target
            ? await rest.BulkOverwriteGuildCommandsAsync(applicationId, target, commands, cancellationToken).ConfigureAwait(false)
            : await rest.BulkOverwriteGlobalCommandsAsync(applicationId, commands, cancellationToken).ConfigureAwait(false);
        return RegistrationOutcome.Overwritten;
    }

    [LoggerMessage(EventId = 5020, EventName = "CommandsUnchanged", Level = LogLevel.Information,
        Message = "Slash commands ({Scope}) already match our {Count} definition(s); nothing registered.")]
    private static partial void LogUnchanged(ILogger logger, string scope, int count);

    [LoggerMessage(5021, LogLevel.Information, "Registering slash commands ({Scope}) with one bulk overwrite; differences: {Differences}", EventName = "CommandsOverwritten")]
    private static partial void LogOverwriting(ILogger logger, string scope, string differences);
}
