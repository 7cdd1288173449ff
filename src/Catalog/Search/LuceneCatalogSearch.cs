using DltBot.Catalog.Model;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DltBot.Catalog.Search;

/// <summary>Optional knobs for <see cref="LuceneCatalogSearch.Build"/>.</summary>
/// <param name="Aliases">The bilingual alias table; the shipped one when null.</param>
/// <param name="KindOverrides">Entry kinds set by a curator, keyed by entry id; they win over the link classifier.</param>
public sealed record CatalogSearchOptions(SearchAliases? Aliases = null, IReadOnlyDictionary<string, EntryKind>? KindOverrides = null);

/// <summary>
/// Ranked bilingual search over one <see cref="ReadingList"/>, held in memory. Immutable and thread-safe: when the catalog
/// changes, build a new one (cheap) and swap it in.
/// </summary>
public sealed class LuceneCatalogSearch : ICatalogSearch, IDisposable
{
    private readonly ReadingList list;
    private readonly IndexedEntry[] entries;
    private readonly RAMDirectory directory;
    private readonly SearchAliases aliases;
    private readonly Vocabulary vocabulary;
    // The shared index keeps its reader open. An index of changes keeps a Bloom filter of its terms: with its reader closed
    // it plans against the filter and opens a reader (kept among the most recently used, see OpenReaders) only when a
    // term may occur; with it open, the filter spares the dictionary seeks for the many words it lacks.
    private readonly Engine? always;
    private readonly QueryPlanner? probe;
    private readonly TermFilter? filter;
    private Engine? recent;
    private int usedSinceQueued;
    // Built on the first autocomplete: a server's index of changes is searched far more often than completed from.
    private readonly Lazy<AutocompleteIndex> autocomplete;
    // Null for an index of changes, whose "did you mean" nobody reads (OverlaySearch takes the shared index's).
    private readonly SpellingSuggester? spelling;
    private readonly bool forChanges;
    // Built on the first unknown id, not with the index: most catalogs never need it.
    private readonly Lazy<IdSuggester> ids;
    // For a server's changes searched together with the shared index (see Layered); the list its probe names topics in.
    private readonly Layer? layer;
    private readonly ReadingList probeList;
    // Shared index only: where each entry id sits, for the documents a server hides (built on the first server's view).
    private readonly Lazy<ILookup<string, int>> docsOfId;

    private LuceneCatalogSearch(ReadingList list, IndexedEntry[] entries, RAMDirectory directory, SearchAliases aliases, bool forChanges)
    {
        this.forChanges = forChanges;
        this.list = list;
        this.entries = entries;
        this.directory = directory;
        this.aliases = aliases;
        vocabulary = new Vocabulary(list, entries.Select(e => e.Entry));
        autocomplete = new Lazy<AutocompleteIndex>(() => new AutocompleteIndex(list));
        ids = new Lazy<IdSuggester>(() => IdSuggester.Build(list));
        probeList = list;
        docsOfId = new Lazy<ILookup<string, int>>(() => Enumerable.Range(0, always!.Reader.MaxDoc).ToLookup(d => always.EntryAt(d).Entry.Id, StringComparer.OrdinalIgnoreCase));
        spelling = forChanges ? null : new SpellingSuggester(vocabulary);
        if (forChanges)
        {
            using (var opened = new Engine(this)) // reopened on the first query that may match
                filter = TermFilter.Of(opened.Reader);
            probe = new QueryPlanner(filter, vocabulary, aliases);
        }
        else
            always = new Engine(this);
    }

    /// <summary>
    /// A server's changes over the shared index: one reader over the shared segment (with the entries the server hides
    /// deleted in its view of it) and the changes' segment, so a query is planned, ranked, filled and cut into snippets
    /// once, with one set of statistics. The changes' probe still keeps that reader closed for the queries none of the
    /// changed entries can match.
    /// </summary>
    private LuceneCatalogSearch(LuceneCatalogSearch changes, Layer layer)
    {
        forChanges = true;
        this.layer = layer;
        list = layer.Shared.list; // topics resolve, and sections are keyed, as in the shared list
        probeList = changes.list;
        entries = changes.entries;
        directory = changes.directory;
        aliases = changes.aliases;
        vocabulary = Vocabulary.Over(changes.vocabulary, layer.Shared.vocabulary);
        autocomplete = changes.autocomplete;
        ids = changes.ids;
        docsOfId = changes.docsOfId;
        filter = changes.filter;
        probe = changes.probe;
    }

