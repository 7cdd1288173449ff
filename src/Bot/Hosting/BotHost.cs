using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Weekly;
using DltBot.Bot.Weekly;
using DltBot.Bot.Curation;
using DltBot.Bot.LinkHealth;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Shell;
using DltBot.Bot.Configuration;
using DltBot.Bot.Search;
using DltBot.Bot.Upstream;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Hosting;

/// <summary>Hooks for tests (and later the Discord wiring) to adjust the host without touching its defaults.</summary>
public sealed record BotHostSettings
{
    /// <summary>Runs after the JSON files and environment variables, so what it adds wins.</summary>
    public Action<IConfigurationBuilder>? Configuration { get; init; }

    /// <summary>Runs after the default registrations, so it can replace them.</summary>
    public Action<IServiceCollection>? Services { get; init; }

    /// <summary>Replaces the default logging (stderr, warnings and up in console mode).</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>The folder holding the binary, its appsettings.json and the bundled catalog.</summary>
    public AppPaths Paths { get; init; } = AppPaths.Default;
}

/// <summary>
/// The generic host: configuration (appsettings.json next to the binary, then in the current directory, then environment
/// variables such as <c>Catalog__Source</c>), validated options, logging and the services every mode shares.
/// </summary>
public static class BotHost
{
    /// <summary>
    /// The host of the console shell and the one-shot commands (Discord mode builds a web host from the same
    /// <see cref="AddBotServices"/>); it logs warnings and up to stderr, so stdout carries only command output.
    /// </summary>
    public static IHost Build(BotHostSettings settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The defaults would watch files for changes and read user secrets; start-up time matters more here.
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        AddConfigurationSources(builder.Configuration, settings.Paths);
        settings.Configuration?.Invoke(builder.Configuration);

        ConfigureLogging(builder, consoleMode: true);
        settings.Logging?.Invoke(builder.Logging);

        AddBotServices(builder.Services, builder.Configuration, settings.Paths);
        settings.Services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Whether a start without arguments runs the Discord bot (Discord:Mode, or a token) rather than the console shell.</summary>
    public static bool IsDiscordMode(IConfiguration configuration) => DltBot.Bot.Interactions.DiscordBotApp.IsDiscordMode(configuration);

    /// <summary>The configuration alone, as every host reads it, to decide the mode before a host is built.</summary>
    /// <exception cref="InvalidDataException">An appsettings.json is not valid JSON.</exception>
    public static IConfiguration ReadConfiguration(BotHostSettings settings)
    {
        var configuration = new ConfigurationManager();
        AddConfigurationSources(configuration, settings.Paths);
        settings.Configuration?.Invoke(configuration);
        return configuration;
    }

    public static void AddConfigurationSources(IConfigurationBuilder configuration, AppPaths paths)
    {
        var besideBinary = Path.GetFullPath(Path.Combine(paths.ApplicationDirectory, "appsettings.json"));
        var inWorkingDirectory = Path.GetFullPath("appsettings.json");
        configuration.AddJsonFile(besideBinary, optional: true, reloadOnChange: false);
        if (!string.Equals(besideBinary, inWorkingDirectory, StringComparison.Ordinal))
            configuration.AddJsonFile(inWorkingDirectory, optional: true, reloadOnChange: false);
        configuration.AddEnvironmentVariables();
    }

    public static void AddBotServices(IServiceCollection services, IConfiguration configuration, AppPaths paths)
    {
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DataOptions>().Bind(configuration.GetSection(DataOptions.SectionName)).ValidateOnStart();
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName)).ValidateOnStart();
        services.AddOptions<DltBot.Bot.Interactions.DiscordBotOptions>().Bind(configuration.GetSection(DltBot.Bot.Interactions.DiscordBotOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddSingleton<IValidateOptions<DataOptions>, DataOptionsValidator>();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();
        services.AddSingleton<IValidateOptions<DltBot.Bot.Interactions.DiscordBotOptions>, DltBot.Bot.Interactions.DiscordBotOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(paths);
        services.TryAddSingleton<ICatalogParser, MarkdownCatalogParser>();
        services.TryAddSingleton<Func<ReadingList, ICatalogSearch>>(SearchEngine.Create);
        services.AddHttpClient(nameof(CatalogLoader));
        services.TryAddSingleton<CatalogLoader>();
        services.AddCuration(configuration);
        services.AddPaperOfTheWeek(configuration);
        services.AddLinkHealth(configuration);
        services.AddUpstreamSync();
        services.AddWeeklyCommands();
        services.AddCommandPipeline();
    }

    /// <summary>
    /// The catalog state and the command pipeline every surface shares: the views holder, the <c>/dlt</c> commands, the
    /// registry built from every registered descriptor, the access policy, the runner and the console shell.
    /// </summary>
    public static IServiceCollection AddCommandPipeline(this IServiceCollection services)
    {
        services.TryAddSingleton<ChangesSearchFactory>(SearchEngine.CreateForChanges);
        services.TryAddSingleton<ICatalogViews, CatalogViews>();
        services.AddDltCommands();
        services.TryAddSingleton<ICommandAccessPolicy, PermissionAccessPolicy>();
        services.TryAddSingleton(sp => new CommandRegistry(
            sp.GetServices<TopLevelDescriptor>(), sp.GetServices<ICommand>(), sp.GetServices<IComponentHandler>()));
        services.TryAddSingleton<CommandRunner>();
        services.TryAddSingleton<ConsoleShell>();
        return services;
    }

    /// <summary>
    /// Checks every option at once; returns one message per problem, each naming its key (empty when all is well).
    /// Binding errors (a word where a number belongs) are reported the same way.
    /// </summary>
    public static IReadOnlyList<string> ValidateConfiguration(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions.SelectMany(inner => inner is OptionsValidationException ov ? ov.Failures : [ConfigurationBinding.Describe(inner)]).ToList();
        }
        catch (InvalidOperationException e)
        {
            // The binder's "Failed to convert configuration value 'banana' at 'Discord:DeferAfter'..." ends up here.
            return [ConfigurationBinding.Describe(e)];
        }
    }

    private static void ConfigureLogging(HostApplicationBuilder builder, bool consoleMode)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = consoleMode ? null : "HH:mm:ss ";
        });
        // Every log line goes to stderr so stdout carries only command output (and --json stays parseable).
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        if (consoleMode)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }
        else
        {
            builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        }
    }
}
