using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Bot.Configuration;
using DltBot.Bot.Hosting;
using DltBot.Bot.Weekly;
using DltBot.Bot.Localization;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Discord.Gateway;
using DltBot.Discord.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Interactions;

/// <summary>Lets tests (and the benchmark) see the running bot: its services and the addresses Kestrel bound.</summary>
public interface IDiscordAppObserver
{
    /// <summary>Kestrel is listening (so /healthz answers); the catalog may still be loading.</summary>
    void OnListening(IServiceProvider services, IReadOnlyList<string> addresses)
    {
    }

    /// <summary>The catalog is loaded and the gateway (Gateway mode) is starting.</summary>
    void OnStarted(IServiceProvider services, IReadOnlyList<string> addresses);
}

/// <summary>
/// Discord mode (Gateway or Http): one ASP.NET Core app that listens first (so <c>/healthz</c> can say "loading"), then
/// loads the catalog, then starts the gateway session (Gateway mode) and registers the slash commands when they changed;
/// in Http mode <c>/interactions</c> answers 503 until the catalog is loaded.
/// </summary>
public static partial class DiscordBotApp
{
    public const string HealthPath = "/healthz";
    public const string InteractionsPath = "/interactions";

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the host is told to stop; returns an exit code.</summary>
    public static async Task<int> RunAsync(BotHostSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        WebApplication app;
        BotMode mode;
        string dataDirectory;
        try
        {
            var builder = CreateBuilder(settings, out mode);
            dataDirectory = ConfigurationBinding.Read(() => builder.Configuration.GetSection(DataOptions.SectionName).Get<DataOptions>()).Directory;
            app = builder.Build();
        }
        catch (Exception e) when (e is DiscordConfigurationException or ConfigurationValueException)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Usage;
        }

