using DltBot.Catalog.Search;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DltBot.Catalog.Tests.Search;

public sealed class PreparedPhraseQueryTests
{
    [Fact]
    public void A_standalone_phrase_scores_like_a_plain_one_every_time_its_prepared_weight_is_reused()
    {
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
            foreach (var text in new[] { "deep learning theory", "learning deep", "deep nets learning fast", "deep learning deep learning", "theory" })
                writer.AddDocument(new Document { new TextField("body", text, Field.Store.NO) });
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        var plain = new PhraseQuery { Slop = 1, Boost = 2f };
        plain.Add(new Term("body", "deep"));
        plain.Add(new Term("body", "learning"));
        var expected = Ranked(searcher, plain);
        Assert.NotEmpty(expected);

        var lookup = new TermLookup(reader);
        for (var round = 0; round < 3; round++)
        {
            var prepared = lookup.PhraseQuery("body", ["deep", "learning"], null, slop: 1, boost: 2f, standalone: true);
            Assert.IsType<PreparedPhraseQuery>(prepared);
            Assert.Equal(expected, Ranked(searcher, prepared!));
        }
    }

    private static (int Doc, float Score)[] Ranked(IndexSearcher searcher, Query query) =>
        searcher.Search(query, 10).ScoreDocs.Select(d => (d.Doc, d.Score)).ToArray();
}
