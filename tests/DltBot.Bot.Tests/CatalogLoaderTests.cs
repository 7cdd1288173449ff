using System.Net;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

public sealed class CatalogLoaderTests : IDisposable
{
    private const string Url = "https://example.test/lists/deep-learning-theory.md";
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-loader-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<CatalogLoader> logger = new();
    private readonly FixedParser parser = new(TestCatalog.List);

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string AppDirectory => Path.Combine(root, "app");

    private CatalogLoader Loader(string source, HttpMessageHandler? handler = null, int timeoutSeconds = 10) => new(
        new StubHttpClientFactory(handler ?? new StubHandler(_ => throw new InvalidOperationException("no HTTP expected"))),
        Options.Create(new CatalogOptions { Source = source, FetchTimeoutSeconds = timeoutSeconds }),
        Options.Create(new DataOptions { Directory = Path.Combine(root, "data") }),
        parser, time, logger, new AppPaths(AppDirectory));

    private void WriteBundled(string text, string relativePath = CatalogOptions.BundledPath)
    {
        var path = Path.Combine(AppDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public async Task Loads_a_file_source_and_records_where_it_came_from()
    {
        var path = Path.Combine(root, "list.md");
        await File.WriteAllTextAsync(path, "# 深度学习理论", TestContext.Current.CancellationToken);

        var snapshot = await Loader(path).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["# 深度学习理论"], parser.Parsed);
        Assert.Equal(path, snapshot.Source);
        Assert.Equal(time.GetUtcNow(), snapshot.LoadedAt);
        Assert.Same(TestCatalog.List, snapshot.List);
    }

    [Fact]
    public async Task A_relative_path_is_found_next_to_the_binary_when_not_in_the_current_directory()
    {
        const string relative = "lists/only-beside-the-binary.md";
        WriteBundled("beside the binary", relative);
        var snapshot = await Loader(relative).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["beside the binary"], parser.Parsed);
        Assert.Equal(Path.Combine(AppDirectory, relative), snapshot.Source);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_naming_the_key_and_the_path()
    {
        var e = await Assert.ThrowsAsync<CatalogLoadException>(() => Loader("nowhere/list.md").LoadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Catalog:Source", e.Message);
        Assert.Contains("nowhere/list.md", e.Message);
    }

    [Fact]
    public async Task A_url_is_fetched_once_and_cached_on_disk()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("# fetched 列表") });
        var loader = Loader(Url, handler);

        var snapshot = await loader.LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(Url, snapshot.Source);
        Assert.Equal(["# fetched 列表"], parser.Parsed);
        Assert.Equal(1, handler.Calls);
        Assert.Equal("# fetched 列表", await File.ReadAllTextAsync(loader.CachePathFor(new Uri(Url)), TestContext.Current.CancellationToken));
        Assert.Empty(logger.Warnings);
    }

    [Fact]
    public async Task When_fetching_fails_the_cached_copy_is_used_and_a_warning_says_why()
    {
        var online = Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("cached text") }));
        await online.LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        parser.Parsed.Clear();

        var offline = Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)));
        var snapshot = await offline.LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["cached text"], parser.Parsed);
        Assert.StartsWith(Url + " (cached copy from ", snapshot.Source);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("HTTP 503", warning);
        Assert.Contains("cached copy", warning);
    }

    [Fact]
    public async Task Without_a_cache_a_failed_fetch_falls_back_to_the_bundled_list()
    {
        WriteBundled("bundled list");
        var handler = new StubHandler(_ => throw new HttpRequestException("Name or service not known (example.test:443)"));

        var snapshot = await Loader(Url, handler).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["bundled list"], parser.Parsed);
        Assert.Equal(Path.Combine(AppDirectory, CatalogOptions.BundledPath), snapshot.Source);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("Name or service not known", warning);
        Assert.Contains("bundled list", warning);
    }

    [Fact]
    public async Task An_empty_response_is_not_taken_for_a_catalog()
    {
        WriteBundled("bundled list");
        var snapshot = await Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("  ") }))
            .LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["bundled list"], parser.Parsed);
        Assert.Contains("empty", Assert.Single(logger.Warnings));
        Assert.False(File.Exists(Loader(Url).CachePathFor(new Uri(Url))));
        _ = snapshot;
    }

    [Fact]
    public async Task A_fetch_that_does_not_answer_in_time_falls_back_after_the_configured_timeout()
    {
        WriteBundled("bundled list");
        var started = new TaskCompletionSource();
        var handler = new StubHandler(async (_, token) =>
        {
            started.SetResult();
            var never = new TaskCompletionSource<HttpResponseMessage>();
            await using var registration = token.Register(() => never.TrySetCanceled(token));
            return await never.Task;
        });

        var loading = Loader(Url, handler, timeoutSeconds: 5).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        await started.Task;
        time.Advance(TimeSpan.FromSeconds(5));
        await loading;

        Assert.Equal(["bundled list"], parser.Parsed);
        Assert.Contains("timed out after 5 s (Catalog:FetchTimeoutSeconds)", Assert.Single(logger.Warnings));
    }

    [Fact]
    public async Task With_no_cache_and_no_bundled_list_the_error_names_all_three_places()
    {
        var e = await Assert.ThrowsAsync<CatalogLoadException>(() =>
            Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(Url, e.Message);
        Assert.Contains("HTTP 404", e.Message);
        Assert.Contains("cached copy", e.Message);
        Assert.Contains("bundled list", e.Message);
    }

    [Theory]
    [InlineData("catalog/list.md", typeof(CatalogSource.File))]
    [InlineData("/srv/list.md", typeof(CatalogSource.File))]
    [InlineData(@"C:\lists\list.md", typeof(CatalogSource.File))]
    [InlineData("https://example.test/list.md", typeof(CatalogSource.Url))]
    [InlineData("http://example.test/list.md", typeof(CatalogSource.Url))]
    [InlineData("ftp://example.test/list.md", typeof(CatalogSource.Unsupported))]
    public void Sources_are_told_apart_by_scheme(string source, Type expected) =>
        Assert.IsType(expected, CatalogSource.Parse(source));
}

internal sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : this((request, _) => Task.FromResult(respond(request))) { }

    public int Calls { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        return respond(request, cancellationToken);
    }
}

internal sealed class StubHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}

internal sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IEnumerable<string> Warnings => Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
