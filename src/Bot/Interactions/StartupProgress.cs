using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Interactions;

/// <summary>Where Discord mode's start-up is: Kestrel listens first, the catalog loads after it.</summary>
public sealed class StartupProgress
{
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True until the first catalog is published.</summary>
    public bool IsLoading => !_loaded.Task.IsCompleted;

    public Task Loaded => _loaded.Task;

    public void MarkLoaded() => _loaded.TrySetResult();
}

/// <summary>
/// Holds a hosted service (the gateway session) back until the catalog is loaded, so no interaction arrives that
/// could not be answered. Starting returns at once, so the host goes on to start Kestrel and /healthz can say "loading".
/// </summary>
internal sealed partial class StartAfterCatalog(IHostedService inner, StartupProgress progress, ILogger<StartAfterCatalog> logger) : IHostedService, IDisposable
{
    public void Dispose() => _stopping.Dispose();

    private readonly CancellationTokenSource _stopping = new();
    private Task? _starting;

    /// <summary>
    /// Replaces the hosted services registered from <paramref name="from"/> up to <paramref name="to"/> with one held-back
    /// service that starts them in their order (and stops them in reverse), at the place of the first.
    /// </summary>
    public static void WrapInOrder(IServiceCollection services, int from, int to)
    {
        var hosted = services.Skip(from).Take(to - from).Where(d => d.ServiceType == typeof(IHostedService)).ToList();
        if (hosted.Count == 0) return;
        var at = services.IndexOf(hosted[0]);
        foreach (var descriptor in hosted) services.Remove(descriptor);
        services.Insert(at, ServiceDescriptor.Singleton<IHostedService>(sp =>
            new StartAfterCatalog(new InOrder([.. hosted.Select(d => Create(sp, d))]), sp.GetRequiredService<StartupProgress>(),
                sp.GetRequiredService<ILogger<StartAfterCatalog>>())));
    }

    /// <summary>Replaces the hosted services registered from <paramref name="from"/> on with held-back ones, in place.</summary>
    public static void Wrap(IServiceCollection services, int from)
    {
        for (var i = from; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService)) continue;
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
                new StartAfterCatalog(Create(sp, descriptor), sp.GetRequiredService<StartupProgress>(), sp.GetRequiredService<ILogger<StartAfterCatalog>>()));
        }
    }

    private static IHostedService Create(IServiceProvider services, ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IHostedService instance } => instance,
        { ImplementationFactory: { } factory } => (IHostedService)factory(services),
        _ => (IHostedService)ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!),
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _starting = StartWhenLoadedAsync();
        return Task.CompletedTask;
    }

    private async Task StartWhenLoadedAsync()
    {
        await progress.Loaded.WaitAsync(_stopping.Token).ConfigureAwait(false);
        try
        {
            await inner.StartAsync(_stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            // Nobody awaits this start until the host stops: say at once what did not start.
            LogStartFailed(logger, e, inner.GetType().Name);
            throw;
        }
    }

    [LoggerMessage(5301, LogLevel.Error, "{Service} could not start after the catalog loaded; the bot goes on without it.", EventName = "HeldBackStartFailed")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string service);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_starting is not null) await _starting.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return; // never started, nothing to stop
        }
        catch (Exception)
        {
            // Logged when it failed, or cut short by this stop (a scheduler checking its schema reports the cancellation as
            // its own error): either way it must not fail the host's stop. What did start is stopped below.
        }
        await inner.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Hosted services started one after another and stopped in reverse, as the host itself would.</summary>
internal sealed class InOrder(IReadOnlyList<IHostedService> services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services) await service.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var service in services.Reverse()) await service.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
