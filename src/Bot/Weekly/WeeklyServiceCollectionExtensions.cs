using DltBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Weekly;

public static class WeeklyServiceCollectionExtensions
{
    /// <summary>
    /// The weekly runner, its options (section <c>PaperOfTheWeek</c>, validated at start) and the store's weekly faces
    /// (from the registered <see cref="Stores"/>). A publisher is registered separately:
    /// <see cref="AddDiscordWeeklyPublisher"/> for the bot, <see cref="AddConsoleWeeklyPublisher"/> for the shell.
    /// </summary>
    public static IServiceCollection AddWeeklyRunner(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaperOfTheWeekOptions>().Bind(configuration.GetSection(PaperOfTheWeekOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaperOfTheWeekOptions>, PaperOfTheWeekOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Weekly);
        services.TryAddSingleton<IWeeklyClaimants>(_ => new SoleProcessClaimants());
        services.TryAddSingleton<WeeklyRunner>();
        services.TryAddSingleton<IWeeklyRunner>(sp => sp.GetRequiredService<WeeklyRunner>());
        return services;
    }

    /// <summary>Posts through <c>IDiscordRestClient</c> (registered by the Discord wiring); replaces any publisher registered before.</summary>
    public static IServiceCollection AddDiscordWeeklyPublisher(this IServiceCollection services)
    {
        services.RemoveAll<IWeeklyPublisher>();
        services.AddSingleton<IWeeklyPublisher, DiscordWeeklyPublisher>();
        return services;
    }

    /// <summary>Prints posts to <paramref name="output"/> (the shell's <c>local</c> schedule); replaces any publisher registered before.</summary>
    public static IServiceCollection AddConsoleWeeklyPublisher(this IServiceCollection services, TextWriter output)
    {
        services.RemoveAll<IWeeklyPublisher>();
        services.AddSingleton<IWeeklyPublisher>(new ConsoleWeeklyPublisher(output));
        return services;
    }
}
