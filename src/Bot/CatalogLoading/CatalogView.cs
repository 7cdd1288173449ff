using System.Collections.Concurrent;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Catalog;
using DltBot.Catalog.Curation;
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

    /// <param name="changes">The place's own changes this view shows on top of the base list; empty for the base view.</param>
    /// <param name="index">The list's index when it is already built (a guild's, layered over the shared one).</param>
    public CatalogView(CatalogSnapshot snapshot, Func<ReadingList, ICatalogSearch> searchFactory, long version = 0,
        IReadOnlyList<OverlayEntry>? changes = null, CatalogIndex? index = null)
    {
        Changes = changes ?? [];
        Snapshot = snapshot;
        Version = version;
        Index = index ?? new CatalogIndex(snapshot.List);
        search = new Lazy<ICatalogSearch>(() => searchFactory(snapshot.List), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CatalogSnapshot Snapshot { get; }

    /// <summary>The place's own changes (removed entries included), in the order they were first made.</summary>
    public IReadOnlyList<OverlayEntry> Changes { get; }

    /// <summary>Increases with every published base list; a view built on an older one is stale.</summary>
    public long Version { get; }

    public ReadingList List => Snapshot.List;

    public CatalogIndex Index { get; }

    public ICatalogSearch Search => search.Value;

    public bool IsSearchReady => search.IsValueCreated;

    /// <summary>Builds the search index on a worker thread, so the first search rarely waits for it.</summary>
    public Task PrepareSearchAsync() => Task.Run(() => _ = search.Value);
}

/// <summary>Builds the search of a place's changed entries only (cheaper than the shared engine: see <see cref="OverlaySearch"/>).</summary>
public delegate ICatalogSearch ChangesSearchFactory(ReadingList changedOnly);

/// <summary>The one holder of the catalog state: the shared base view, and each place's view of it.</summary>
public interface ICatalogViews
{
    bool IsLoaded { get; }

    /// <summary>The base list's view; throws before the first <see cref="Publish"/>.</summary>
    CatalogView Base { get; }

    /// <summary>The view for a guild (or <c>local</c>): the base view until that place has changes of its own.</summary>
    CatalogView ViewFor(Place place);

    /// <summary>
    /// Gives a place its own changes on top of the base list (an empty list: the place shares the base view again). The
    /// next <see cref="ViewFor"/> sees them; other places are unaffected.
    /// </summary>
    CatalogView SetChanges(string placeKey, IReadOnlyList<OverlayEntry> changes);

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
/// changes of its own; then its view is the base list with its changes applied, searched through the shared index plus
/// a small index of its changed entries (<see cref="OverlaySearch"/>), so a thousand guilds with a few changes each do
/// not hold a thousand copies of the base index. A place's view is rebuilt on first use after the base list changes.
/// </summary>
/// <param name="changesSearch">Builds the small index of one place's changed entries; the full engine when not given.</param>
public sealed class CatalogViews(Func<ReadingList, ICatalogSearch> searchFactory, TopicDirectory? topics = null, ChangesSearchFactory? changesSearch = null)
    : ICatalogViews
{
    private readonly ConcurrentDictionary<string, PlaceView> places = new(StringComparer.Ordinal);
    private readonly TopicDirectory topics = topics ?? TopicDirectory.Default;
    private CatalogView? current;
    private long version;

    public bool IsLoaded => Volatile.Read(ref current) is not null;

    public CatalogView Base => Volatile.Read(ref current) ?? throw new InvalidOperationException("The catalog is not loaded yet.");

    public CatalogView ViewFor(Place place)
    {
        var shared = Base;
        if (!places.TryGetValue(place.Key, out var own)) return shared;
        if (own.View.Version == shared.Version) return own.View;
        // The base list changed since this place's view was built: build it again on the new base, once.
        var rebuilt = own with { View = Build(shared, own.Changes) };
        return places.TryUpdate(place.Key, rebuilt, own) ? rebuilt.View : ViewFor(place);
    }

    public CatalogView SetChanges(string placeKey, IReadOnlyList<OverlayEntry> changes)
    {
        if (changes.Count == 0)
        {
            places.TryRemove(placeKey, out _);
            return Base;
        }
        var view = Build(Base, changes);
        places[placeKey] = new PlaceView(changes, view);
        return view;
    }

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

    /// <summary>
    /// The base list with a place's changes. Its id index and its search are layered over the shared ones, so the cost
    /// is that of its changes (plus one walk that looks each base entry up), whatever the size of the list.
    /// </summary>
    private CatalogView Build(CatalogView shared, IReadOnlyList<OverlayEntry> changes)
    {
        var applied = CatalogOverlay.Overlay(shared.List, changes, topics, shared.Index.SectionOf);
        var index = shared.Index.Over(applied.List, applied.Replaced, applied.Removed);
        // The shared search must not answer for what the guild removed or changed; the index of its changes does.
        var hidden = new HashSet<string>(applied.Removed, StringComparer.OrdinalIgnoreCase);
        hidden.UnionWith(applied.Changed.Where(shared.Index.IsTaken));
        var changedOnly = applied.List with
        {
            // The last record of an entry is where it ends up (a changed sub-item of a moved entry is recorded twice).
            Sections = applied.Replaced
                .Where(r => applied.Changed.Contains(r.Entry.Id))
                .Reverse()
                .DistinctBy(r => r.Entry.Id, StringComparer.OrdinalIgnoreCase)
                .GroupBy(r => r.Section)
                .Select(g => g.Key with { Entries = [.. g.Select(r => r.Entry with { Children = [] })] })
                .ToList(),
        };
        return new CatalogView(shared.Snapshot with { List = applied.List }, _ => new OverlaySearch(shared.Search, hidden, (changesSearch ?? (l => searchFactory(l)))(changedOnly)),
            shared.Version, changes, index);
    }

    private sealed record PlaceView(IReadOnlyList<OverlayEntry> Changes, CatalogView View);
}