        await using (app)
        {
            // Every section at once, before anything starts: a bad Catalog or Data value is a usage error, not a crash.
            var problems = BotHost.ValidateConfiguration(app.Services);
            if (problems.Count > 0)
            {
                error.WriteLine(Strings.Get(Language.English, TextKey.ErrorConfiguration, string.Join(" ", problems)));
                return ExitCodes.Usage;
            }

            InstanceLock instanceLock;
            try
            {
                instanceLock = InstanceLock.Acquire(dataDirectory);
            }
            catch (Exception e) when (e is InstanceLockException or DataDirectoryException)
            {
                error.WriteLine(e.Message);
                return ExitCodes.Failure;
            }

            using (instanceLock)
            {
                return await RunStartedAsync(app, mode, error, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> RunStartedAsync(WebApplication app, BotMode mode, TextWriter error, CancellationToken cancellationToken)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DiscordBotApp));
        var progress = app.Services.GetRequiredService<StartupProgress>();
        MapEndpoints(app, mode);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Success;
        }
        catch (Exception e) when (ListenFailure(e, app) is { } reason)
        {
            LogStartFailed(logger, reason);
            error.WriteLine(reason);
            return ExitCodes.Failure;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (logger.IsEnabled(LogLevel.Information)) LogListening(logger, mode, string.Join(", ", addresses), Environment.TickCount64 - StartTicks());
        foreach (var observer in app.Services.GetServices<IDiscordAppObserver>()) observer.OnListening(app.Services, addresses);

        try
        {
            await PrepareAsync(app, logger, cancellationToken).ConfigureAwait(false);
            progress.MarkLoaded();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await StopAsync(app).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is CatalogLoadException or DltBot.Storage.DatabaseTooNewException or DiscordRestException or DiscordConfigurationException or OptionsValidationException
                                      or DltBot.Discord.Builders.DiscordLimitException)
        {
            LogStartFailed(logger, e.Message);
            error.WriteLine(e.Message);
            await StopAsync(app).ConfigureAwait(false);
            return ExitCodes.Failure;
        }

        if (logger.IsEnabled(LogLevel.Information)) LogStarted(logger, mode, string.Join(", ", addresses), Environment.TickCount64 - StartTicks());
        foreach (var observer in app.Services.GetServices<IDiscordAppObserver>()) observer.OnStarted(app.Services, addresses);

        try
        {
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await StopAsync(app).ConfigureAwait(false);
        return app.Services.GetService<GatewayShardSet>()?.FatalError is { } fatal ? Fail(error, fatal.Message) : ExitCodes.Success;
    }

    private static async Task StopAsync(WebApplication app)
    {
        // Past the drain, so answers in progress get their full DrainTimeout before anything is cut off.
        using var stopTimeout = new CancellationTokenSource(app.Services.GetRequiredService<DiscordBotOptions>().DrainTimeout + TimeSpan.FromSeconds(5));
        await app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
    }

    /// <summary>One line for Kestrel failing to listen (a port in use, no permission for a low port); null for anything else.</summary>
    private static string? ListenFailure(Exception e, WebApplication app)
    {
        if (e is not (IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)) return null;
        var urls = app.Services.GetRequiredService<DiscordBotOptions>().Urls;
        var cause = e.Message.TrimEnd('.');
        if (e.InnerException is { } inner && !cause.Contains(inner.Message.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            cause += $" ({inner.Message.TrimEnd('.')})";
        var inUse = e is Microsoft.AspNetCore.Connections.AddressInUseException || e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException;
        var hint = inUse ? "another program (or another DltBot) has that port; stop it or pick another port" : "check the address and port";
        return $"Discord:Urls '{urls}' cannot be used: {char.ToLowerInvariant(cause[0])}{cause[1..]}; {hint}.";
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
        catch (Exception e) when (e is DiscordConfigurationException or ConfigurationValueException)
        {
            return true;
        }
    }

    /// <summary>The bot's mode per configuration, without building anything (Console when no Discord mode applies).</summary>
    /// <exception cref="ConfigurationValueException">A Discord value cannot be read as its type.</exception>
    public static BotMode ModeOf(IConfiguration configuration) =>
        ConfigurationBinding.Read(() => configuration.GetSection(DiscordBotOptions.Section).Get<DiscordBotOptions>()).ResolveMode();

    public static WebApplicationBuilder CreateBuilder(BotHostSettings settings, out BotMode mode)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        BotHost.AddConfigurationSources(builder.Configuration, settings.Paths);
        settings.Configuration?.Invoke(builder.Configuration);

        var options = ConfigurationBinding.Read(() => builder.Configuration.GetSection(DiscordBotOptions.Section).Get<DiscordBotOptions>());
        mode = options.Validate();
        if (mode == BotMode.Console)
            throw new DiscordConfigurationException("Discord:Mode is Console; Discord mode needs Gateway or Http.");

        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        // The host logs a failed start with its stack trace; RunAsync reports it in one line instead.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        settings.Logging?.Invoke(builder.Logging);

        var before = builder.Services.Count;
        BotHost.AddBotServices(builder.Services, builder.Configuration, settings.Paths);
        // The weekly scheduler and recovery need the catalog and the moderators' changes: they start once both are loaded.
        StartAfterCatalog.WrapInOrder(builder.Services, before, builder.Services.Count);
        AddDiscordServices(builder.Services, options, mode);
        builder.Services.AddDiscordWeeklyPublisher();
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
        services.AddSingleton<StartupProgress>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddDiscordSurface();
        services.AddSingleton<InteractionWorkers>();
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton<InteractionDispatcher>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<CommandRegistration>();

        // HttpClient's own request logs print URLs, and interaction URLs carry the interaction token: keep them out.
        services.AddDiscordRestClient(_ => new DiscordRestOptions
            {
                Token = options.Token!.Trim(),
                ApiBaseUrl = options.ApiBaseUrl,
                GlobalRequestsPerSecond = options.GlobalRateLimit,
            })
            .RemoveAllLoggers();

        // Drains in the Stopping phase, before any hosted service (Kestrel, the gateway) stops; the host's own stop
        // budget must leave room for it.
        services.Configure<HostOptions>(o => o.ShutdownTimeout = options.DrainTimeout + TimeSpan.FromSeconds(5));
        services.AddHostedService<InteractionDrainService>();

        if (mode == BotMode.Gateway)
        {
            services.AddSingleton<IGatewayDispatchHandler, GatewayInteractionHandler>();
            var before = services.Count;
            // One session per shard of this instance; every shard's interactions go to the same dispatcher.
            services.AddDiscordGatewayShards(_ => new GatewayClientOptions { Token = options.Token!.Trim() }, _ => options.Sharding);
            StartAfterCatalog.Wrap(services, before);
        }
        else
        {
            HttpGlue.AddServices(services, options);
        }
    }

    private static async Task PrepareAsync(WebApplication app, ILogger logger, CancellationToken cancellationToken)
    {
        var snapshot = await app.Services.GetRequiredService<CatalogLoader>().LoadAsync(null, cancellationToken).ConfigureAwait(false);
        var view = app.Services.GetRequiredService<ICatalogViews>().Publish(snapshot);
        await app.Services.GetRequiredService<Curator>().StartAsync(cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information)) LogCatalogLoaded(logger, snapshot.List.AllEntries().Count(), snapshot.Source, Environment.TickCount64 - StartTicks());
        // Built alongside registration and the gateway handshake: readiness does not wait for it, and an interaction
        // arriving before it is done simply waits (a command is deferred if that takes too long).
        _ = view.PrepareSearchAsync().ContinueWith(_ => { if (logger.IsEnabled(LogLevel.Information)) LogIndexReady(logger, Environment.TickCount64 - StartTicks()); },
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

        // Checked alongside the gateway handshake so it does not delay readiness; the outcome is logged.
        var options = app.Services.GetRequiredService<DiscordBotOptions>();
        if (options.RegisterCommands)
            app.Services.GetRequiredService<CommandRegistration>().Start(options, () => LogRegistered(logger, Environment.TickCount64 - StartTicks()));
    }

    private static void MapEndpoints(WebApplication app, BotMode mode)
    {
        // HEAD is what many uptime checkers send; it gets GET's status without the body.
        app.MapMethods(HealthPath, [HttpMethods.Get, HttpMethods.Head], (IServiceProvider services) =>
        {
            var readiness = Readiness(services, mode);
            var shards = mode == BotMode.Gateway && services.GetService<GatewayShardSet>() is { } set ? ShardHealth.Describe(set) : null;
            // A database outage is said, not made a failure: the instance still answers from its catalog, and a
            // probe that restarted it over the outage would only add a restart loop to it.
            var store = services.GetService<StoreReachability>()?.Describe() is { } down ? $"; {down}" : "";
            return readiness is null
                ? Results.Text((shards is null ? "ready" : $"ready; {shards}") + store)
                : Results.Text((shards is null || readiness == "loading" ? readiness : $"{readiness}; {shards}") + store, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        if (mode != BotMode.Http) return;

        // Until the catalog is loaded there is nothing to answer with; Discord retries a 503 later.
        var views = app.Services.GetRequiredService<ICatalogViews>();
        app.Use((context, next) =>
        {
            if (views.IsLoaded || !context.Request.Path.Equals(InteractionsPath, StringComparison.OrdinalIgnoreCase)) return next(context);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("loading");
        });
        HttpGlue.Map(app, InteractionsPath);
    }

    /// <returns>Null when ready; otherwise what is missing.</returns>
    public static string? Readiness(IServiceProvider services, BotMode mode)
    {
        if (services.GetService<StartupProgress>() is { IsLoading: true }) return "loading";
        if (!services.GetRequiredService<ICatalogViews>().IsLoaded) return "catalog not loaded";
        if (mode == BotMode.Gateway && services.GetService<GatewayShardSet>() is { IsReady: false })
            return "gateway shards not all live";
        return null;
    }

    [LoggerMessage(5045, LogLevel.Information, "DltBot is listening on {Addresses} in {Mode} mode; loading the catalog ({SinceStartMs} ms after process start).", EventName = "DiscordListening")]
    private static partial void LogListening(ILogger logger, BotMode mode, string addresses, long sinceStartMs);

    [LoggerMessage(5040, LogLevel.Information, "DltBot is up in {Mode} mode, listening on {Addresses} ({SinceStartMs} ms after process start).", EventName = "DiscordStarted")]
    private static partial void LogStarted(ILogger logger, BotMode mode, string addresses, long sinceStartMs);

    private static long StartTicks() => new DateTimeOffset(System.Diagnostics.Process.GetCurrentProcess().StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + Environment.TickCount64;

    [LoggerMessage(5041, LogLevel.Information, "Catalog loaded: {Entries} entries from {Source} ({SinceStartMs} ms after process start).", EventName = "CatalogLoaded")]
    private static partial void LogCatalogLoaded(ILogger logger, int entries, string source, long sinceStartMs);

    [LoggerMessage(5043, LogLevel.Information, "Search index built ({SinceStartMs} ms after process start).", EventName = "SearchIndexReady")]
    private static partial void LogIndexReady(ILogger logger, long sinceStartMs);

    [LoggerMessage(5044, LogLevel.Information, "Slash commands checked ({SinceStartMs} ms after process start).", EventName = "CommandsChecked")]
    private static partial void LogRegistered(ILogger logger, long sinceStartMs);

    [LoggerMessage(EventId = 5042, EventName = "DiscordStartFailed", Level = LogLevel.Critical, Message = "DltBot could not start: {Reason}")]
    private static partial void LogStartFailed(ILogger logger, string reason);
}

/// <summary>What /healthz says about this instance's shards, e.g. <c>shard 0: ready, shard 1: resuming</c>.</summary>
public static class ShardHealth
{
    public static string Describe(GatewayShardSet shards)
    {
        ArgumentNullException.ThrowIfNull(shards);
        return Describe(shards.Status());
    }

    public static string Describe(IReadOnlyList<GatewayShardStatus> shards) => shards.Count == 0
        ? "shards: waiting for the shard count"
        : string.Join(", ", shards.Select(s => $"shard {s.ShardId}: {StateText(s.State)}"));

    private static string StateText(GatewayClientState state) => state switch
    {
        GatewayClientState.WaitingToIdentify => "waiting to identify",
        _ => state.ToString().ToLowerInvariant(),
    };
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
