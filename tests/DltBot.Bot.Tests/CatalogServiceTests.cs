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
    public async Task The_host_provides_one_catalog_holder_that_reports_readiness_after_a_load_is_published()
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
        var views = host.Services.GetRequiredService<ICatalogViews>();
        Assert.Same(views, host.Services.GetRequiredService<ICatalogViews>());
        Assert.False(views.IsLoaded);
        Assert.Throws<InvalidOperationException>(() => views.Base);

        var snapshot = await host.Services.GetRequiredService<CatalogLoader>().LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        var view = views.Publish(snapshot);

        Assert.True(views.IsLoaded);
        Assert.Same(view, views.Base);
        Assert.Same(view, views.ViewFor(Bot.Commands.Framework.Place.Guild(42, null)));
        Assert.Equal(source, view.Snapshot.Source);
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