    private sealed record Layer(LuceneCatalogSearch Shared, FixedBitSet Visible, int HiddenCount);

    /// <summary>
    /// <paramref name="changes"/> (from <see cref="BuildForChanges(ReadingList)"/>) searched in one pass with
    /// <paramref name="shared"/> without the <paramref name="hidden"/> entries; null when either is not such an index.
    /// </summary>
    internal static LuceneCatalogSearch? Layered(ICatalogSearch shared, IReadOnlySet<string> hidden, ICatalogSearch changes)
    {
        if (shared is not LuceneCatalogSearch { always: { } engine } under || engine.Reader.Leaves.Count != 1
            || changes is not LuceneCatalogSearch { forChanges: true, layer: null } own)
            return null;
        var visible = new FixedBitSet(engine.Reader.MaxDoc);
        visible.Set(0, visible.Length);
        var hiddenDocs = 0;
        foreach (var id in hidden)
            foreach (var doc in under.docsOfId.Value[id])
            {
                visible.Clear(doc);
                hiddenDocs++;
            }
        return new LuceneCatalogSearch(own, new Layer(under, visible, hiddenDocs));
    }

    /// <summary>
    /// The page from the shared index and the changes together, or null when the shared index should answer: alone (with
    /// <paramref name="changesMayMatch"/> false) when none of the changed entries can match, since that is the cheaper
    /// pass; with the changes when the topic is not one of the shared list's.
    /// </summary>
    internal SearchResponse? SearchLayered(SearchQuery query, out bool changesMayMatch)
    {
        changesMayMatch = true;
        var text = QueryText.Normalize(query.Text);
        if (text.Length == 0)
            return null;
        try
        {
            var response = Run(query with { Text = text, Topic = query.Topic is null ? null : QueryText.Normalize(query.Topic) }, out var probedOut);
            changesMayMatch = !probedOut;
            return response;
        }
        catch (ObjectDisposedException)
        {
            return null;
        }
    }

    internal IndexSearcher Searcher => Open().Searcher;
    internal QueryPlanner Planner => Open().Planner;

    /// <summary>How many entries (sub-items included) the index holds.</summary>
    public int Count => entries.Length;

    /// <summary>Indexes <paramref name="list"/> in memory.</summary>
    public static LuceneCatalogSearch Build(ReadingList list, CatalogSearchOptions? options = null) => Build(list, options, forChanges: false);

    /// <summary>
    /// The small index of one server's changed entries that <see cref="OverlaySearch"/> merges with the shared index. Its
    /// hits, scores and totals are those of <see cref="Build(ReadingList, CatalogSearchOptions?)"/> over the same list
    /// (typo tolerance included); what it leaves out is what OverlaySearch never reads from it: suggestions when nothing
    /// matches ("did you mean" and related topics; OverlaySearch takes the shared index's). A query none of whose words
    /// (nor their typo or alias expansions) occurs in these few entries is answered as soon as it is planned, without
    /// the fill queries a full index runs when fewer than a page match, which is the usual case for a handful of entries.
    /// </summary>
    public static ICatalogSearch BuildForChanges(ReadingList changedOnly) => Build(changedOnly, null, forChanges: true);

    /// <inheritdoc cref="BuildForChanges(ReadingList)"/>
    public static ICatalogSearch BuildForChanges(ReadingList changedOnly, CatalogSearchOptions? options) => Build(changedOnly, options, forChanges: true);

    private static LuceneCatalogSearch Build(ReadingList list, CatalogSearchOptions? options, bool forChanges)
    {
        ArgumentNullException.ThrowIfNull(list);
        var aliases = options?.Aliases ?? SearchAliases.Default;
        var indexed = IndexedEntry.From(list, options?.KindOverrides);
        var directory = new RAMDirectory();
        var analyzer = new PerFieldAnalyzerWrapper(CatalogAnalyzer.Stemmed, new Dictionary<string, Lucene.Net.Analysis.Analyzer>
        {
            [IndexFields.Url] = CatalogAnalyzer.Exact,
            [IndexFields.Characters] = CatalogAnalyzer.CjkCharacters,
        });
        var config = new IndexWriterConfig(CatalogAnalyzer.Version, analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            RAMBufferSizeMB = 256,
            // Merge on this thread: a background merge thread only adds a hand-off, and the index is built once.
            MergeScheduler = new SerialMergeScheduler(),
        };
        using (var writer = new IndexWriter(directory, config))
        {
            for (var i = 0; i < indexed.Length; i++)
                writer.AddDocument(indexed[i].ToDocument(i));
            writer.ForceMerge(1);
            writer.Commit();
        }
        return new LuceneCatalogSearch(list, indexed, directory, aliases, forChanges);
    }

