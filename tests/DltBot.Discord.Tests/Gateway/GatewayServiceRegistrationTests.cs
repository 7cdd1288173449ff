using DltBot.Discord.Gateway;
using DltBot.Discord.Rest;
using DltBot.Discord.Tests.Gateway.Fakes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DltBot.Discord.Tests.Gateway;

public sealed class GatewayServiceRegistrationTests
{
    [Fact]
    public async Task The_hosted_service_is_the_same_client_and_uses_the_rest_backed_bot_info_by_default()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDiscordRestClient(_ => new DiscordRestOptions { Token = GatewayScript.Token });
        services.AddSingleton<IGatewayDispatchHandler, RecordingDispatchHandler>();
        services.AddDiscordGateway(_ => new GatewayClientOptions { Token = GatewayScript.Token });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<GatewayClient>();

        Assert.Same(client, Assert.Single(provider.GetServices<IHostedService>()));
        Assert.IsType<RestGatewayBotInfoSource>(provider.GetRequiredService<IGatewayBotInfoSource>());
        Assert.IsType<WebSocketGatewayTransportFactory>(provider.GetRequiredService<IGatewayTransportFactory>());
        Assert.Equal(GatewayClientState.Created, client.State);
    }

    [Fact]
    public async Task A_bot_info_source_registered_first_wins()
    {
        var services = new ServiceCollection();
        var custom = new StaticBotInfoSource();
        services.AddSingleton<IGatewayBotInfoSource>(custom);
        services.AddSingleton<IGatewayDispatchHandler, RecordingDispatchHandler>();
        services.AddDiscordGateway(_ => new GatewayClientOptions { Token = GatewayScript.Token });
        await using var provider = services.BuildServiceProvider();

        Assert.Same(custom, provider.GetRequiredService<IGatewayBotInfoSource>());
    }
}
