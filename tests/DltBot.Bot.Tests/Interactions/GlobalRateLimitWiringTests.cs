using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Hosting;
using DltBot.Bot.Interactions;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.Interactions;

/// <summary>Discord:GlobalRateLimit reaches the REST client's limiter: N instances of one bot each take 50/N.</summary>
public sealed class GlobalRateLimitWiringTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dltbot-ratelimit-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private DiscordRestOptions RestOptions(string? globalRateLimit)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Mode"] = "Http",
            ["Discord:Token"] = DiscordBotOptionsTests.FakeToken,
            ["Discord:ApplicationId"] = "1085140814004224007",
            ["Discord:PublicKey"] = DiscordBotOptionsTests.FakePublicKey,
            ["Discord:GlobalRateLimit"] = globalRateLimit,
            ["Data:Directory"] = _folder,
        };
        var builder = DiscordBotApp.CreateBuilder(new BotHostSettings
        {
            Paths = new AppPaths(_folder),
            Configuration = c => c.AddInMemoryCollection(settings),
        }, out _);
        using var provider = builder.Services.BuildServiceProvider();
        return provider.GetRequiredService<DiscordRestOptions>();
    }

    [Fact]
    public void The_setting_is_this_instances_share_of_the_global_limit() => Assert.Equal(25, RestOptions("25").GlobalRequestsPerSecond);

    [Fact]
    public void Unset_it_is_discords_whole_limit() => Assert.Equal(50, RestOptions(null).GlobalRequestsPerSecond);
}
