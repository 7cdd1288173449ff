using DltBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Discord.Gateway;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GatewayClient"/> as a singleton and hosted service. The bot registers its
    /// <see cref="IGatewayDispatchHandler"/>; the gateway URL comes from the REST client (<c>AddDiscordRestClient</c>)
    /// unless another <see cref="IGatewayBotInfoSource"/> is registered first. A fatal close (e.g. 4004) stops the
    /// application through <see cref="IHostApplicationLifetime"/>.
    /// </summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services, Func<IServiceProvider, GatewayClientOptions> options)
    {
        AddGatewayDefaults(services);
        services.TryAddSingleton(sp => new GatewayClient(
            options(sp),
            sp.GetRequiredService<IGatewayTransportFactory>(),
            sp.GetRequiredService<IGatewayBotInfoSource>(),
            sp.GetRequiredService<IGatewayDispatchHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Random>(),
            sp.GetService<ILogger<GatewayClient>>(),
            sp.GetService<IGatewayReconnectDelay>(),
            sp.GetService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<GatewayClient>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="GatewayShardSet"/> (one session per shard this process runs) as a singleton and hosted
    /// service, with the same defaults as <see cref="AddDiscordGateway"/>.
    /// </summary>
    public static IServiceCollection AddDiscordGatewayShards(
        this IServiceCollection services, Func<IServiceProvider, GatewayClientOptions> options, Func<IServiceProvider, GatewayShardingOptions> sharding)
    {
        AddGatewayDefaults(services);
        services.TryAddSingleton(sp => new GatewayShardSet(
            options(sp),
            sharding(sp),
            sp.GetRequiredService<IGatewayTransportFactory>(),
            sp.GetRequiredService<IGatewayBotInfoSource>(),
            sp.GetRequiredService<IGatewayDispatchHandler>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Random>(),
            sp.GetService<ILogger<GatewayClient>>(),
            sp.GetService<IGatewayReconnectDelay>(),
            sp.GetService<IHostApplicationLifetime>()));
        services.AddHostedService(sp => sp.GetRequiredService<GatewayShardSet>());
        return services;
    }

    /// <summary>The clock, the WebSocket transport and GET /gateway/bot, unless registered before (tests give fakes).</summary>
    private static void AddGatewayDefaults(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGatewayTransportFactory, WebSocketGatewayTransportFactory>();
        services.TryAddSingleton<IGatewayBotInfoSource>(sp => new RestGatewayBotInfoSource(sp.GetRequiredService<IDiscordRestClient>()));
    }
}
