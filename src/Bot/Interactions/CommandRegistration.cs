using DltBot.Bot.Commands.Framework;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using DltBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Interactions;

/// <summary>
/// The start-up registration, run in the background; <see cref="Completion"/> lets tests and shutdown wait for it. Of
/// several instances sharing a PostgreSQL database that start together, the one that takes the start-up lock registers
/// and the others skip (Discord's bulk overwrite counts toward a daily limit); on SQLite the lock is always granted.
/// </summary>
public sealed partial class CommandRegistration(
    CommandRegistrar registrar, CommandRegistry registry, IHostApplicationLifetime lifetime, ILogger<CommandRegistration> logger,
    IStartupLocks? locks = null)
{
    /// <summary>The start-up lock's name.</summary>
    public const string LockName = "register-commands";

    private Task<RegistrationOutcome?> _completion = Task.FromResult<RegistrationOutcome?>(null);

    /// <summary>Null when registration was off or failed (the failure is logged).</summary>
    public Task<RegistrationOutcome?> Completion => _completion;

    public void Start(DiscordBotOptions options, Action? done = null) => _completion = Task.Run(async () =>
    {
        try
        {
            await using var held = locks is null ? null : await locks.TryAcquireAsync(LockName, lifetime.ApplicationStopping).ConfigureAwait(false);
            if (locks is not null && held is null)
            {
                LogSkipped(logger);
                return null;
            }
            var outcome = await registrar.RegisterAsync(options.ApplicationSnowflake, options.DevGuildSnowflake, DiscordCommandDefinitions.Build(registry),
                lifetime.ApplicationStopping).ConfigureAwait(false);
            done?.Invoke();
            return (RegistrationOutcome?)outcome;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception e)
        {
            LogFailed(logger, e, e.Message);
            return null;
        }
    });

    [LoggerMessage(5023, LogLevel.Information, "Another instance is registering the slash commands; this one skips it.", EventName = "CommandsRegisteredElsewhere")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(EventId = 5022, EventName = "CommandsNotRegistered", Level = LogLevel.Error,
        Message = "The slash commands could not be checked or registered: {Reason} The bot keeps running with whatever Discord has.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string reason);
}