    public SearchResponse Search(SearchQuery query) => Search(query, QueryValidator.Problem(query));

    /// <summary>
    /// The first <paramref name="count"/> results, however many: <see cref="OverlaySearch"/> asks for a page's worth plus
    /// the hidden entries from offset 0, which for a late page (or a page of 100) is past the page limit a user has.
    /// </summary>
    internal SearchResponse SearchTop(SearchQuery query, int count) =>
        Search(query with { Offset = 0, Limit = count }, QueryValidator.Problem(query with { Offset = 0, Limit = 1 }));

    private SearchResponse Search(SearchQuery query, string? problem)
    {
        if (problem is not null)
            return Failed(problem);
        var text = QueryText.Normalize(query.Text);
        if (text.Length == 0)
            return Failed("The query contains only invisible formatting characters (such as zero-width spaces); type a word to search for.");
        try
        {
            return Run(query with { Text = text, Topic = query.Topic is null ? null : QueryText.Normalize(query.Topic) }, out _)
                ?? new SearchResponse([], 0, null, []);
        }
        catch (ObjectDisposedException)
        {
            // A reload swapped in a new index and disposed this one while the query ran.
            return Failed("The catalog was being reloaded; please search again.");
        }
    }

    private const string NothingToSearch =
        "The query has nothing to search for: only punctuation or very common words (like \"the\" or \"of\"); add a more specific word.";

    /// <summary>The response; null only for a layered search that leaves the answer to the shared index (see SearchLayered).</summary>
    private SearchResponse? Run(SearchQuery query, out bool probedOut)
    {
        probedOut = false;
        using var reusedPostings = PostingsPool.Begin();
        Section? topic = null;
        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            topic = TopicFilter.Resolve(list, query.Topic, aliases);
            if (topic is null && layer is not null)
                return null;
            if (topic is null)
                return new SearchResponse([], 0, $"Unknown topic \"{query.Topic.Trim()}\".", forChanges ? [] : TopicFilter.Suggest(list, query.Topic));
        }

        // With the reader closed, plan against the filter of this index's terms first, which never misses one that occurs:
        // when nothing can match there, nothing can match here, and the reader stays closed. With it open, one plan does.
        // Over a large shared index the filter is asked even with the reader open: next to a pass over thousands of entries
        // planning against it costs little, and the shared index's own pass (its cached terms, no hidden documents to skip)
        // is the cheaper one for the many queries no changed entry can match. Over a small one it would double the work.
        if (probe is not null && (Volatile.Read(ref recent) is null || layer?.Shared.Count >= ProbeAlwaysFrom))
        {
            var probed = probe.Plan(query.Text);
            if (probed.Clauses.Count == 0)
                return Failed(NothingToSearch);
            if (!CanMatch(probed, query.Text, topic, probeList))
            {
                probedOut = true;
                return layer is null ? new SearchResponse([], 0, null, []) : null;
            }
        }
        var engine = Open();
        var plan = engine.Planner.Plan(query.Text);
        if (plan.Clauses.Count == 0)
            return Failed(NothingToSearch);
        if (forChanges && !CanMatch(plan, query.Text, topic, list))
        {
            probedOut = true; // nothing matches in either index: the shared one answers, with its "did you mean"
            return layer is null ? new SearchResponse([], 0, null, []) : null;
        }

