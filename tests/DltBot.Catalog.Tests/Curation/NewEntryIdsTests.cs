using DltBot.Catalog.Curation;
using DltBot.Catalog.Tests.Search;

namespace DltBot.Catalog.Tests.Curation;

public sealed class NewEntryIdsTests
{
    private static readonly TopicDirectory Topics = TopicDirectory.Default;

    [Fact]
    public void An_arxiv_link_gives_an_arxiv_id()
    {
        var id = NewEntryIds.For(new EntryFields("T", "https://arxiv.org/pdf/2401.01234v2.pdf", "generalization", null, ""), Topics, []);

        Assert.Equal("arxiv:2401.01234", id);
    }

    [Fact]
    public void A_taken_id_gets_the_next_number_whatever_its_case()
    {
        var fields = new EntryFields("T", "https://arxiv.org/abs/2210.01117", "generalization", null, "");

        Assert.Equal("arxiv:2210.01117-2", NewEntryIds.For(fields, Topics, NewEntryIds.IdsOf(SampleCatalog.Build())));
        Assert.Equal("arxiv:2210.01117-3", NewEntryIds.For(fields, Topics, ["ARXIV:2210.01117", "arxiv:2210.01117-2"]));
    }

    [Fact]
    public void Without_a_url_the_id_is_a_slug_of_topic_and_title()
    {
        var id = NewEntryIds.For(new EntryFields("Some Lecture Notes", null, "Course", null, ""), Topics, []);

        Assert.Equal(DltBot.Catalog.Import.StableIds.ForEntry(null, Topics.ForHeading("Course").English, "Some Lecture Notes"), id);
        Assert.EndsWith("some-lecture-notes", id);
    }
}
