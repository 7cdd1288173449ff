using DltBot.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DltBot.Bot.Upstream;

/// <summary>
/// Every Catalog:RefreshInterval. Where instances share a PostgreSQL database, the clustered scheduler fires this on one
/// of them only, so it does not fetch: it announces <see cref="ICatalogChangeFeed.UpstreamKey"/> and every instance,
/// this one included, refreshes its own in-memory base (<see cref="Curation.CatalogChangeListener"/>). Alone (SQLite), or when the
/// announcement cannot be sent, it refreshes this instance directly. Never throws at Quartz but for a shutdown.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class CatalogRefreshJob(CatalogRefresher refresher, Stores stores, ILogger<CatalogRefreshJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            if (stores.ChangeFeed.IsShared)
            {
                try
                {
                    await stores.ChangeFeed.AnnounceAsync(ICatalogChangeFeed.UpstreamKey, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (StoreUnavailableException e)
                {
                    LogAnnounceFailed(logger, e.Message);
                }
            }
            await refresher.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A refresh that fails unexpectedly is logged; the current list stays and the next interval tries again.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(1110, LogLevel.Warning, "Could not tell the other instances to refresh the catalog ({Reason}); refreshing this one only.", EventName = "CatalogRefreshAnnounceFailed")]
    private static partial void LogAnnounceFailed(ILogger logger, string reason);

    [LoggerMessage(1111, LogLevel.Error, "The catalog refresh failed unexpectedly; the current list stays.", EventName = "CatalogRefreshCrashed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
