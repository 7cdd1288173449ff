using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Configuration;
using DltBot.Bot.Hosting;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Discord.Gateway;
using DltBot.Discord.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Discord;

/// <summary>Lets tests (and the benchmark) see the running bot: its services and the addresses Kestrel bound.</summary>
public interface IDiscordAppObserver
{
    void OnStarted(IServiceProvider services, IReadOnlyList<string> addresses);
}

/// <summary>
/// Discord mode (Gateway or Http): one ASP.NET Core app that loads the catalog, registers the slash commands when they
/// changed, then serves <c>/healthz</c>, the gateway session (Gateway mode) or <c>/interactions</c> (Http mode).
/// </summary>
public static partial class DiscordBotApp
{
    public const string HealthPath = "/healthz";
    public const string InteractionsPath = "/interactions";

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the host is told to stop; returns an exit code.</summary>
    public static async Task<int> RunAsync(BotHostSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        InstanceLock instanceLock;
        BotMode mode;
        try
        {
            var builder = CreateBuilder(settings, out mode);
            var dataDirectory = builder.Configuration.GetSection(DataOptions.SectionName).Get<DataOptions>()?.Directory ?? new DataOptions().Directory;
            instanceLock = InstanceLock.Acquire(dataDirectory);
            app = builder.Build();
        }
        catch (Exception e) when (e is DiscordConfigurationException or InstanceLockException or InvalidOperationException)
        {
            error.WriteLine(e.Message);
            return e is InstanceLockException ? ExitCodes.Failure : ExitCodes.Usage;
        }

        using (instanceLock)
        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordBotApp));
            try
            {
                await PrepareAsync(app, mode, logger, cancellationToken).ConfigureAwait(false);
                MapEndpoints(app, mode);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is CatalogLoadException or DiscordRestException or DiscordConfigurationException or OptionsValidationException
                                          or DltBot.Discord.Builders.DiscordLimitException)
            {
                LogStartFailed(logger, e.Message);
                error.WriteLine(e.Message);
                return ExitCodes.Failure;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
            LogStarted(logger, mode, string.Join(", ", addresses), Environment.TickCount64 - StartTicks());
            foreach (var observer in app.Services.GetServices<IDiscordAppObserver>()) observer.OnStarted(app.Services, addresses);

            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            // Past the drain, so answers in progress get their full DrainTimeout before anything is cut off.
            using var stopTimeout = new CancellationTokenSource(app.Services.GetRequiredService<DiscordBotOptions>().DrainTimeout + TimeSpan.FromSeconds(5));
            await app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            return app.Services.GetService<GatewayClient>()?.FatalError is { } fatal ? Fail(error, fatal.Message) : ExitCodes.Success;
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        return ExitCodes.Failure;
    }

    /// <summary>
    /// Whether the configuration asks for Discord (Gateway or Http). An unreadable mode counts as Discord so that start-up
    /// reports it in one line instead of silently opening the console.
    /// </summary>
    public static bool IsDiscordMode(IConfiguration configuration)
    {
        try
        {
            return ModeOf(configuration) != BotMode.Console;
        }
        catch (DiscordConfigurationException)
        {
            return true;
        }
    }

    /// <summary>The bot's mode per configuration, without building anything (Console when no Discord mode applies).</summary>
    public static BotMode ModeOf(IConfiguration configuration) =>
        (configuration.GetSection(DiscordBotOptions.Section).Get<DiscordBotOptions>() ?? new DiscordBotOptions()).ResolveMode();

    public static WebApplicationBuilder CreateBuilder(BotHostSettings settings, out BotMode mode)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        BotHost.AddConfigurationSources(builder.Configuration, settings.Paths);
        settings.Configuration?.Invoke(builder.Configuration);

        var options = builder.Configuration.GetSection(DiscordBotOptions.Section).Get<DiscordBotOptions>() ?? new DiscordBotOptions();
        mode = options.Validate();
        if (mode == BotMode.Console)
            throw new DiscordConfigurationException("Discord:Mode is Console; Discord mode needs Gateway or Http.");

        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        settings.Logging?.Invoke(builder.Logging);

        BotHost.AddBotServices(builder.Services, builder.Configuration, settings.Paths);
        AddDiscordServices(builder.Services, options, mode);
        settings.Services?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>What turns interactions into commands and replies into messages, with no transport: the router and the paging buttons.</summary>
    public static IServiceCollection AddDiscordSurface(this IServiceCollection services)
    {
        services.AddSingleton<IComponentHandler, DltPagingComponents>();
        services.TryAddSingleton<InteractionRouter>();
        return services;
    }

    private static void AddDiscordServices(IServiceCollection services, DiscordBotOptions options, BotMode mode)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddDiscordSurface();
        services.AddSingleton<InteractionWorkers>();
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton<InteractionDispatcher>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<CommandRegistration>();

        // HttpClient's own request logs print URLs, and interaction URLs carry the interaction token: keep them out.
        services.AddDiscordRestClient(_ => new DiscordRestOptions { Token = options.Token!.Trim(), ApiBaseUrl = options.ApiBaseUrl })
            .RemoveAllLoggers();

        // Drains in the Stopping phase, before any hosted service (Kestrel, the gateway) stops; the host's own stop
        // budget must leave room for it.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(5));
        services.AddHostedService<InteractionDrainService>();

        if (mode == BotMode.Gateway)
        {
            services.AddSingleton<IGatewayDispatchHandler, GatewayInteractionHandler>();
            services.AddDiscordGateway(_ => new GatewayClientOptions { Token = options.Token!.Trim() });
        }
        else
        {
            HttpGlue.AddServices(services, options);
        }
    }

    private static async Task PrepareAsync(WebApplication app, BotMode mode, ILogger logger, CancellationToken cancellationToken)
    {
        var snapshot = await app.Services.GetRequiredService<CatalogLoader>().LoadAsync(null, cancellationToken).ConfigureAwait(false);
        var view = app.Services.GetRequiredService<ICatalogViews>().Publish(snapshot);
        LogCatalogLoaded(logger, snapshot.List.AllEntries().Count(), snapshot.Source, Environment.TickCount64 - StartTicks());
        // Built alongside registration and the gateway handshake: readiness does not wait for it, and an interaction
        // arriving before it is done simply waits (a command is deferred if that takes too long).
        _ = view.PrepareSearchAsync().ContinueWith(_ => LogIndexReady(logger, Environment.TickCount64 - StartTicks()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        // Checked alongside the gateway handshake so it does not delay readiness; the outcome is logged.
        var options = app.Services.GetRequiredService<DiscordBotOptions>();
        if (options.RegisterCommands)
            app.Services.GetRequiredService<CommandRegistration>().Start(options, () => LogRegistered(logger, Environment.TickCount64 - StartTicks()));
        _ = mode;
    }

    private static void MapEndpoints(WebApplication app, BotMode mode)
    {
        app.MapGet(HealthPath, (IServiceProvider services) =>
        {
            var readiness = Readiness(services, mode);
            return readiness is null ? Microsoft.AspNetCore.Http.Results.Text("ready") : Microsoft.AspNetCore.Http.Results.Text(readiness, statusCode: 503);
        });
        if (mode == BotMode.Http) HttpGlue.Map(app, InteractionsPath);
    }

    /// <returns>Null when ready; otherwise what is missing.</returns>
    public static string? Readiness(IServiceProvider services, BotMode mode)
    {
        if (!services.GetRequiredService<ICatalogViews>().IsLoaded) return "catalog not loaded";
        if (mode == BotMode.Gateway && services.GetService<GatewayClient>() is { IsReady: false } gateway)
            return $"gateway session not live ({gateway.State})";
        return null;
    }

    [LoggerMessage(EventId = 5040, EventName = "DiscordStarted", Level = LogLevel.Information, Message = "DltBot is up in {Mode} mode, listening on {Addresses} ({SinceStartMs} ms after process start).")]
    private static partial void LogStarted(ILogger logger, BotMode mode, string addresses, long sinceStartMs);

    private static long StartTicks() => new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + Environment.TickCount64;

    [LoggerMessage(EventId = 5041, EventName = "CatalogLoaded", Level = LogLevel.Information, Message = "Catalog loaded: {Entries} entries from {Source} ({SinceStartMs} ms after process start).")]
    private static partial void LogCatalogLoaded(ILogger logger, int entries, string source, long sinceStartMs);

    [LoggerMessage(EventId = 5043, EventName = "SearchIndexReady", Level = LogLevel.Information, Message = "Search index built ({SinceStartMs} ms after process start).")]
    private static partial void LogIndexReady(ILogger logger, long sinceStartMs);

    [LoggerMessage(EventId = 5044, EventName = "CommandsChecked", Level = LogLevel.Information, Message = "Slash commands checked ({SinceStartMs} ms after process start).")]
    private static partial void LogRegistered(ILogger logger, long sinceStartMs);

    [LoggerMessage(EventId = 5042, EventName = "DiscordStartFailed", Level = LogLevel.Critical, Message = "DltBot could not start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string reason);
}

/// <summary>
/// At shutdown: the moment stopping begins, new interactions are refused; then, in the lifecycle's Stopping phase
/// (before any hosted service stops, so Kestrel still listens and can answer 503, and the REST client still works),
/// answers in progress get <see cref="DiscordBotOptions.DrainTimeout"/> to finish, and each that does not is logged and
/// given up.
/// </summary>
internal sealed class InteractionDrainService(InteractionDispatcher dispatcher, DiscordBotOptions options, TimeProvider time, IHostApplicationLifetime lifetime)
    : IHostedLifecycleService
{
    private CancellationTokenRegistration _stopping;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(dispatcher.StopAccepting);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        await _stopping.DisposeAsync().ConfigureAwait(false);
        await dispatcher.DrainAsync(options.DrainTimeout, time, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
