using System.Text;
using DltBot.Catalog.Export;
using DltBot.Catalog.Import;

namespace DltBot.Catalog.Tests.Import;

/// <summary>
/// Documents stitched from the list's own kinds of mess in random order (fixed seeds, so failures reproduce): the importer
/// never throws, and export gives back every byte.
/// </summary>
public sealed class RandomDocumentTests
{
    private static readonly string[] Fragments =
    [
        "# Title", "## Section", " ## 数学家", "### deeper", "1. ", "2+. ", "10. ", "    + ", "        + ", "    + 6.1 ", "    1. ", "+ ", "- ", "* ",
        "[title](https://arxiv.org/abs/2101.00001)", "[t]((https://x.org/a))", "[t]( https://y.org/b )", "[broken](https://demo.",
        "github.io/#x)", "https://bare.org/p", "(2021)", "(2022.7.马毅)", "2023.1,", "(2019)。", "<font color=\"red\">", "</font>",
        "<!-- ![i](./x.png) -->", "<!--", "-->", "🔥", "中文说明", "text", "+ +", "[", "]", "(", ")", "](", "\t", "   ", "\\", "**",
        "&amp;", "\uFFFD", "2006.15136", "",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Import_never_throws_and_export_gives_back_every_byte(int seed)
    {
        var random = new Random(seed);
        for (var doc = 0; doc < 200; doc++)
        {
            var markdown = RandomDocument(random);
            var imported = MarkdownCatalogImporter.Import(markdown);
            Assert.Equal(markdown, CatalogExporter.ToMarkdown(imported.List));
            Assert.All(imported.Problems, p => Assert.InRange(p.Line, 1, markdown.Count(c => c == '\n') + 1));
            _ = CatalogExporter.ToJson(imported.List);
            _ = CatalogCheck.Run(imported);
        }
    }

    private static string RandomDocument(Random random)
    {
        var sb = new StringBuilder();
        var lines = random.Next(0, 25);
        for (var line = 0; line < lines; line++)
        {
            var parts = random.Next(0, 5);
            for (var part = 0; part < parts; part++) sb.Append(Fragments[random.Next(Fragments.Length)]);
            sb.Append(random.Next(10) == 0 ? "\r\n" : "\n");
        }
        if (random.Next(4) == 0) sb.Append(Fragments[random.Next(Fragments.Length)]); // no final newline
        return sb.ToString();
    }
}
