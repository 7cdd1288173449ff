using DltBot.Catalog.Search;

namespace DltBot.Catalog.Tests.Search;

public sealed class SnippetBuilderTests
{
    [Fact]
    public void Marks_inflected_english_words_and_chinese_text()
    {
        var terms = new HighlightTerms();
        terms.Stems.Add(QueryPlanner.Stem("grok"));
        terms.Texts.Add("泛化");

        var snippet = SnippetBuilder.Build("Grokking 是一种现象，grokked 之后才泛化。", terms);

        Assert.Equal("**Grokking** 是一种现象，**grokked** 之后才**泛化**。", snippet);
    }

    [Fact]
    public void Long_descriptions_are_cut_around_the_first_match()
    {
        var terms = new HighlightTerms();
        terms.Texts.Add("needle");
        var text = string.Join(' ', Enumerable.Repeat("hay", 100)) + " needle " + string.Join(' ', Enumerable.Repeat("straw", 100));

        var snippet = SnippetBuilder.Build(text, terms, maxLength: 80);

        Assert.StartsWith("…", snippet);
        Assert.EndsWith("…", snippet);
        Assert.Contains("**needle**", snippet);
        Assert.True(snippet.Length <= 90, snippet);
    }

    [Fact]
    public void Typos_are_marked_on_the_word_they_meant()
    {
        var terms = new HighlightTerms();
        terms.Fuzzy.Add(("equivarient", 2));

        Assert.Equal("an **equivariant** network", SnippetBuilder.Build("an equivariant network", terms));
    }

    [Fact]
    public void Empty_description_gives_empty_snippet() => Assert.Equal("", SnippetBuilder.Build("  ", new HighlightTerms()));
}
