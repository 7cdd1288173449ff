using System.Net;
using DltBot.Discord.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Discord.Tests.Rest;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public async Task Typed_clients_share_one_rate_limiter_and_use_the_configured_base_url()
    {
        var handler = new ScriptedHttpHandler();
        handler.Respond(HttpStatusCode.OK, RestTestKit.ChannelJson, RestTestKit.Bucket(remaining: 0, resetAfter: 60));
        var services = new ServiceCollection();
        var time = new ObservableFakeTimeProvider();
        services.AddSingleton<TimeProvider>(time);
        services.AddDiscordRestClient(_ => new DiscordRestOptions { Token = RestTestKit.Token, ApiBaseUrl = RestTestKit.BaseUrl + "/" })
            .ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IDiscordRestClient>().GetChannelAsync(RestTestKit.ChannelA);
        using var stop = new CancellationTokenSource();
        var second = provider.GetRequiredService<IDiscordRestClient>().GetChannelAsync(RestTestKit.ChannelA, stop.Token);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(60));

        Assert.Equal($"{RestTestKit.BaseUrl}/channels/{RestTestKit.ChannelA}", handler.Requests[0].Uri.ToString());
        Assert.Same(provider.GetRequiredService<DiscordRateLimiter>(), provider.GetRequiredService<DiscordRateLimiter>());
        Assert.False(second.IsCompleted);
        Assert.Single(handler.Requests);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
    }
}
