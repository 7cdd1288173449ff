using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DltBot.Catalog.Search;

/// <summary>
/// A <see cref="TermQuery"/> that scores exactly like one, but takes its terms enumerator and postings enumerator from
/// <see cref="PostingsPool"/> instead of allocating them. Each term of each field costs a plain TermQuery about 2 KB of
/// enumerator buffers per search, most of what a query allocates on a small catalog; that garbage is what brings the
/// gen0 collections into the latency tail.
/// </summary>
internal sealed class ReusingTermQuery : TermQuery
{
    private readonly TermContext states;
    private readonly Statistics? statistics;
    // A server's layered reader: the shared segment is its leaf 0 (the states of the shared index's own context serve it
    // as they are) and the server's changes its leaf 1, so no per-query context over both is built.
    private readonly IndexReaderContext top;
    private readonly TermState? onTop;
    private readonly int onTopDocFreq;

    /// <param name="statistics">The index's statistics for the term, when already known for the reader of <paramref name="states"/>.</param>
    public ReusingTermQuery(Term term, TermContext states, Statistics? statistics = null) : base(term, states)
    {
        this.states = states;
        this.statistics = statistics;
        top = states.TopReaderContext;
    }

    /// <summary>
    /// The term over a layered reader (<paramref name="layered"/>): leaf 0 is the one segment of <paramref name="shared"/>'s
    /// reader, leaf 1 holds the term as <paramref name="changed"/> says.
    /// </summary>
    public ReusingTermQuery(Term term, TermContext shared, TermState? changed, int changedDocFreq, IndexReaderContext layered, Statistics statistics)
        : base(term)
    {
        states = shared;
        this.statistics = statistics;
        top = layered;
        onTop = changed;
        onTopDocFreq = changed is null ? 0 : changedDocFreq;
    }

    /// <summary>How many documents hold the term: the postings a search reads for it.</summary>
    public int DocFreq => states.DocFreq + onTopDocFreq;

    /// <summary>Whether the term occurs in the server's changes of a layered reader.</summary>
    public bool InChanges => onTop is not null;

    /// <summary>Collection and term statistics, as the searcher would compute them (the params array included).</summary>
    internal sealed record Statistics(CollectionStatistics Collection, TermStatistics[] Term);

    public override Weight CreateWeight(IndexSearcher searcher)
    {
        var context = searcher.TopReaderContext;
        return ReferenceEquals(top, context)
            ? new ReusingTermWeight(this, searcher, statistics)
            : new ReusingTermQuery(Term, TermContext.Build(context, Term)) { Boost = Boost }.CreateWeight(searcher);
    }

    private TermState? StateIn(int leaf) =>
        ReferenceEquals(top, states.TopReaderContext) ? states.Get(leaf) : leaf switch { 0 => states.Get(0), 1 => onTop, _ => null };

    /// <summary>The states per leaf of the reader this query was built for, as a plain term query takes them.</summary>
    private TermContext ContextOfTop()
    {
        if (ReferenceEquals(top, states.TopReaderContext))
            return states;
        var both = new TermContext(top);
        if (states.Get(0) is { } shared)
            both.Register(shared, 0, states.DocFreq, states.TotalTermFreq);
        if (onTop is not null)
            both.Register(onTop, 1, onTopDocFreq, -1);
        return both;
    }

    private sealed class ReusingTermWeight : Weight
    {
        private readonly ReusingTermQuery query;
        private readonly IndexSearcher searcher;
        private readonly Lucene.Net.Search.Similarities.Similarity similarity;
        private readonly Lucene.Net.Search.Similarities.Similarity.SimWeight stats;
        private float queryNorm = 1f, topLevelBoost = 1f;

        public ReusingTermWeight(ReusingTermQuery query, IndexSearcher searcher, Statistics? known)
        {
            this.query = query;
            this.searcher = searcher;
            similarity = searcher.Similarity;
            stats = known is not null
                ? similarity.ComputeWeight(query.Boost, known.Collection, known.Term)
                : similarity.ComputeWeight(query.Boost, searcher.CollectionStatistics(query.Term.Field), searcher.TermStatistics(query.Term, query.ContextOfTop()));
        }

        public override Query Query => query;

        public override float GetValueForNormalization() => stats.GetValueForNormalization();

        public override void Normalize(float norm, float boost)
        {
            (queryNorm, topLevelBoost) = (norm, boost);
            stats.Normalize(norm, boost);
        }

        public override Scorer? GetScorer(AtomicReaderContext context, IBits? acceptDocs)
        {
            var state = query.StateIn(context.Ord);
            if (state is null) return null;
            var docs = PostingsPool.Docs(context.AtomicReader, query.Term, state, acceptDocs);
            return docs is null ? null : new PostingsScorer(this, docs, similarity.GetSimScorer(stats, context));
        }

