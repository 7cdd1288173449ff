using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace DltBot.Bot.LinkHealth;

/// <summary>The one HTTP seam of the link check: every request goes through this handler (tests give a fake web's).</summary>
public sealed record LinkCheckTransport(HttpMessageHandler Handler)
{
    /// <summary>Redirects are followed by the checker itself, so it sees 301/308 apart from 302/307.</summary>
    public static LinkCheckTransport Default() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        ConnectTimeout = LinkCheckSettings.Default.Timeout,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        // A host gets one request at a time, so one connection each is all it can use.
        MaxConnectionsPerServer = 1,
    });
}

public static class LinkHealthServiceCollectionExtensions
{
    /// <summary>
    /// Link health: options (section <c>LinkCheck</c>, validated at start), the checker over <see cref="LinkCheckTransport"/>,
    /// the run, the in-memory dead links for <c>/dlt show</c>, the weekly Quartz job, <c>/dlt-mod check</c> and its
    /// buttons. Needs the store (<c>AddCuration</c>) and Quartz (<c>AddPaperOfTheWeek</c>) registered first.
    /// </summary>
    public static IServiceCollection AddLinkHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LinkCheckOptions>().Bind(configuration.GetSection(LinkCheckOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LinkCheckOptions>, LinkCheckOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => LinkCheckTransport.Default());
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().LinkChecks);
        services.TryAddSingleton(sp => new LinkChecker(sp.GetRequiredService<LinkCheckTransport>().Handler,
            sp.GetRequiredService<IOptions<LinkCheckOptions>>().Value.ToSettings(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<LinkHealthState>();
        services.TryAddSingleton<IDeadLinks>(sp => sp.GetRequiredService<LinkHealthState>());
        services.TryAddSingleton<LinkCheckRun>();
        services.AddTransient<LinkCheckJob>();
        services.AddQuartz(q => q.AddJobType<LinkCheckJob>());
        services.AddHostedService<LinkCheckSchedule>();

        services.AddSingleton<ICommand, CheckCommand>();
        services.AddSingleton<IComponentHandler, CheckComponents>();
        services.AddSingleton<ICheckFindingSource, LinkFindingSource>();
        return services;
    }
}
