using DltBot.Catalog.Model;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

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
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly int[] entryOfDoc;
    private readonly SearchAliases aliases;
    private readonly QueryPlanner planner;
    private readonly AutocompleteIndex autocomplete;
    private readonly SpellingSuggester spelling;
    private readonly UrlGroups groups;
    // Built on the first unknown id, not with the index: most catalogs never need it.
    private readonly Lazy<IdSuggester> ids;

    private LuceneCatalogSearch(ReadingList list, IndexedEntry[] entries, RAMDirectory directory, SearchAliases aliases)
    {
        this.list = list;
        this.entries = entries;
        this.directory = directory;
        this.aliases = aliases;
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new SharedBm25Similarity() };
        entryOfDoc = new int[reader.MaxDoc];
        var ordinals = MultiDocValues.GetNumericValues(reader, IndexFields.Ordinal);
        for (var doc = 0; doc < entryOfDoc.Length; doc++)
            entryOfDoc[doc] = (int)ordinals.Get(doc);
        var vocabulary = new Vocabulary(list, entries.Select(e => e.Entry));
        planner = new QueryPlanner(new TermLookup(reader), vocabulary, aliases);
        autocomplete = new AutocompleteIndex(list);
        ids = new Lazy<IdSuggester>(() => IdSuggester.Build(list));
        groups = UrlGroups.For(Array.ConvertAll(entryOfDoc, ordinal => entries[ordinal].Entry.Url));
        spelling = new SpellingSuggester(vocabulary);
    }

    internal IndexSearcher Searcher => searcher;
    internal QueryPlanner Planner => planner;

    /// <summary>How many entries (sub-items included) the index holds.</summary>
    public int Count => entries.Length;

    /// <summary>Indexes <paramref name="list"/> in memory.</summary>
    public static LuceneCatalogSearch Build(ReadingList list, CatalogSearchOptions? options = null)
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
        return new LuceneCatalogSearch(list, indexed, directory, aliases);
    }

    public SearchResponse Search(SearchQuery query)
    {
        if (QueryValidator.Problem(query) is { } problem)
            return Failed(problem);
        var text = QueryText.Normalize(query.Text);
        if (text.Length == 0)
            return Failed("The query contains only invisible formatting characters (such as zero-width spaces); type a word to search for.");
        try
        {
            return Run(query with { Text = text, Topic = query.Topic is null ? null : QueryText.Normalize(query.Topic) });
        }
        catch (ObjectDisposedException)
        {
            // A reload swapped in a new index and disposed this one while the query ran.
            return Failed("The catalog was being reloaded; please search again.");
        }
    }

    private SearchResponse Run(SearchQuery query)
    {
        using var reusedPostings = PostingsPool.Begin();
        Section? topic = null;
        if (!string.IsNullOrWhiteSpace(query.Topic))
        {
            topic = TopicFilter.Resolve(list, query.Topic, aliases);
            if (topic is null)
                return new SearchResponse([], 0, $"Unknown topic \"{query.Topic.Trim()}\".", TopicFilter.Suggest(list, query.Topic));
        }

        var plan = planner.Plan(query.Text);
        if (plan.Clauses.Count == 0)
            return Failed("The query has nothing to search for: only punctuation or very common words (like \"the\" or \"of\"); add a more specific word.");

        var filter = FilterFor(topic, query);
        var wanted = query.Offset + query.Limit;
        var ranked = FindRanked(Combine(plan.Clauses, plan.Clauses.Count), plan.PhraseBonus, filter, wanted);
        int? allWordsTotal = null;
        // Decided on the page size, not the offset, so every page of one query agrees on Total and on the order.
        if (ranked.Total < query.Limit && plan.Clauses.Count > 1)
        {
            // Too few entries have every word: fill the page with those that have most of them or sit in a topic the
            // words name (a paper's code, a talk, a follow-up), after the full matches.
            // In document order: the fill's words are the uncommon ones, and bulk scoring would first allocate its bucket table.
            var fill = PartialQuery(plan, query.Text, topic) is { } partial ? FindRanked(partial, null, filter, wanted + ranked.Total, bulk: false) : null;
            if (fill is null or { Total: 0 } && ranked.Total == 0 && plan.Clauses.Count > 2)
                fill = FindRanked(Combine(plan.Clauses, 1), null, filter, wanted); // nothing has most words: any word at all
            if (fill is not null && fill.Total > ranked.Total)
            {
                allWordsTotal = ranked.Total;
                ranked = ranked.FollowedBy(fill, groups, wanted);
            }
        }
        var suggestions = ranked.Total == 0 ? Suggest(query, plan).ToList() : [];

        var docs = ranked.Docs;
        var hits = new List<SearchHit>(Math.Max(0, Math.Min(query.Limit, docs.Count - query.Offset)));
        for (var i = query.Offset; i < docs.Count; i++)
        {
            var indexed = entries[entryOfDoc[docs[i].Doc]];
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
    private BooleanQuery? PartialQuery(QueryPlan plan, string text, Section? topicFilter)
    {
        var words = plan.Clauses.Where(c => !IsCommon(QueryCost.Of(c))).ToList();
        var either = new BooleanQuery(disableCoord: true);
        if (words.Count > 0)
            either.Add(Combine(words, Math.Max(1, words.Count - 1)), Occur.SHOULD);
        if (topicFilter is null) // otherwise the topic is already fixed
            foreach (var section in TopicFilter.NamedBy(list, text, aliases))
            {
                var inSection = new Term(IndexFields.Section, SectionKey(list, section));
                if (!IsCommon(reader.DocFreq(inSection)))
                    either.Add(new ConstantScoreQuery(new TermQuery(inSection)) { Boost = TopicOnlyScore }, Occur.SHOULD);
            }
        return either.Clauses.Count == 0 ? null : either;
    }

    /// <summary>From this size on, the fill leaves out words and topics found in more than 1/32 of the catalog.</summary>
    private const int FillSkipsCommonFrom = 5_000;

    private bool IsCommon(long postings) => reader.MaxDoc >= FillSkipsCommonFrom && postings > reader.MaxDoc / 32;

    /// <summary>What sitting in a named topic adds: about one weak word, so such entries rank after those with the words.</summary>
    private const float TopicOnlyScore = 1f;

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) =>
        autocomplete.Find(prefix, limit, only);

    public IReadOnlyList<Entry> SuggestIds(string unknownId, int max = 3) => ids.Value.Suggest(unknownId, max);

    public void Dispose()
    {
        reader.Dispose();
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
    private Ranked FindRanked(Query matches, Query? phraseBonus, Filter? filter, int wanted, bool bulk = true)
    {
        // Collapsing can drop at most SharedDocs matches, so fetching that many more always fills the page.
        var fetch = wanted + groups.SharedDocs;
        var counter = groups.SharedDocs > 0 ? new DuplicateCounter(groups) : null;
        TopDocs top;
        if (phraseBonus is null)
            top = Find(matches, filter, fetch, counter, bulk);
        else
        {
            top = Find(matches, filter, Math.Max(fetch, PhraseBonusWindow), counter, bulk);
            // One match has no order to change (the limit is at least 1).
            if (top.TotalHits > 1)
                top = QueryRescorer.Rescore(searcher, top, phraseBonus, 1.0, fetch);
        }
        return new Ranked(Ranked.Collapse(top.ScoreDocs, groups, wanted), top.TotalHits - (counter?.Repeats ?? 0));
    }

    private TopDocs Find(Query query, Filter? filter, int wanted, DuplicateCounter? counter = null, bool bulk = true)
    {
        // Small catalogs: score in document order into a reused buffer, which allocates next to nothing (fewer GC pauses
        // in the tail). Large ones: let Lucene score disjunctions in bulk, about twice as fast on common words.
        if (reader.MaxDoc < BulkScoringFrom)
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

    internal static string SectionKey(ReadingList list, Section section)
    {
        for (var i = 0; i < list.Sections.Count; i++)
            if (ReferenceEquals(list.Sections[i], section)) return "s" + i;
        throw new ArgumentException("The section is not part of the indexed list.", nameof(section));
    }

    private IEnumerable<string> Suggest(SearchQuery query, QueryPlan plan)
    {
        var suggestions = new List<string>();
        if (plan.UnknownWords.Count > 0 && spelling.Correct(query.Text, plan.UnknownWords) is { } corrected
            && !string.Equals(corrected, query.Text, StringComparison.OrdinalIgnoreCase)
            && Find(Combine(planner.Plan(corrected).Clauses, 1), null, 1).TotalHits > 0)
            suggestions.Add(corrected);
        suggestions.AddRange(TopicFilter.Related(list, query.Text, aliases).Where(t => !suggestions.Contains(t)));
        return suggestions.Take(5);
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
                    result.Add(new IndexedEntry(entry, section, "s" + s, parent, EntryKindClassifier.Classify(entry, overrides)));
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
