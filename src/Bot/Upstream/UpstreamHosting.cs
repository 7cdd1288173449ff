using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Moderation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace DltBot.Bot.Upstream;

public static class UpstreamServiceCollectionExtensions
{
    /// <summary>
    /// Upstream sync: the refresher (also what <c>catalog diff</c> fetches URLs with), the Quartz job that runs it every
    /// Catalog:RefreshInterval when Catalog:Source is a URL, and its section of <c>/dlt-mod check</c>. Needs Quartz
    /// (<c>AddPaperOfTheWeek</c>) and the store (<c>AddCuration</c>); the job only runs in hosts that start.
    /// </summary>
    public static IServiceCollection AddUpstreamSync(this IServiceCollection services)
    {
        services.TryAddSingleton<UpstreamFetcher>();
        services.TryAddSingleton<CatalogRefresher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICheckFindingSource, UpstreamCheckSource>());
        services.AddQuartz(q => q.AddJobType<CatalogRefreshJob>());
        services.AddHostedService<CatalogRefreshSchedule>();
        return services;
    }
}
