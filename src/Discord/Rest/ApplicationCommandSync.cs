using DltBot.Discord.Builders;
using DltBot.Discord.Models;

namespace DltBot.Discord.Rest;

/// <summary>What a command sync did, with the differences that caused an overwrite (for the start-up log).</summary>
public sealed record CommandSyncResult(bool Overwritten, IReadOnlyList<string> Differences);

public static class ApplicationCommandSync
{
    /// <summary>
    /// Validates <paramref name="desired"/>, reads what Discord has and bulk-overwrites only when they differ:
    /// every overwrite of a new name counts toward the 200 creates per day, so restarts must not re-register.
    /// Pass <paramref name="guildId"/> for instant guild registration while developing, null for global.
    /// </summary>
    public static async Task<CommandSyncResult> SyncAsync(
        this IDiscordRestClient client,
        ulong applicationId,
        ulong? guildId,
        IReadOnlyList<ApplicationCommand> desired,
        CancellationToken cancellationToken = default)
    {
        ApplicationCommandValidator.ThrowIfInvalid(desired);
        var registered = guildId is { } guild
            ? await client.GetGuildCommandsAsync(applicationId, guild, cancellationToken).ConfigureAwait(false)
            : await client.GetGlobalCommandsAsync(applicationId, cancellationToken).ConfigureAwait(false);

        var differences = ApplicationCommandComparer.Differences(desired, registered);
        if (differences.Count == 0)
        {
            return new CommandSyncResult(false, differences);
        }

        _ = guildId is { } target
            ? await client.BulkOverwriteGuildCommandsAsync(applicationId, target, desired, cancellationToken).ConfigureAwait(false)
            : await client.BulkOverwriteGlobalCommandsAsync(applicationId, desired, cancellationToken).ConfigureAwait(false);
        return new CommandSyncResult(true, differences);
    }
}
