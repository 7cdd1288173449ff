using DltBot.Bot.Commands;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.CatalogLoading;

/// <summary>
/// One immutable state of the catalog as commands see it: the list, its id index and its search engine (built on first
/// use). A command reads one view from start to end, so a swap in the middle never mixes two lists.
/// </summary>
public sealed class CatalogView
{
    private readonly Lazy<ICatalogSearch> search;

    public CatalogView(CatalogSnapshot snapshot, Func<ReadingList, ICatalogSearch> searchFactory, long version = 0)
    {
        Snapshot = snapshot;
        Version = version;
        Index = new CatalogIndex(snapshot.List);
        search = new Lazy<ICatalogSearch>(() => searchFactory(snapshot.List), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CatalogSnapshot Snapshot { get; }

    /// <summary>Increases with every published base list; a view built on an older one is stale.</summary>
    public long Version { get; }

    public ReadingList List => Snapshot.List;

    public CatalogIndex Index { get; }

    public ICatalogSearch Search => search.Value;

    public bool IsSearchReady => search.IsValueCreated;

    /// <summary>Builds the search index on a worker thread, so the first search rarely waits for it.</summary>
    public Task PrepareSearchAsync() => Task.Run(() => _ = search.Value);
}

/// <summary>The one holder of the catalog state: the shared base view, and each place's view of it.</summary>
public interface ICatalogViews
{
    bool IsLoaded { get; }

    /// <summary>The base list's view; throws before the first <see cref="Publish"/>.</summary>
    CatalogView Base { get; }

    /// <summary>The view for a guild (or <c>local</c>): the base view until that place has changes of its own.</summary>
    CatalogView ViewFor(Commands.Framework.Place place);

    /// <summary>Makes a newly loaded list the base for every place, atomically; its search index is built on first use.</summary>
    CatalogView Publish(CatalogSnapshot snapshot);

    /// <summary>
    /// Builds the new list's search index first, then swaps: searches never wait for an index while an older list can
    /// answer them. When two publishes race, the later list wins.
    /// </summary>
    Task<CatalogView> PublishPreparedAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken);
}

/// <summary>
/// Holds the current base view behind one reference that is swapped atomically: readers take the reference once and
/// keep a complete view; a publish never edits a view in place. Every place shares the base view's index until it has
/// changes of its own, so a thousand quiet guilds cost one index.
/// </summary>
public sealed class CatalogViews(Func<ReadingList, ICatalogSearch> searchFactory) : ICatalogViews
{
    private CatalogView? current;
    private long version;

    public bool IsLoaded => Volatile.Read(ref current) is not null;

    public CatalogView Base => Volatile.Read(ref current) ?? throw new InvalidOperationException("The catalog is not loaded yet.");

    public CatalogView ViewFor(Commands.Framework.Place place) => Base;

    public CatalogView Publish(CatalogSnapshot snapshot)
    {
        var view = new CatalogView(snapshot, searchFactory, Interlocked.Increment(ref version));
        Swap(view);
        return view;
    }

    public async Task<CatalogView> PublishPreparedAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var view = new CatalogView(snapshot, searchFactory, Interlocked.Increment(ref version));
        await view.PrepareSearchAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        Swap(view);
        return view;
    }

    private void Swap(CatalogView view)
    {
        while (true)
        {
            var seen = Volatile.Read(ref current);
            if (seen is not null && seen.Version > view.Version) return;
            if (Interlocked.CompareExchange(ref current, view, seen) == seen) return;
        }
    }
}
