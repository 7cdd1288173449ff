using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Configuration;
using DltBot.Bot.Search;
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
    /// <param name="interactive">
    /// True for the no-argument start, which becomes Discord mode when <see cref="IsDiscordMode"/> says so (logging then
    /// follows the <c>Logging</c> section); one-shot commands pass false and always log quietly to stderr.
    /// </param>
    public static IHost Build(BotHostSettings settings, bool interactive = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The defaults would watch files for changes and read user secrets; start-up time matters more here.
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });

        AddConfigurationSources(builder.Configuration, settings.Paths);
        settings.Configuration?.Invoke(builder.Configuration);

        ConfigureLogging(builder, consoleMode: !(interactive && IsDiscordMode(builder.Configuration)));
        settings.Logging?.Invoke(builder.Logging);

        AddBotServices(builder.Services, builder.Configuration, settings.Paths);
        settings.Services?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Whether a start without arguments runs the Discord bot (Discord:Mode, or a token) rather than the console shell.</summary>
    public static bool IsDiscordMode(IConfiguration configuration) => DltBot.Bot.Discord.DiscordBotApp.IsDiscordMode(configuration);

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
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.SectionName)).ValidateOnStart();
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CatalogOptions>, CatalogOptionsValidator>();
        services.AddSingleton<IValidateOptions<DataOptions>, DataOptionsValidator>();
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(paths);
        services.TryAddSingleton<ICatalogParser, MarkdownCatalogParser>();
        services.TryAddSingleton<Func<ReadingList, ICatalogSearch>>(SearchEngine.Create);
        services.AddHttpClient(nameof(CatalogLoader));
        services.TryAddSingleton<CatalogLoader>();
        services.TryAddSingleton<CatalogService>();
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
            return e.InnerExceptions.SelectMany(inner => inner is OptionsValidationException ov ? ov.Failures : [inner.Message]).ToList();
        }
        catch (InvalidOperationException e)
        {
            return [e.Message];
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
