using DltBot.Catalog.Export;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.Tests.Import;

/// <summary>
/// Small awesome lists written for these tests in the styles other people's lists use (Import/Fixtures): each imports
/// whole, with the entries, sections and years a reader sees, and exports back byte for byte.
/// </summary>
public sealed class ForeignListImportTests
{
    private static (string Markdown, ImportResult Imported) Fixture(string name)
    {
        var markdown = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name));
        return (markdown, MarkdownCatalogImporter.Import(markdown));
    }

    private static IEnumerable<Entry> Entries(ReadingList list) => list.Sections.SelectMany(s => s.Entries);

    private static int SubItems(ReadingList list) => list.AllEntries().Count() - Entries(list).Count();

    [Fact]
    public void Star_bullets_under_mixed_heading_levels()
    {
        var (markdown, imported) = Fixture("star-bullets-mixed-headings.md");
        var list = imported.List;

        Assert.Equal("Awesome Transport Maps", list.Title);
        // "# Papers" has no items of its own: it groups the headings under it. "## Contents" is skipped.
        Assert.Equal(["Papers › Sliced Optimal Transport", "Papers › Theory", "Papers › Entropic Regularization", "Software"],
            list.Sections.Select(s => s.Title));
        Assert.Equal([3, 2, 2, 2], list.Sections.Select(s => s.Entries.Count));
        Assert.Equal(0, SubItems(list));
        Assert.Equal(
            ["Projected Distances for Point Clouds", "Random Slices Revisited", "Max-Sliced Bounds", "Sample Complexity of Sliced Distances",
             "A Note on Slicing in High Dimensions", "Fast Scaling for Entropic Transport", "Debiased Divergences", "transportkit", "slicer"],
            Entries(list).Select(e => e.Title));
        Assert.Equal(
            ["https://example.org/papers/projected-distances", "https://example.org/papers/random-slices", "https://example.org/papers/max-sliced",
             "https://example.org/papers/sample-complexity", "https://example.org/papers/slicing-note", "https://example.org/papers/fast-scaling",
             "https://example.org/papers/debiased", "https://example.org/software/transportkit", "https://example.org/software/slicer"],
            Entries(list).Select(e => e.Url));
        Assert.Equal([2020, 2021, 2019, 2022, 2023, 2013, 2019, null, null], Entries(list).Select(e => e.Year));

        // The code link on the same line is one of the entry's links, not its URL.
        var first = Entries(list).First();
        Assert.Equal([("Projected Distances for Point Clouds", "https://example.org/papers/projected-distances"), ("Code", "https://example.org/code/projected")],
            first.Links.Select(l => (l.Text, l.Url)));
        Assert.Equal("A toolkit for computing transport plans.", Entries(list).ElementAt(7).Description);

        Assert.Empty(imported.Problems);
        Assert.Equal([(5, "table of contents"), (12, "groups")],
            list.Interpretations.Select(i => (i.Line, i.Message.Contains("table of contents") ? "table of contents" : i.Message.Contains("groups") ? "groups" : i.Message)));
        Assert.Equal(markdown, CatalogExporter.ToMarkdown(list));
    }

    [Fact]
    public void Grouped_sections_get_topics_named_after_their_own_heading()
    {
        var list = Fixture("star-bullets-mixed-headings.md").Imported.List;
        var theory = list.Sections[1].Topic;
        Assert.Equal(("Papers › Theory", "Theory"), (theory.Key, theory.English));
        Assert.Same(list.Sections[1], TopicLookup.Find(list, "theory"));
        Assert.Same(list.Sections[3], TopicLookup.Find(list, "Software"));
    }

    [Fact]
    public void Dash_bullets_with_one_space_indents_comments_and_back_to_top_links()
    {
        var (markdown, imported) = Fixture("dash-one-space-indents.md");
        var list = imported.List;

        Assert.Equal("Curated Graph Learning", list.Title);
        Assert.Equal(["Surveys", "Message Passing", "Tools"], list.Sections.Select(s => s.Title));
        Assert.Equal([2, 2, 2], list.Sections.Select(s => s.Entries.Count));
        Assert.Equal(
            ["A Tour of Graph Representation Learning", "Graphs Meet Transformers", "Neighbourhood Aggregation Networks", "Oversmoothing Explained", "graphbench", "nodeviz"],
            Entries(list).Select(e => e.Title));
        Assert.Equal(
            ["https://example.net/tour", "https://example.net/graph-transformers", "https://example.net/aggregation", "https://example.net/oversmoothing",
             "https://example.net/graphbench", "https://example.net/nodeviz"],
            Entries(list).Select(e => e.Url));
        Assert.Equal([2020, 2023, 2018, 2021, null, null], Entries(list).Select(e => e.Year));

        var aggregation = list.Sections[1].Entries[0];
        Assert.Equal(["Reference implementation", "Follow-up with edge features"], aggregation.Children.Select(c => c.Title));
        Assert.Equal(["https://example.net/aggregation-code", "https://example.net/edge-aware"], aggregation.Children.Select(c => c.Url));
        Assert.Equal(2019, aggregation.Children[1].Year);
        Assert.Equal(2, SubItems(list));

        // "⬆ back to top" is page furniture: no entry's link or description.
        Assert.DoesNotContain(list.AllEntries(), e => e.Description.Contains("back to top") || e.Links.Any(l => l.Url.StartsWith('#')));
        Assert.Empty(list.Sections[1].Intro); // the HTML comment is not text
        Assert.Empty(imported.Problems);
        Assert.Equal([6], list.Interpretations.Select(i => i.Line));
        Assert.Equal(markdown, CatalogExporter.ToMarkdown(list));
    }

    [Fact]
    public void Numbered_lists_with_venue_tags_and_pdf_links()
    {
        var (markdown, imported) = Fixture("numbered-venue-tags.md");
        var list = imported.List;

        Assert.Equal(["Gradient Descent", "Stochastic Noise"], list.Sections.Select(s => s.Title));
        Assert.Equal([3, 3], list.Sections.Select(s => s.Entries.Count));
        Assert.Equal(["1", "2", "3", "1", "2", "10"], Entries(list).Select(e => e.Number));
        Assert.Equal(
            ["Implicit Bias on Separable Data", "Margins of Homogeneous Networks", "Mirror Descent and Its Geometry", "Noise Shapes the Solution",
             "Label Noise as Regularizer", "Large Steps and Edge of Stability"],
            Entries(list).Select(e => e.Title));
        Assert.Equal(
            ["https://example.com/separable", "https://example.com/margins", "https://example.com/mirror", "https://example.com/noise",
             "https://example.com/label-noise", "https://example.com/edge"],
            Entries(list).Select(e => e.Url));
        Assert.Equal([2018, 2020, 2019, 2021, 2021, 2021], Entries(list).Select(e => e.Year));

        var separable = Entries(list).First();
        Assert.Equal("", separable.Prefix); // the bold around the title is not decoration to keep
        Assert.Equal(("[pdf]", "https://example.com/separable.pdf"), (separable.Links[1].Text, separable.Links[1].Url));
        Assert.Equal(3, Entries(list).ElementAt(1).Links.Count);
        Assert.Equal(["Appendix with proofs", "Talk recording"], list.Sections[1].Entries[0].Children.Select(c => c.Title));
        Assert.Equal(2, SubItems(list));
        Assert.Empty(imported.Problems);
        Assert.Empty(list.Interpretations);
        Assert.Equal(markdown, CatalogExporter.ToMarkdown(list));
    }

    [Fact]
    public void Table_rows_are_entries()
    {
        var (markdown, imported) = Fixture("table-of-links.md");
        var list = imported.List;

        Assert.Equal(["2021", "2022"], list.Sections.Select(s => s.Title));
        Assert.Equal([2, 3], list.Sections.Select(s => s.Entries.Count));
        Assert.Equal(
            ["Steerable Kernels Made Simple", "Lie Group Convolutions", "Frames for Symmetry", "Equivariant Message Passing on Meshes", "Canonicalization Networks"],
            Entries(list).Select(e => e.Title));
        Assert.Equal(
            ["https://example.io/steerable", "https://example.io/lie-conv", "https://example.io/frames", "https://example.io/meshes", "https://example.io/canon"],
            Entries(list).Select(e => e.Url));
        Assert.Equal([2021, 2021, 2022, 2022, 2022], Entries(list).Select(e => e.Year));
        Assert.Equal([9, 10, 16, 17, 18], Entries(list).Select(e => e.Line));
        Assert.Equal("https://example.io/steerable-code", Entries(list).First().Links[1].Url);
        Assert.All(list.Sections, s => Assert.Empty(s.Intro)); // the header row is not an intro
        Assert.Empty(imported.Problems);
        Assert.Equal([7, 14], list.Interpretations.Select(i => i.Line));
        Assert.All(list.Interpretations, i => Assert.Contains("read as entries", i.Message));
        Assert.Equal(markdown, CatalogExporter.ToMarkdown(list));
    }

    [Fact]
    public void Badges_images_html_and_three_heading_levels()
    {
        var (markdown, imported) = Fixture("badges-images-comments.md");
        var list = imported.List;

        Assert.Equal("Awesome Neural Fields", list.Title); // the badge is not part of the title
        Assert.Equal("A hand-picked list of work on neural fields.", list.Preamble);
        Assert.Equal(["Methods › Encodings › Positional", "Methods › Encodings › Learned", "Methods › Rendering", "Datasets"],
            list.Sections.Select(s => s.Title));
        Assert.Equal([2, 1, 1, 1], list.Sections.Select(s => s.Entries.Count));
        Assert.Equal(["Fourier Features for Coordinates", "Hash Grids", "Codebooks for Fields", "Volume Rendering Primer", "Scenes-100"],
            Entries(list).Select(e => e.Title));
        Assert.Equal(
            ["https://example.org/fourier", "https://example.org/hash-grids", "https://example.org/codebooks", "https://example.org/volume", "https://example.org/scenes"],
            Entries(list).Select(e => e.Url));
        Assert.Equal([2020, 2022, 2021, null, 2023], Entries(list).Select(e => e.Year));

        // Badges, images and tag attributes are not links; the commented-out entry is not an entry.
        Assert.All(Entries(list), e => Assert.Single(e.Links));
        Assert.DoesNotContain(list.AllEntries(), e => e.Links.Any(l => l.Url.Contains("withdrawn") || l.Url.EndsWith(".svg", StringComparison.Ordinal) || l.Url.EndsWith(".png", StringComparison.Ordinal)));
        Assert.Equal("NeurIPS 2020.", Entries(list).First().Description);
        var slides = Assert.Single(list.Sections[2].Entries[0].Children);
        Assert.Equal(("Slides", "https://example.org/volume-slides"), (slides.Title, slides.Url));

        Assert.Empty(imported.Problems);
        Assert.Equal([7, 9], list.Interpretations.Select(i => i.Line));
        Assert.Equal(markdown, CatalogExporter.ToMarkdown(list));
    }

    [Fact]
    public void Catalog_check_reports_what_was_interpreted_with_lines()
    {
        var findings = CatalogCheck.Run(Fixture("star-bullets-mixed-headings.md").Imported);
        Assert.Equal([5, 12], findings.Select(f => f.Line));
        Assert.Contains("table of contents", findings[0].Message);
        Assert.Contains("\"Papers\"", findings[1].Message);
    }
}
