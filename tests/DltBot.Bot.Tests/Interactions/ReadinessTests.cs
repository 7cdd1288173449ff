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
            services.AddSingleton(new GatewayShardSet(new GatewayClientOptions { Token = "t.t.t" }, new GatewayShardingOptions { ShardCount = 2 },
                new NoTransports(), new NoBotInfo(), new NoHandler()));
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
    public void Gateway_mode_is_not_ready_until_every_shard_is_live()
    {
        using var services = Services(catalogLoaded: true, withGateway: true);
        Assert.Equal("gateway shards not all live", DiscordBotApp.Readiness(services, BotMode.Gateway));
        Assert.Equal("shards: waiting for the shard count", ShardHealth.Describe(services.GetRequiredService<GatewayShardSet>()));
    }

    [Fact]
    public void The_shard_report_names_each_shard_and_its_state() =>
        Assert.Equal("shard 0: ready, shard 1: resuming, shard 2: waiting to identify", ShardHealth.Describe(
        [
            new GatewayShardStatus(0, 3, GatewayClientState.Ready),
            new GatewayShardStatus(1, 3, GatewayClientState.Resuming),
            new GatewayShardStatus(2, 3, GatewayClientState.WaitingToIdentify),
        ]));

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