        var filter = FilterFor(topic, query);
        var wanted = query.Offset + query.Limit;
        var ranked = FindRanked(engine, Combine(plan.Clauses, plan.Clauses.Count), plan.PhraseBonus, filter, wanted);
        int? allWordsTotal = null;
        // Decided on the page size, not the offset, so every page of one query agrees on Total and on the order.
        if (ranked.Total < query.Limit && plan.Clauses.Count > 1)
        {
            // Too few entries have every word: fill the page with those that have most of them or sit in a topic the
            // words name (a paper's code, a talk, a follow-up), after the full matches.
            // In document order: the fill's words are the uncommon ones, and bulk scoring would first allocate its bucket table.
            var fill = PartialQuery(engine, plan, query.Text, topic) is { } partial ? FindRanked(engine, partial, null, filter, wanted + ranked.Total, bulk: false) : null;
            if (fill is null or { Total: 0 } && ranked.Total == 0 && plan.Clauses.Count > 2)
                fill = FindRanked(engine, Combine(plan.Clauses, 1), null, filter, wanted); // nothing has most words: any word at all
            if (fill is not null && fill.Total > ranked.Total)
            {
                allWordsTotal = ranked.Total;
                ranked = ranked.FollowedBy(fill, engine.Groups, wanted);
            }
        }
        List<string> suggestions = [];
        if (ranked.Total == 0 && layer is not null)
            suggestions = layer.Shared.Suggest(layer.Shared.always!, query, plan).ToList(); // "did you mean" as without changes
        else if (ranked.Total == 0 && !forChanges)
            suggestions = Suggest(engine, query, plan).ToList();

