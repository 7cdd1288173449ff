using Microsoft.Extensions.Configuration;
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

public sealed class OptionsBindingTests
{
    [Fact]
    public void Options_bind_from_the_discord_configuration_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Discord:Token"] = "abc",
                ["Discord:ApiBaseUrl"] = "http://127.0.0.1:5000/api/v10",
                ["Discord:MaxAttempts"] = "5",
                ["Discord:AttemptTimeout"] = "00:00:20",
            })
            .Build();

        var options = configuration.GetSection("Discord").Get<DiscordRestOptions>()!;

        Assert.Equal("abc", options.Token);
        Assert.Equal("http://127.0.0.1:5000/api/v10", options.ApiBaseUrl);
        Assert.Equal(5, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(20), options.AttemptTimeout);
        Assert.Equal(DiscordRestOptions.DefaultApiBaseUrl, new DiscordRestOptions { Token = "x" }.ApiBaseUrl);
    }
}
