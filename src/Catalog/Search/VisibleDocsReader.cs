using Lucene.Net.Index;
using Lucene.Net.Util;

namespace DltBot.Catalog.Search;

/// <summary>
/// The shared index's segment as one server sees it: the entries it removed or changed count as deleted, so a search
/// never finds them. The segment itself is shared, not copied, and stays open when this view is closed.
/// </summary>
internal sealed class VisibleDocsReader(AtomicReader shared, FixedBitSet visible, int hiddenCount) : FilterAtomicReader(shared)
{
    public AtomicReader Inner => m_input;

    public override IBits LiveDocs => visible;

    public override int NumDocs => m_input.NumDocs - hiddenCount;

    protected override void DoClose()
    {
        // The shared segment belongs to the shared index.
    }
}
