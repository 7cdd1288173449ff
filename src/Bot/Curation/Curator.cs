using DltBot.Bot.CatalogLoading;
using DltBot.Storage;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Curation;

/// <summary>Keeps every guild's catalog view in step with its stored changes.</summary>
public sealed partial class Curator(IEntryStore store, IDatabaseMaintenance database, ICatalogViews catalogs, ILogger<Curator> logger)
{
    public IEntryStore Store => store;

    /// <summary>
    /// At start, after the base list is published: brings the database to this build's schema and gives every guild
    /// its view. A database that cannot be used is logged and the bot goes on with the shared list (moderators get a
    /// clear error when they try a change); a database newer than this build stops the start.
    /// </summary>
    /// <exception cref="DatabaseTooNewException">The database was written by a newer dltbot.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await LoadAllAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException e) when (e is not DatabaseTooNewException)
        {
            LogUnavailable(logger, e.Message);
        }
    }

    /// <summary>At start: gives every guild that has changes its own view.</summary>
    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        var guilds = await store.GuildsWithChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var guild in guilds) await RefreshAsync(guild, cancellationToken).ConfigureAwait(false);
        LogLoaded(logger, guilds.Count);
    }

    /// <summary>After a change: the guild's view from what the store now holds.</summary>
    public async Task<CatalogView> RefreshAsync(string guild, CancellationToken cancellationToken)
    {
        var overlay = await store.GetOverlayAsync(guild, cancellationToken).ConfigureAwait(false);
        return catalogs.SetChanges(guild, overlay.Select(e => e.ToOverlay()).ToList());
    }

    [LoggerMessage(6102, LogLevel.Warning, "Moderators' changes are not available: {Reason} Commands answer from the shared list until the database can be used.", EventName = "CurationUnavailable")]
    private static partial void LogUnavailable(ILogger logger, string reason);

    [LoggerMessage(6101, LogLevel.Information, "Moderators' changes loaded for {Guilds} server(s).", EventName = "CurationLoaded")]
    private static partial void LogLoaded(ILogger logger, int guilds);
}
