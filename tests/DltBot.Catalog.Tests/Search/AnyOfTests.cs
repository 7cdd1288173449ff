using DltBot.Catalog.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class AnyOfTests
{
    [Fact]
    public void The_same_term_twice_becomes_one_clause_with_the_boosts_added()
    {
        var nested = new AnyOf();
        nested.Add(new TermQuery(new Term("title", "gener")) { Boost = 6f });
        nested.Add(new TermQuery(new Term("desc", "gener")) { Boost = 1.5f });
        var any = new AnyOf();
        any.Add(new TermQuery(new Term("title", "gener")) { Boost = 3f });
        any.Add(nested);

        Assert.Equal(2, any.Clauses.Count);
        var title = Assert.IsType<TermQuery>(any.Clauses[0].Query);
        Assert.Equal(9f, title.Boost);
        Assert.Equal(1.5f, any.Clauses[1].Query.Boost);
    }
}
