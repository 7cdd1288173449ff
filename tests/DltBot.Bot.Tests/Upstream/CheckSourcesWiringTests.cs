using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Hosting;
using DltBot.Bot.LinkHealth;
using DltBot.Bot.Upstream;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Tests.Upstream;

/// <summary>/dlt-mod check gathers every finding source the host registers: link health's and the upstream sync's.</summary>
public sealed class CheckSourcesWiringTests
{
    [Fact]
    public void The_host_registers_both_the_link_and_the_upstream_sections_of_check_once_each()
    {
        var services = new ServiceCollection();
        BotHost.AddBotServices(services, new ConfigurationBuilder().Build(), new AppPaths(AppContext.BaseDirectory));

        var sources = services.Where(d => d.ServiceType == typeof(ICheckFindingSource)).Select(d => d.ImplementationType).ToList();

        Assert.Equal([typeof(LinkFindingSource), typeof(UpstreamCheckSource)], sources.OrderBy(t => t!.Name, StringComparer.Ordinal));
    }
}
