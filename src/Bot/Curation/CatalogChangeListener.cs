using DltBot.Bot.CatalogLoading;
using DltBot.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Curation;

/// <summary>
/// Keeps this instance's catalog views in step with changes other instances commit to a shared database (PostgreSQL
/// LISTEN/NOTIFY through <see cref="Stores.ChangeFeed"/>): each announced guild is refreshed from the store, and every
/// guild is reloaded after a (re)connection, since announcements sent while not listening are lost. On SQLite there is
/// no other instance and this does nothing. Losing and regaining that connection is also what
/// <see cref="StoreReachability"/> (and so /healthz) reports.
/// </summary>
/// <remarks>
/// The same feed carries <see cref="ICatalogChangeFeed.UpstreamKey"/>: the refresh job fired (on one instance of the
/// cluster), and each instance refreshes its own base list from the URL. An instance that was not listening may have
/// missed it, so a resync refreshes too once this instance has fetched before (the start's load is fresh enough).
/// </remarks>
public sealed partial class CatalogChangeListener(Stores stores, Curator curator, ICatalogViews catalogs, ILogger<CatalogChangeListener> logger,
    Upstream.CatalogRefresher? refresher = null, StoreReachability? reachability = null)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        stores.ChangeFeed.IsShared
            ? stores.ChangeFeed.ListenAsync(RefreshAsync, ResyncAsync, Lost, stoppingToken)
            : Task.CompletedTask;

    private void Lost(string reason, TimeSpan retry)
    {
        reachability?.Lost(reason);
        LogLost(logger, reason, retry);
    }

    private async Task RefreshAsync(string guild, CancellationToken ct)
    {
        // Before the base list is published there is no view to refresh; the curator's start loads every guild after it.
        if (!catalogs.IsLoaded) return;
        if (guild == ICatalogChangeFeed.UpstreamKey)
        {
            if (refresher is not null) await refresher.RefreshAsync(ct).ConfigureAwait(false);
            return;
        }
        try
        {
            await curator.RefreshAsync(guild, ct).ConfigureAwait(false);
            LogRefreshed(logger, guild);
        }
        catch (StoreUnavailableException e)
        {
            // The next announcement for the guild, or the resync after a reconnection, brings the view up to date.
            LogRefreshFailed(logger, guild, e.Message);
        }
    }

    private async Task ResyncAsync(CancellationToken ct)
    {
        // Called once LISTEN went through on a new connection: the server answers again.
        reachability?.Reached();
        if (!catalogs.IsLoaded) return;
        try
        {
            await curator.LoadAllAsync(ct).ConfigureAwait(false);
            if (refresher is { HasFetched: true }) await refresher.RefreshAsync(ct).ConfigureAwait(false);
            LogResynced(logger);
        }
        catch (StoreUnavailableException e)
        {
            LogRefreshFailed(logger, "(all)", e.Message);
        }
    }

    [LoggerMessage(6112, LogLevel.Warning, "Not hearing other instances' catalog changes: {Reason}; listening again in {Retry}, then reloading every guild.", EventName = "CatalogChangeFeedLost")]
    private static partial void LogLost(ILogger logger, string reason, TimeSpan retry);

    [LoggerMessage(6113, LogLevel.Debug, "Listening for other instances' catalog changes; every guild reloaded.", EventName = "CatalogChangesResynced")]
    private static partial void LogResynced(ILogger logger);

    [LoggerMessage(6110, LogLevel.Debug, "Catalog changes of guild {Guild} made by another instance are now in this one's view.", EventName = "CatalogChangeReceived")]
    private static partial void LogRefreshed(ILogger logger, string guild);

    [LoggerMessage(6111, LogLevel.Warning, "Catalog changes of guild {Guild} made by another instance could not be loaded: {Reason}", EventName = "CatalogChangeRefreshFailed")]
    private static partial void LogRefreshFailed(ILogger logger, string guild, string reason);
}