        var docs = ranked.Docs;
        var hits = new List<SearchHit>(Math.Max(0, Math.Min(query.Limit, docs.Count - query.Offset)));
        for (var i = query.Offset; i < docs.Count; i++)
        {
            var indexed = engine.EntryAt(docs[i].Doc);
            var snippet = SnippetBuilder.FromCollapsed(indexed.SnippetText, plan.Highlights);
            hits.Add(new SearchHit(indexed.Entry, indexed.Section, indexed.Kind, docs[i].Score, snippet));
        }
        return new SearchResponse(hits, ranked.Total, null, suggestions, allWordsTotal);
    }

    /// <summary>
    /// Entries with all but one of the words (any one of two), or in a section the words name. Every full match is also one
    /// of these, so the count of this query is the count of everything the pages can show. In a large catalog a common
    /// word (or topic) is left out of the fill: alone it would bring thousands of entries and milliseconds of work, for
    /// a page that the rarer words fill better. Null when nothing is left to fill with.
    /// </summary>
    private BooleanQuery? PartialQuery(Engine engine, QueryPlan plan, string text, Section? topicFilter)
    {
        var words = plan.Clauses.Where(c => !IsCommon(engine, QueryCost.Of(c))).ToList();
        var either = new BooleanQuery(disableCoord: true);
        if (words.Count > 0)
            either.Add(Combine(words, Math.Max(1, words.Count - 1)), Occur.SHOULD);
        if (topicFilter is null) // otherwise the topic is already fixed
            foreach (var section in TopicFilter.NamedBy(list, text, aliases))
            {
                var inSection = new Term(IndexFields.Section, SectionKey(list, section));
                if (!IsCommon(engine, engine.Reader.DocFreq(inSection)))
                    either.Add(new ConstantScoreQuery(new TermQuery(inSection)) { Boost = TopicOnlyScore }, Occur.SHOULD);
            }
        return either.Clauses.Count == 0 ? null : either;
    }

    /// <summary>
    /// Whether any query below can find something: a clause with a term of this index (the planner leaves out every term
    /// the index lacks, so a clause without parts matches nothing), or a topic the words name for the fill.
    /// </summary>
    private bool CanMatch(QueryPlan plan, string text, Section? topicFilter, ReadingList named)
    {
        foreach (var clause in plan.Clauses)
            if (clause is not BooleanQuery { Clauses.Count: 0 })
                return true;
        // Only the fill looks for named topics, and only for more than one word without a topic filter (see Run).
        return plan.Clauses.Count > 1 && topicFilter is null && TopicFilter.NamedBy(named, text, aliases).Any();
    }

    /// <summary>Shared index size from which a layered search always plans against its filter first (see Run).</summary>
    private const int ProbeAlwaysFrom = 5_000;

    /// <summary>From this size on, the fill leaves out words and topics found in more than 1/32 of the catalog.</summary>
    private const int FillSkipsCommonFrom = 5_000;

    private static bool IsCommon(Engine engine, long postings) => engine.Reader.MaxDoc >= FillSkipsCommonFrom && postings > engine.Reader.MaxDoc / 32;

    /// <summary>What sitting in a named topic adds: about one weak word, so such entries rank after those with the words.</summary>
    private const float TopicOnlyScore = 1f;

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) =>
        autocomplete.Value.Find(prefix, limit, only);

    public IReadOnlyList<Entry> SuggestIds(string unknownId, int max = 3) => ids.Value.Suggest(unknownId, max);

    public void Dispose()
    {
        always?.Dispose();
        Interlocked.Exchange(ref recent, null)?.Dispose();
        directory.Dispose();
    }

    /// <summary>Index size from which scoring in bulk (out of document order) pays for its per-search bucket table.</summary>
    private const int BulkScoringFrom = 5_000;

    /// <summary>
    /// How many of the best matches the title-phrase bonus may reorder. Scoring the phrase only for these, instead of for
    /// every match, saves milliseconds in a large catalog; it covers every match of the bundled list.
    /// </summary>
    private const int PhraseBonusWindow = 200;

    /// <summary>The best <paramref name="wanted"/> matches, one per link, and how many distinct links match in all.</summary>
    private static Ranked FindRanked(Engine engine, Query matches, Query? phraseBonus, Filter? filter, int wanted, bool bulk = true)
    {
        // Collapsing can drop at most SharedDocs matches, so fetching that many more always fills the page.
        var groups = engine.Groups;
        var fetch = wanted + groups.SharedDocs;
        var counter = groups.SharedDocs > 0 ? new DuplicateCounter(groups) : null;
        TopDocs top;
        if (phraseBonus is null)
            top = Find(engine, matches, filter, fetch, counter, bulk);
        else
        {
            top = Find(engine, matches, filter, Math.Max(fetch, PhraseBonusWindow), counter, bulk);
            // One match has no order to change (the limit is at least 1).
            if (top.TotalHits > 1)
                top = QueryRescorer.Rescore(engine.Searcher, top, phraseBonus, 1.0, fetch);
        }
        return new Ranked(Ranked.Collapse(top.ScoreDocs, groups, wanted), top.TotalHits - (counter?.Repeats ?? 0));
    }

    private static TopDocs Find(Engine engine, Query query, Filter? filter, int wanted, DuplicateCounter? counter = null, bool bulk = true)
    {
        // Small catalogs: score in document order into a reused buffer, which allocates next to nothing (fewer GC pauses
        // in the tail). Large ones: let Lucene score disjunctions in bulk, about twice as fast on common words.
        var searcher = engine.SearcherFor(query);
        if (engine.Reader.MaxDoc < BulkScoringFrom)
            return AllMatchesCollector.Search(searcher, query, filter, wanted, counter);
        var collector = TopScoreDocCollector.Create(wanted, docsScoredInOrder: !bulk);
        searcher.Search(query, filter, counter is null ? collector : counter.Around(collector));
        return collector.GetTopDocs();
    }

    private static SearchResponse Failed(string error) => new([], 0, error, []);

    private static BooleanQuery Combine(IReadOnlyList<Query> clauses, int minimumMatch)
    {
        var all = new BooleanQuery(disableCoord: true);
        var required = minimumMatch >= clauses.Count;
        foreach (var clause in clauses)
            all.Add(clause, required ? Occur.MUST : Occur.SHOULD);
        if (!required)
            all.MinimumNumberShouldMatch = minimumMatch;
        return all;
    }

    private QueryWrapperFilter? FilterFor(Section? topic, SearchQuery query)
    {
        var conditions = new BooleanQuery();
        if (topic is not null)
            conditions.Add(new TermQuery(new Term(IndexFields.Section, SectionKey(list, topic))), Occur.MUST);
        if (query.Years is { } years)
            conditions.Add(NumericRangeQuery.NewInt32Range(IndexFields.Year, years.From, years.To, true, true), Occur.MUST);
        if (query.Kind is { } kind)
            conditions.Add(new TermQuery(new Term(IndexFields.Kind, kind.ToString())), Occur.MUST);
        return conditions.Clauses.Count == 0 ? null : new QueryWrapperFilter(conditions);
    }

    /// <summary>
    /// A section's key in the index: by what it is, not where, so a server's index of changes (which holds a few of the
    /// sections) keys a section as the shared index does and a layered search filters both with one term.
    /// </summary>
    internal static string SectionKey(ReadingList list, Section section) => SectionKey(section);

    internal static string SectionKey(Section section) => "s" + section.Topic.Key + "\n" + section.Title;

    private IEnumerable<string> Suggest(Engine engine, SearchQuery query, QueryPlan plan)
    {
        var suggestions = new List<string>();
        if (plan.UnknownWords.Count > 0 && spelling?.Correct(query.Text, plan.UnknownWords) is { } corrected
            && !string.Equals(corrected, query.Text, StringComparison.OrdinalIgnoreCase)
            && Find(engine, Combine(engine.Planner.Plan(corrected).Clauses, 1), null, 1).TotalHits > 0)
            suggestions.Add(corrected);
        suggestions.AddRange(TopicFilter.Related(list, query.Text, aliases).Where(t => !suggestions.Contains(t)));
        return suggestions.Take(5);
    }

    /// <summary>The open index: what a query runs on, from planning to the hits.</summary>
    private sealed class Engine : IDisposable
    {
        private readonly IndexedEntry[] entries;
        private readonly int[] entryOfDoc;
        private readonly DirectoryReader own;
        // The shared index's engine under a layered search; its documents come first.
        private readonly Engine? lower;

        public Engine(LuceneCatalogSearch owner)
        {
            own = DirectoryReader.Open(owner.directory);
            entries = owner.entries;
            entryOfDoc = new int[own.MaxDoc];
            var ordinals = MultiDocValues.GetNumericValues(own, IndexFields.Ordinal);
            for (var doc = 0; doc < entryOfDoc.Length; doc++)
                entryOfDoc[doc] = (int)ordinals.Get(doc);
            Lookup = new TermLookup(own, cacheMisses: !owner.forChanges, owner.filter);
            var groups = UrlGroups.For(Array.ConvertAll(entryOfDoc, ordinal => entries[ordinal].Entry.Url));
            if (owner.layer is { } layer)
            {
                lower = layer.Shared.always!;
                var leaves = new List<IndexReader> { new VisibleDocsReader(lower.Reader.Leaves[0].AtomicReader, layer.Visible, layer.HiddenCount) };
                if (own.Leaves.Count > 0)
                    leaves.Add(own.Leaves[0].AtomicReader);
                Reader = new MultiReader([.. leaves], closeSubReaders: false);
                Planner = new QueryPlanner(new LayeredTerms(lower.Lookup, Lookup, Reader, own.Leaves.Count > 0), owner.vocabulary, owner.aliases);
                Groups = UrlGroups.Layered(lower.Groups, lower.Reader.MaxDoc, groups);
            }
            else
            {
                Reader = own;
                Planner = new QueryPlanner(Lookup, owner.vocabulary, owner.aliases);
                Groups = groups;
            }
            Searcher = new IndexSearcher(Reader) { Similarity = new SharedBm25Similarity() };
            if (lower is not null)
                sharedLeaf = new SharedLeafSearcher(Searcher.TopReaderContext) { Similarity = Searcher.Similarity };
        }

        // A server's layered reader only: its shared leaf alone, for queries the changes cannot match.
        private readonly SharedLeafSearcher? sharedLeaf;

        /// <summary>The searcher for <paramref name="query"/>: over a layered reader, the shared leaf alone when it can.</summary>
        public IndexSearcher SearcherFor(Query query) =>
            sharedLeaf is not null && !SharedLeafSearcher.MayMatchChanges(query) ? sharedLeaf : Searcher;

        public IndexReader Reader { get; }
        public IndexSearcher Searcher { get; }
        public TermLookup Lookup { get; }
        public QueryPlanner Planner { get; }
        public UrlGroups Groups { get; }

        public IndexedEntry EntryAt(int doc) =>
            lower is null ? entries[entryOfDoc[doc]]
            : doc < lower.Reader.MaxDoc ? lower.EntryAt(doc) : entries[entryOfDoc[doc - lower.Reader.MaxDoc]];

        public void Dispose()
        {
            if (!ReferenceEquals(Reader, own))
                Reader.Dispose();
            own.Dispose();
        }
    }

    private Engine Open()
    {
        if (always is not null)
            return always;
        Volatile.Write(ref usedSinceQueued, 1);
        if (Volatile.Read(ref recent) is { } open)
            return open;
        var engine = new Engine(this);
        if (Interlocked.CompareExchange(ref recent, engine, null) is { } raced)
            return raced; // another thread opened it first; this one is dropped unused (the reader is garbage once unreferenced)
        OpenReaders.Opened(this);
        return engine;
    }

    /// <summary>
    /// The indexes of changes that hold an open reader, oldest first. A reader of a few entries costs about 40 KB, so a
    /// thousand curated servers keep only the most recently searched ones open; a query on another reopens its reader
    /// (a fraction of a millisecond for a few entries). An evicted reader is not disposed: a query may still be running on
    /// it, and for an index in memory the garbage collector frees all it holds.
    /// </summary>
    private static class OpenReaders
    {
        private const int Max = 64;
        private static readonly System.Collections.Concurrent.ConcurrentQueue<LuceneCatalogSearch> Queue = new();
        private static int count;

        public static void Opened(LuceneCatalogSearch index)
        {
            Volatile.Write(ref index.usedSinceQueued, 0);
            Queue.Enqueue(index);
            if (Interlocked.Increment(ref count) <= Max) return;
            // Over the limit: close the oldest, but give one searched since it was queued a second chance at the back.
            for (var tries = 0; Queue.TryDequeue(out var oldest); tries++)
            {
                if (Interlocked.Exchange(ref oldest.usedSinceQueued, 0) == 1 && tries < Max)
                {
                    Queue.Enqueue(oldest);
                    continue;
                }
                Volatile.Write(ref oldest.recent, null);
                Interlocked.Decrement(ref count);
                return;
            }
        }
    }

    /// <summary>One entry as indexed, with its place in the list.</summary>
    private sealed record IndexedEntry(Entry Entry, Section Section, string SectionKey, Entry? Parent, EntryKind Kind)
    {
        /// <summary>The description with whitespace collapsed, as snippets are cut from it.</summary>
        public string SnippetText { get; } = SnippetBuilder.CollapseWhitespace(Entry.Description);

        public static IndexedEntry[] From(ReadingList list, IReadOnlyDictionary<string, EntryKind>? overrides)
        {
            var result = new List<IndexedEntry>();
            for (var s = 0; s < list.Sections.Count; s++)
            {
                var section = list.Sections[s];
                foreach (var entry in section.Entries)
                    Add(entry, null);

                void Add(Entry entry, Entry? parent)
                {
                    result.Add(new IndexedEntry(entry, section, LuceneCatalogSearch.SectionKey(section), parent, EntryKindClassifier.Classify(entry, overrides)));
                    foreach (var child in entry.Children)
                        Add(child, entry);
                }
            }
            return result.ToArray();
        }

        public Document ToDocument(int ordinal)
        {
            var topic = Section.Topic;
            var topicText = string.Join(" \n ", new[] { Section.Title, topic.English, topic.Chinese, topic.Key }.Concat(topic.Aliases));
            var children = string.Join(" \n ", Entry.Children.SelectMany(c => c.SelfAndDescendants()).Select(c => c.Title + " \n " + c.Description));
            var urls = UrlText.For(Entry.Links.Select(l => l.Url).Prepend(Entry.Url));
            var doc = new Document
            {
                new TextField(IndexFields.Title, CatalogAnalyzer.Prepare(Entry.Title), Field.Store.NO),
                new TextField(IndexFields.Topic, CatalogAnalyzer.Prepare(topicText), Field.Store.NO),
                new TextField(IndexFields.Description, CatalogAnalyzer.Prepare(Entry.Description), Field.Store.NO),
                new TextField(IndexFields.Context, CatalogAnalyzer.Prepare(children + " \n " + Parent?.Title), Field.Store.NO),
                new TextField(IndexFields.Url, urls, Field.Store.NO),
                new TextField(IndexFields.Characters, Entry.Title + " \n " + Entry.Description + " \n " + topicText, Field.Store.NO),
                new StringField(IndexFields.Section, SectionKey, Field.Store.NO),
                new StringField(IndexFields.Kind, Kind.ToString(), Field.Store.NO),
                new NumericDocValuesField(IndexFields.Ordinal, ordinal),
            };
            if (Entry.Year is { } year)
                doc.Add(new Int32Field(IndexFields.Year, year, Field.Store.NO));
            return doc;
        }
    }
}
