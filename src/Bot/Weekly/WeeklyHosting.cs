using DltBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Weekly;

/// <summary>
/// At start, once the catalog is loaded: finishes the occurrences a stopped process claimed but never confirmed. A store
/// that cannot be used is logged; the bot goes on.
/// </summary>
internal sealed partial class WeeklyRecovery(IWeeklyRunner runner, ILogger<WeeklyRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await runner.RecoverAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e)
        {
            LogUnavailable(logger, e.Message);
        }
    }

    [LoggerMessage(7150, LogLevel.Warning, "Unfinished weekly posts could not be checked: {Reason}", EventName = "WeeklyRecoveryUnavailable")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}

public static class WeeklyHostingServiceCollectionExtensions
{
    /// <summary>
    /// The paper of the week in a host: the runner, Quartz with one trigger per guild, and recovery at start. Hosted
    /// services run only in hosts that start (the shell, Discord); a one-shot command uses the same services unstarted.
    /// The publisher prints to the console until the Discord wiring replaces it.
    /// </summary>
    public static IServiceCollection AddPaperOfTheWeek(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddWeeklyRunner(configuration);
        services.AddConsoleWeeklyPublisher(Console.Out);
        services.AddWeeklyScheduling(configuration);
        services.AddHostedService<WeeklyRecovery>();
        return services;
    }
}
