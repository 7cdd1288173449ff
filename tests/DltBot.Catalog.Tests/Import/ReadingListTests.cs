namespace DltBot.Catalog.Tests.Import;

public sealed class ReadingListTests
{
    [Fact]
    public void Finds_entries_and_sub_items_by_id_ignoring_case()
    {
        var list = BundledList.Imported.List;
        Assert.Equal(170, list.FindEntry("ARXIV:2210.01117 ")?.Line);
        var child = list.FindEntry("paperswithcode-com-method-nesterov-accelerated-gradient");
        Assert.Equal("7.1", child?.Number);
        Assert.Equal("Optimization", list.SectionOf(child!)?.Title);
        Assert.Null(list.FindEntry("arxiv:0000.00000"));
    }

    [Fact]
    public void All_entries_lists_parents_before_children_in_list_order()
    {
        var lines = BundledList.Imported.List.AllEntries().Select(e => e.Line).ToList();
        Assert.Equal(lines.Order(), lines);
    }

    [Fact]
    public void Lists_compare_by_content()
    {
        var a = DltBot.Catalog.Import.MarkdownCatalogImporter.Import("## A\n1. [t](https://t.org) d\n").List;
        var b = DltBot.Catalog.Import.MarkdownCatalogImporter.Import("## A\n1. [t](https://t.org) d\n").List;
        var c = DltBot.Catalog.Import.MarkdownCatalogImporter.Import("## A\n1. [t](https://t.org) e\n").List;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