        /// <summary>Not on the search path: explained by a plain term query's weight, normalized the same way.</summary>
        public override Explanation Explain(AtomicReaderContext context, int doc)
        {
            var plain = new TermQuery(query.Term, query.ContextOfTop()) { Boost = query.Boost }.CreateWeight(searcher);
            plain.Normalize(queryNorm, topLevelBoost);
            return plain.Explain(context, doc);
        }
    }
}

/// <summary>Lucene's TermScorer, which is internal: the postings of one term, scored by the similarity.</summary>
internal sealed class PostingsScorer(Weight weight, DocsEnum docs, Lucene.Net.Search.Similarities.Similarity.SimScorer scorer) : Scorer(weight)
{
    public override int DocID => docs.DocID;
    public override int Freq => docs.Freq;
    public override int NextDoc() => docs.NextDoc();
    public override int Advance(int target) => docs.Advance(target);
    public override float GetScore() => scorer.Score(docs.DocID, docs.Freq);
    public override long GetCost() => docs.GetCost();
}

/// <summary>
/// Per-thread enumerators for <see cref="ReusingTermQuery"/>. Outside a <see cref="Scope"/> nothing is reused (each call
/// allocates, as Lucene does). Inside one, every postings enumerator handed out stays in use until the scope ends, since
/// its scorer may still be reading it; the next scope on the thread hands the same ones out again.
/// </summary>
internal static class PostingsPool
{
    [ThreadStatic] private static State? current;

    /// <summary>Starts reusing enumerators on this thread until the returned scope is disposed. Scopes may nest.</summary>
    public static Scope Begin() => new(current ??= new State(), outermost: current.Depth++ == 0);

    public static DocsEnum? Docs(AtomicReader reader, Term term, TermState state, IBits? acceptDocs)
    {
        var pool = current;
        if (pool is null || pool.Depth == 0)
        {
            var fresh = reader.GetTerms(term.Field)?.GetEnumerator();
            if (fresh is null) return null;
            fresh.SeekExact(term.Bytes, state);
            return fresh.Docs(acceptDocs, null);
        }
        pool = pool.For(reader is VisibleDocsReader visible ? visible.Inner : reader); // the same terms, other live docs
        if (!pool.TermsByField.TryGetValue(term.Field, out var terms))
        {
            terms = reader.GetTerms(term.Field)?.GetEnumerator();
            if (terms is null) return null;
            pool.TermsByField.Add(term.Field, terms);
        }
        // Seeking by a saved term state leaves nothing behind in the terms enumerator that the postings enumerator needs.
        terms.SeekExact(term.Bytes, state);
        if (!pool.DocsByField.TryGetValue(term.Field, out var slots))
            pool.DocsByField.Add(term.Field, slots = new Slots());
        if (slots.InUse < slots.Enums.Count)
        {
            var docs = terms.Docs(acceptDocs, slots.Enums[slots.InUse]);
            slots.Enums[slots.InUse++] = docs;
            return docs;
        }
        var added = terms.Docs(acceptDocs, null);
        slots.Enums.Add(added);
        slots.InUse++;
        return added;
    }

    public readonly struct Scope(State state, bool outermost) : IDisposable
    {
        public void Dispose()
        {
            state.Depth--;
            if (!outermost) return;
            foreach (var slots in state.AllSlots())
                slots.InUse = 0;
        }
    }

    internal sealed class State
    {
        public int Depth;
        public AtomicReader? Reader;
        public readonly Dictionary<string, TermsEnum> TermsByField = new(StringComparer.Ordinal);
        public readonly Dictionary<string, Slots> DocsByField = new(StringComparer.Ordinal);
        // A server with changes searches two leaves at once (the shared index and its own): each keeps its enumerators.
        private State? other;

        /// <summary>The enumerators of <paramref name="reader"/>: this state's or its neighbour's, the older one starting over.</summary>
        public State For(AtomicReader reader)
        {
            if (ReferenceEquals(Reader, reader)) return this;
            other ??= new State();
            if (ReferenceEquals(other.Reader, reader)) return other;
            // Enumerators belong to one index: a rebuilt catalog starts over (and lets the old index go).
            var reused = Reader is null ? this : other;
            reused.Reader = reader;
            reused.TermsByField.Clear();
            reused.DocsByField.Clear();
            return reused;
        }

        public IEnumerable<Slots> AllSlots() => other is null ? DocsByField.Values : DocsByField.Values.Concat(other.DocsByField.Values);
    }

    internal sealed class Slots
    {
        public int InUse;
        public readonly List<DocsEnum> Enums = [];
    }
}
