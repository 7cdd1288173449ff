using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Hosting;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests;

public sealed class CatalogServiceTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-service-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task The_host_provides_one_catalog_service_that_reports_readiness_after_loading()
    {
        var source = Path.Combine(root, "list.md");
        await File.WriteAllTextAsync(source, "# any", TestContext.Current.CancellationToken);
        using var host = BotHost.Build(new BotHostSettings
        {
            Paths = new AppPaths(root),
            Configuration = c => c.AddInMemoryCollection([KeyValuePair.Create<string, string?>("Catalog:Source", source)]),
            Logging = l => l.ClearProviders(),
            Services = s =>
            {
                s.AddSingleton<ICatalogParser>(new FixedParser(TestCatalog.List));
                s.AddSingleton<Func<ReadingList, ICatalogSearch>>(_ => FakeSearch.Returning());
            },
        });
        var service = host.Services.GetRequiredService<CatalogService>();
        Assert.Same(service, host.Services.GetRequiredService<CatalogService>());
        Assert.False(service.IsLoaded);
        Assert.Throws<InvalidOperationException>(() => service.Commands);

        var commands = await service.LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(service.IsLoaded);
        Assert.Same(commands, service.Commands);
        Assert.Equal(source, commands.Catalog.Source);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("abc.def.ghi", true)]
    public void Discord_mode_is_chosen_by_a_configured_token(string token, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create<string, string?>("Discord:Token", token)]).Build();
        Assert.Equal(expected, BotHost.IsDiscordMode(configuration));
    }
}
