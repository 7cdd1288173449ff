using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

/// <summary>Issue 9 item 2: "did you mean" for an unknown id, from an index rather than a comparison with every id.</summary>
public sealed class IdSuggesterTests
{
    private static readonly Lazy<ReadingList> Bundled = new(() =>
        MarkdownCatalogImporter.Import(File.ReadAllText(Path.Combine(JudgedSetTests.RepoRoot(), "catalog", "deep-learning-theory.md"))).List);

    private static readonly Lazy<IdSuggester> Suggester = new(() => IdSuggester.Build(Bundled.Value));

    private static List<string> Ids(string typed, int max = 3) => Suggester.Value.Suggest(typed, max).Select(e => e.Id).ToList();

    [Theory]
    [InlineData("arxiv:2210.0117", "arxiv:2210.01117")]          // a digit left out
    [InlineData("arxiv:2210.01171", "arxiv:2210.01117")]         // two digits swapped
    [InlineData("ARXIV:2210.01117", "arxiv:2210.01117")]         // case
    [InlineData("offconvex-org-2020-11-11-instahid", "offconvex-org-2020-11-11-instahide")]
    [InlineData("github-com-teorth-pf", "github-com-teorth-pfr")]
    [InlineData("omnigrok", "arxiv:2210.01117")]                 // by title
    [InlineData("arxiv:2210.0\u200B1117", "arxiv:2210.01117")]   // pasted with a zero-width space
    public void Suggests_the_entry_that_was_meant_first(string typed, string meant) => Assert.Equal(meant, Ids(typed) is [var first, ..] ? first : null);

    [Fact]
    public void A_prefix_suggests_the_entries_it_starts()
    {
        var ids = Ids("offconvex-org-20", max: 10);

        Assert.Contains("offconvex-org-2020-11-11-instahide", ids);
        Assert.Contains("offconvex-org-2021-03-25-beyondntk", ids);
        Assert.All(ids.Take(6), id => Assert.StartsWith("offconvex-org-20", id)); // the six offconvex posts, then the rest
    }

    [Fact]
    public void Gives_at_most_the_number_asked_each_entry_once()
    {
        var ids = Ids("arxiv:2", max: 4);

        Assert.Equal(4, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\u200B")]
    [InlineData("zzzzqqqqxxxxwwww")]
    public void Suggests_nothing_when_nothing_is_close(string typed) => Assert.Empty(Ids(typed));

    [Fact]
    public void A_very_long_id_is_cut_to_the_length_considered()
    {
        var typed = "arxiv:2210.01117" + new string('x', 6_000);

        var ids = Ids(typed);

        Assert.Empty(ids); // 100 characters of which 84 are x: nothing is within a third of that
        Assert.Equal("arxiv:2210.01117", Ids(typed[..17])[0]);
    }

    [Fact]
    public void The_search_engine_answers_through_its_interface()
    {
        using var search = LuceneCatalogSearch.Build(Bundled.Value);
        ICatalogSearch engine = search;

        Assert.Equal("arxiv:2210.01117", engine.SuggestIds("arxiv:2210.0117")[0].Id);
    }
}
