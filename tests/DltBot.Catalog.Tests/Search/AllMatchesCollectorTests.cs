using DltBot.Catalog.Search;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DltBot.Catalog.Tests.Search;

public sealed class AllMatchesCollectorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(200)]
    public void Keeps_the_same_best_matches_in_the_same_order_as_lucenes_collector_ties_included(int n)
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
            // Repeated texts score alike: the tie order must match too.
            foreach (var text in new[] { "a b", "a", "b c", "a b", "c", "a", "a a b", "b" })
                writer.AddDocument(new Document { new TextField("body", text, Field.Store.NO) });
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var query = new BooleanQuery { { new TermQuery(new Term("body", "a")), Occur.SHOULD }, { new TermQuery(new Term("body", "b")), Occur.SHOULD } };

        var lucene = TopScoreDocCollector.Create(n, docsScoredInOrder: true);
        searcher.Search(query, null, lucene);
        var expected = lucene.GetTopDocs();
        var actual = AllMatchesCollector.Search(searcher, query, null, n);

        Assert.Equal(expected.TotalHits, actual.TotalHits);
        Assert.Equal(expected.ScoreDocs.Select(d => (d.Doc, d.Score)), actual.ScoreDocs.Select(d => (d.Doc, d.Score)));
    }
}
