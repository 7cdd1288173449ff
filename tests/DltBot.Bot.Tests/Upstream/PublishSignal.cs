using System.Threading.Channels;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Search;

namespace DltBot.Bot.Tests.Upstream;

/// <summary>The real views, telling the test each time a refresh publishes a list.</summary>
internal sealed class PublishSignal : ICatalogViews
{
    private readonly CatalogViews inner = new(SearchEngine.Create, changesSearch: SearchEngine.CreateForChanges);
    private readonly Channel<CatalogView> prepared = Channel.CreateUnbounded<CatalogView>();

    public bool IsLoaded => inner.IsLoaded;

    public CatalogView Base => inner.Base;

    public CatalogView ViewFor(Place place) => inner.ViewFor(place);

    public CatalogView SetChanges(string placeKey, IReadOnlyList<DltBot.Catalog.Curation.OverlayEntry> changes) => inner.SetChanges(placeKey, changes);

    public CatalogView Publish(CatalogSnapshot snapshot) => inner.Publish(snapshot);

    public async Task<CatalogView> PublishPreparedAsync(CatalogSnapshot snapshot, CancellationToken cancellationToken)
    {
        var view = await inner.PublishPreparedAsync(snapshot, cancellationToken);
        prepared.Writer.TryWrite(view);
        return view;
    }

    public Task<CatalogView> NextAsync() => prepared.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask();
}
