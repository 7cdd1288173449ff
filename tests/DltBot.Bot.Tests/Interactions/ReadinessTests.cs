using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Interactions;
using DltBot.Discord.Gateway;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.Interactions;

public sealed class ReadinessTests
{
    private static ServiceProvider Services(bool catalogLoaded, bool withGateway)
    {
        var services = new ServiceCollection();
        var views = new CatalogViews(list => new DiscordFakeSearch(list));
        if (catalogLoaded) views.Publish(CatalogSnapshot.Of(DiscordCatalog.Build()));
        services.AddSingleton<ICatalogViews>(views);
        if (withGateway)
        {
            services.AddSingleton(new GatewayClient(new GatewayClientOptions { Token = "t.t.t" }, new NoTransports(), new NoBotInfo(), new NoHandler()));
        }
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Not_ready_before_the_catalog_is_loaded() =>
        Assert.Equal("catalog not loaded", DiscordBotApp.Readiness(Services(catalogLoaded: false, withGateway: false), BotMode.Http));

    [Fact]
    public void Http_mode_is_ready_once_the_catalog_is_loaded() =>
        Assert.Null(DiscordBotApp.Readiness(Services(catalogLoaded: true, withGateway: false), BotMode.Http));

    [Fact]
    public void Gateway_mode_is_not_ready_until_the_session_is_live()
    {
        using var services = Services(catalogLoaded: true, withGateway: true);
        Assert.StartsWith("gateway session not live", DiscordBotApp.Readiness(services, BotMode.Gateway));
    }

    private sealed class NoTransports : IGatewayTransportFactory
    {
        public IGatewayTransport Create() => throw new NotSupportedException();
    }

    private sealed class NoBotInfo : IGatewayBotInfoSource
    {
        public Task<GatewayBotInfo> GetGatewayBotAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class NoHandler : IGatewayDispatchHandler
    {
        public ValueTask HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
