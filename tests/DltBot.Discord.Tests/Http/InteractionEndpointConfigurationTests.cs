using System.Net;
using DltBot.Discord.Http;
using DltBot.FakeDiscord;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Http;

/// <summary>The endpoint configured the way the bot does it: options bound from the "Discord" section, clock from DI.</summary>
public sealed class InteractionEndpointConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Options_bound_from_configuration_are_used_when_none_are_passed()
    {
        using var discord = FakeInteractionSigner.Create();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_784_538_000));
        var builder = NewBuilder(new Dictionary<string, string?>
        {
            ["Discord:PublicKey"] = discord.PublicKeyHex,
            ["Discord:MaxInteractionBodyBytes"] = "1024",
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IInteractionRequestHandler, RecordingHandler>();
        await using var app = builder.Build();
        app.MapDiscordInteractions();
        await app.StartAsync(Ct);
        using var client = new HttpClient { BaseAddress = new Uri(Address(app)), Timeout = TimeSpan.FromSeconds(10) };

        using var ping = discord.CreateRequest(new Uri(client.BaseAddress, "/interactions"), """{"type":1}""", time.GetUtcNow());
        using var pong = await client.SendAsync(ping, Ct);
        using var big = discord.CreateRequest(new Uri(client.BaseAddress, "/interactions"), $$"""{"type":2,"x":"{{new string('x', 1100)}}"}""", time.GetUtcNow());
        using var tooLarge = await client.SendAsync(big, Ct);
        time.Advance(TimeSpan.FromMinutes(6));
        using var late = discord.CreateRequest(new Uri(client.BaseAddress, "/interactions"), """{"type":1}""", time.GetUtcNow().AddMinutes(-6));
        using var stale = await client.SendAsync(late, Ct);

        Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        await app.StopAsync(Ct);
    }

    [Fact]
    public async Task Missing_public_key_in_configuration_fails_at_mapping_naming_the_key()
    {
        var builder = NewBuilder(new Dictionary<string, string?> { ["Discord:Token"] = "x" });
        await using var app = builder.Build();

        var error = Assert.Throws<ArgumentException>(() => app.MapDiscordInteractions());

        Assert.Contains("Discord:PublicKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("not set", error.Message, StringComparison.Ordinal);
    }

    private static WebApplicationBuilder NewBuilder(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.Configure<DiscordInteractionsOptions>(builder.Configuration.GetSection(DiscordInteractionsOptions.SectionName));
        return builder;
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
