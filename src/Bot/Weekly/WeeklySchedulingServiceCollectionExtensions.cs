using DltBot.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace DltBot.Bot.Weekly;

public static class WeeklySchedulingServiceCollectionExtensions
{
    /// <summary>
    /// Quartz in the host with its triggers in the bot's database, one weekly trigger per guild
    /// (<see cref="IWeeklySchedule"/>), and the start-up step that brings them in step with the store. Needs the store
    /// (<c>AddCuration</c>) and an <see cref="IWeeklyRunner"/>; call it only in hosts that run for a while (shell,
    /// Discord), not in one-shot commands.
    /// </summary>
    public static IServiceCollection AddWeeklyScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PaperOfTheWeekOptions>().Bind(configuration.GetSection(PaperOfTheWeekOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaperOfTheWeekOptions>, PaperOfTheWeekOptionsValidator>());
        services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().Weekly.Settings);
        services.TryAddSingleton<QuartzWeeklySchedule>();
        services.TryAddSingleton<IWeeklySchedule>(sp => sp.GetRequiredService<QuartzWeeklySchedule>());

        var target = WeeklyJobStore.Target(configuration);
        services.AddSingleton(target);
        if (target.Clustered)
        {
            services.TryAddSingleton(sp => sp.GetRequiredService<Stores>().StartupLocks);
            services.AddHostedService<ClusterSchemaGate>();
        }
        else
        {
            // Before the scheduler starts, so that every plan made for Quartz's tables is made with these figures.
            services.AddHostedService<SqliteSchedulerStatistics>();
        }
        // Registered before Quartz's hosted service, so triggers match the store before the scheduler fires any.
        services.AddHostedService<WeeklyScheduleSync>();
        // Clustered, the node's instance id is also the runner's claimant id: a claim is then stale exactly when Quartz
        // has failed its node over (QuartzClusterClaimants). Unique per process start, made here rather than configured.
        var instanceId = target.Clustered ? WeeklyClaimantId.New() : null;
        if (instanceId is not null)
            services.Replace(ServiceDescriptor.Singleton<IWeeklyClaimants>(sp =>
                new QuartzClusterClaimants(instanceId, target.SchedulerName, target.PostgresConnection!, sp.GetRequiredService<TimeProvider>())));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = target.SchedulerName;
                if (instanceId is not null) o.InstanceId = instanceId;
                else o.GenerateInstanceId = true;
                // Many guilds share popular minutes: acquiring due triggers in batches saves a store round trip each.
                o.MaxBatchSize = WeeklyJobStore.MaxBatchSize;
            });
            q.AddJobType<WeeklyPostJob>();
            q.UsePersistentStore(store => WeeklyJobStore.Configure(store, target));
        });
        // Nothing is declared at start-up today; should a job be, a stored one with its misfire state must win.
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true;
            // Clustered, the node checks in while the hosted service starts, before recovery or any command of this
            // instance can claim an occurrence: a claim's claimant is then always a node the others can see alive.
            if (target.Clustered) o.AwaitApplicationStarted = false;
        });
        return services;
    }
}
