using DltBot.Catalog.Search;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DltBot.Catalog.Tests.Search;

public sealed class ReusingTermQueryTests
{
    private static readonly string[] Texts =
    [
        "deep learning generalization", "generalization bounds for deep nets", "optimization landscape",
        "deep deep deep learning", "kernel regime and generalization", "mean field optimization of deep networks",
    ];

    [Fact]
    public void Scores_exactly_like_a_term_query_and_stays_correct_when_its_enumerators_are_reused()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
            foreach (var text in Texts)
                writer.AddDocument(new Document { new TextField("body", text, Field.Store.NO) });
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);

        var expected = Ranked(searcher, Query(reader, (t, c) => new TermQuery(t, c)));
        for (var round = 0; round < 3; round++)
        {
            // Inside a scope the second and third rounds get the first round's enumerators back; two terms of one field
            // are read at once, so the pool must hand out two different ones.
            using var scope = PostingsPool.Begin();
            Assert.Equal(expected, Ranked(searcher, Query(reader, (t, c) => new ReusingTermQuery(t, c))));
        }
        Assert.Equal(expected, Ranked(searcher, Query(reader, (t, c) => new ReusingTermQuery(t, c))));
        // Statistics computed ahead of time (as TermLookup caches them) score the same.
        Assert.Equal(expected, Ranked(searcher, Query(reader, (t, c) => new ReusingTermQuery(t, c,
            new ReusingTermQuery.Statistics(searcher.CollectionStatistics(t.Field), [searcher.TermStatistics(t, c)])))));
    }

    private static BooleanQuery Query(IndexReader reader, Func<Term, TermContext, TermQuery> create)
    {
        var all = new BooleanQuery();
        foreach (var (word, boost) in new[] { ("deep", 2f), ("generalization", 1f), ("optimization", 0.5f) })
        {
            var term = new Term("body", word);
            var query = create(term, TermContext.Build(reader.Context, term));
            query.Boost = boost;
            all.Add(query, Occur.SHOULD);
        }
        return all;
    }

    private static (int Doc, float Score)[] Ranked(IndexSearcher searcher, Query query) =>
        searcher.Search(query, 10).ScoreDocs.Select(d => (d.Doc, d.Score)).ToArray();
}
