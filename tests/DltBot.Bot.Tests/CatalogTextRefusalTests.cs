using System.Net;
using System.Text;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>Issue 9, item 5: binary data, an empty file or Markdown without a linked entry is not a catalog.</summary>
public sealed class CatalogTextRefusalTests : IDisposable
{
    private const string Url = "https://example.test/lists/dlt.md";
    private const string GoodList = "# Deep Learning Theory\n\n## Overview\n\n1. [Recent advances in deep learning theory](https://arxiv.org/abs/2012.10931)(2021) 综述\n";

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-text-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<CatalogLoader> logger = new();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private CatalogLoader Loader(string source, HttpMessageHandler? handler = null) => new(
        new StubHttpClientFactory(handler ?? new StubHandler(_ => throw new InvalidOperationException("no HTTP expected"))),
        Options.Create(new CatalogOptions { Source = source }),
        Options.Create(new DataOptions { Directory = Path.Combine(root, "data") }),
        new MarkdownCatalogParser(), time, logger, new AppPaths(Path.Combine(root, "app")));

    private static byte[] RandomBytes(int seed)
    {
        var bytes = new byte[16 * 1024];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static StubHandler Serving(byte[] body) =>
        new(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });

    private string WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static TheoryData<string, byte[], string> NotCatalogs => new()
    {
        { "random.bin", RandomBytes(42), "contains NUL bytes" },
        { "empty.md", [], "is empty" },
        { "blank.md", "  \n\n"u8.ToArray(), "is empty" },
        { "garbage.md", "# Hello\n\nsome *words* and\n\n1. an item without a link\n"u8.ToArray(), "has no section with a linked entry" },
        { "latin1.md", Encoding.Latin1.GetBytes("# Liste\n\n## Überblick\n\n1. [Ä](https://example.test/a)\n"), "is not valid UTF-8: byte offset 12 (0xDC) on line 3" },
        { "utf16.md", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(GoodList)).ToArray(), "is UTF-16 text; save it as UTF-8" },
    };

    [Theory]
    [MemberData(nameof(NotCatalogs))]
    public async Task A_file_that_is_not_a_catalog_is_an_error_naming_the_file_and_the_problem(string name, byte[] bytes, string problem)
    {
        var path = WriteFile(name, bytes);
        var e = await Assert.ThrowsAsync<CatalogLoadException>(() => Loader(path).LoadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(path, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public async Task A_good_list_with_a_byte_order_mark_loads()
    {
        var path = WriteFile("good.md", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(GoodList)).ToArray());
        var snapshot = await Loader(path).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("Recent advances in deep learning theory", Assert.Single(snapshot.List.AllEntries()).Title);
    }

    [Fact]
    public async Task A_url_serving_binary_data_falls_back_to_the_cached_copy_and_is_not_cached()
    {
        var loaded = await Loader(Url, Serving(Encoding.UTF8.GetBytes(GoodList))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        var cachePath = Loader(Url).CachePathFor(new Uri(Url));

        var snapshot = await Loader(Url, Serving(RandomBytes(7))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(loaded.List, snapshot.List);
        Assert.Equal(GoodList, await File.ReadAllTextAsync(cachePath, TestContext.Current.CancellationToken));
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("the response contains NUL bytes", warning);
        Assert.Contains("cached copy", warning);
    }

    [Fact]
    public async Task A_url_serving_an_html_page_falls_back_to_the_bundled_list()
    {
        var bundled = Path.Combine(root, "app", CatalogOptions.BundledPath);
        Directory.CreateDirectory(Path.GetDirectoryName(bundled)!);
        await File.WriteAllTextAsync(bundled, GoodList, TestContext.Current.CancellationToken);

        var snapshot = await Loader(Url, Serving("<html><body><h1>Please sign in</h1></body></html>"u8.ToArray())).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("deep-learning-theory.md (bundled)", snapshot.PublicSource);
        Assert.Contains("the response has no section with a linked entry", Assert.Single(logger.Warnings));
        Assert.False(File.Exists(Loader(Url).CachePathFor(new Uri(Url))));
    }

    [Fact]
    public async Task A_damaged_cached_copy_is_skipped_for_the_bundled_list()
    {
        var bundled = Path.Combine(root, "app", CatalogOptions.BundledPath);
        Directory.CreateDirectory(Path.GetDirectoryName(bundled)!);
        await File.WriteAllTextAsync(bundled, GoodList, TestContext.Current.CancellationToken);
        var cachePath = Loader(Url).CachePathFor(new Uri(Url));
        Directory.CreateDirectory(Path.GetDirectoryName(cachePath)!);
        await File.WriteAllBytesAsync(cachePath, RandomBytes(3), TestContext.Current.CancellationToken);

        var snapshot = await Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("deep-learning-theory.md (bundled)", snapshot.PublicSource);
        Assert.Collection(logger.Warnings,
            w => Assert.Contains("contains NUL bytes", w),
            w => Assert.Contains("HTTP 503", w));
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', (byte)'\n', 0xC3, 0x28 }, "byte offset 2 (0xC3) on line 2")]
    [InlineData(new byte[] { (byte)'a', (byte)'b', 0xFF }, "byte offset 2 (0xFF) on line 1")]
    [InlineData(new byte[] { (byte)'a', 0xE4, 0xB8 }, "byte offset 1 (0xE4) on line 1")]
    public void Invalid_utf8_is_reported_with_its_offset_and_line(byte[] bytes, string expected) =>
        Assert.Contains(expected, Assert.Throws<NotACatalogException>(() => CatalogText.Decode(bytes)).Problem);
}
