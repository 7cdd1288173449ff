using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DltBot.Discord.Rest;

public static class DiscordRestServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IDiscordRestClient"/> as a typed HttpClient. The rate limiter is a singleton because
    /// typed clients are transient and Discord's limits belong to the token, not to one client instance.
    /// </summary>
    public static IHttpClientBuilder AddDiscordRestClient(this IServiceCollection services, Func<IServiceProvider, DiscordRestOptions> options)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new DiscordRateLimiter(sp.GetRequiredService<DiscordRestOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services.AddHttpClient<IDiscordRestClient, DiscordRestClient>((http, sp) =>
        {
            var settings = sp.GetRequiredService<DiscordRestOptions>();

            // Attempt timeouts run on the injected TimeProvider; HttpClient's own timer would bypass it.
            if (settings.AttemptTimeout is not null)
            {
                http.Timeout = Timeout.InfiniteTimeSpan;
            }

            return new DiscordRestClient(
                http,
                settings,
                sp.GetRequiredService<DiscordRateLimiter>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetService<ILogger<DiscordRestClient>>());
        });
    }
}
