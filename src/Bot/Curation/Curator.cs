using DltBot.Bot.CatalogLoading;
using DltBot.Storage;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Curation;

/// <summary>Keeps every guild's catalog view in step with its stored changes.</summary>
public sealed partial class Curator(IEntryStore store, ICatalogViews catalogs, ILogger<Curator> logger)
{
    public IEntryStore Store => store;

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

    [LoggerMessage(EventId = 6001, EventName = "CurationLoaded", Level = LogLevel.Information, Message = "Moderators' changes loaded for {Guilds} server(s).")]
    private static partial void LogLoaded(ILogger logger, int guilds);
}
