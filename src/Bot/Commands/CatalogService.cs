using DltBot.Bot.CatalogLoading;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands;

/// <summary>
/// The loaded catalog and the commands over it, as one singleton every surface shares (console shell, one-shot CLI,
/// Discord). <see cref="IsLoaded"/> is what a readiness check asks.
/// </summary>
public sealed class CatalogService(CatalogLoader loader, Func<ReadingList, ICatalogSearch> searchFactory, TimeProvider time)
{
    private DltCommands? commands;

    public bool IsLoaded => commands is not null;

    /// <summary>The commands; only after <see cref="LoadAsync"/> has succeeded.</summary>
    public DltCommands Commands => commands ?? throw new InvalidOperationException("The catalog is not loaded yet; call LoadAsync first.");

    /// <summary>Loads the configured source (or <paramref name="sourceOverride"/>) and makes its commands current.</summary>
    /// <exception cref="CatalogLoadException">Nothing could be loaded; the message says what and where.</exception>
    public async Task<DltCommands> LoadAsync(string? sourceOverride = null, CancellationToken cancellationToken = default)
    {
        var snapshot = await loader.LoadAsync(sourceOverride, cancellationToken);
        var loaded = new DltCommands(snapshot, searchFactory, time);
        commands = loaded;
        return loaded;
    }
}
