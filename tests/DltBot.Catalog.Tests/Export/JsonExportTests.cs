using System.Text.Json;
using DltBot.Catalog.Export;
using DltBot.Catalog.Import;
using DltBot.Catalog.Tests.Import;

namespace DltBot.Catalog.Tests.Export;

public sealed class JsonExportTests
{
    private static readonly string[] EntryProperties = ["id", "number", "title", "url", "links", "year", "description", "line", "children"];

    [Fact]
    public void Has_the_documented_shape()
    {
        using var json = JsonDocument.Parse(CatalogExporter.ToJson(BundledList.Imported.List));
        var root = json.RootElement;
        Assert.Equal(["title", "sections"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Deep Learning Theory", root.GetProperty("title").GetString());
        var sections = root.GetProperty("sections");
        Assert.Equal(15, sections.GetArrayLength());
        var optimization = sections[4];
        Assert.Equal(["title", "topic", "entries"], optimization.EnumerateObject().Select(p => p.Name));
        var topic = optimization.GetProperty("topic");
        Assert.Equal(["key", "english", "chinese", "aliases"], topic.EnumerateObject().Select(p => p.Name));
        Assert.Equal("优化", topic.GetProperty("chinese").GetString());

        var sgd = optimization.GetProperty("entries")[0];
        Assert.Equal(EntryProperties, sgd.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, sgd.GetProperty("url").ValueKind);
        Assert.Equal(JsonValueKind.Null, sgd.GetProperty("year").ValueKind);
        Assert.Equal(77, sgd.GetProperty("line").GetInt32());
        var child = sgd.GetProperty("children")[0];
        Assert.Equal(EntryProperties, child.EnumerateObject().Select(p => p.Name));
        Assert.Equal("7.1", child.GetProperty("number").GetString());
        Assert.Equal(["text", "url"], child.GetProperty("links")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Counts_match_the_model()
    {
        using var json = JsonDocument.Parse(CatalogExporter.ToJson(BundledList.Imported.List));
        static int Count(JsonElement entries) => entries.EnumerateArray().Sum(e => 1 + Count(e.GetProperty("children")));
        Assert.Equal(156, json.RootElement.GetProperty("sections").EnumerateArray().Sum(s => Count(s.GetProperty("entries"))));
    }

    [Fact]
    public void Is_indented_and_keeps_cjk_and_emoji_unescaped()
    {
        var list = MarkdownCatalogImporter.Import("## 优化\n1. [t](https://t.org?a=1&b=2) 中文 🎉 <b>\"q\"</b>\n").List;
        var text = CatalogExporter.ToJson(list);
        Assert.Contains("\n  \"sections\": [", text);
        Assert.Contains("中文", text);
        Assert.Contains("优化", text);
        Assert.Contains("https://t.org?a=1&b=2", text);
        Assert.DoesNotContain("\\u4E2D", text);
        Assert.Contains("🎉", text);
        Assert.Equal("中文 🎉 \"q\"", JsonDocument.Parse(text).RootElement.GetProperty("sections")[0].GetProperty("entries")[0].GetProperty("description").GetString());
    }

    [Fact]
    public void A_literal_backslash_u_in_text_is_not_mistaken_for_an_escape()
    {
        var list = MarkdownCatalogImporter.Import("## A\n1. [t](https://t.org) path \\uD83D\\uDD25 🔥\n").List;
        var description = JsonDocument.Parse(CatalogExporter.ToJson(list)).RootElement
            .GetProperty("sections")[0].GetProperty("entries")[0].GetProperty("description").GetString();
        Assert.Equal("path \\uD83D\\uDD25 🔥", description);
    }
}
