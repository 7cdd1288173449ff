using System.Net;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Configuration;
using DltBot.Bot.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>Issue 9, item 1: a source's credentials, token and server path never reach a Discord user or a log line.</summary>
public sealed class CatalogSourceRedactionTests : IDisposable
{
    private const string SecretUrl = "https://reader:s3cret@lists.example.org/dlt.md?key=abc123#part";
    private static readonly string[] Secrets = ["reader", "s3cret", "abc123", "key=", "#part"];

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-redact-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<CatalogLoader> logger = new();

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string AppDirectory => Path.Combine(root, "app");

    private CatalogLoader Loader(string source, HttpMessageHandler? handler = null) => new(
        new StubHttpClientFactory(handler ?? new StubHandler(_ => throw new InvalidOperationException("no HTTP expected"))),
        Options.Create(new CatalogOptions { Source = source }),
        Options.Create(new DataOptions { Directory = Path.Combine(root, "data") }),
        new FixedParser(TestCatalog.List), time, logger, new AppPaths(AppDirectory));

    private void WriteBundled()
    {
        var path = Path.Combine(AppDirectory, CatalogOptions.BundledPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "bundled list");
    }

    private static StubHandler Serving(string body) => new(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });

    private string AboutSource(CatalogSnapshot snapshot)
    {
        using var commands = CommandHarness.Create(snapshot, time: time);
        var about = Assert.IsType<InfoReply>(commands.Run("about", Language.English));
        return Assert.Single(about.Fields, f => f.Label == "Source").Value;
    }

    private static void AssertNoSecret(string text)
    {
        foreach (var secret in Secrets) Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fetched_url_is_shown_to_users_as_host_and_file_name_and_logged_without_credentials_or_query()
    {
        var snapshot = await Loader(SecretUrl, Serving("# list")).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("lists.example.org › dlt.md", snapshot.PublicSource);
        Assert.Equal("lists.example.org › dlt.md", AboutSource(snapshot));
        Assert.Equal("https://lists.example.org/dlt.md", snapshot.Source);
    }

    [Fact]
    public async Task A_failed_fetch_logs_the_url_without_secrets_and_the_bundled_fallback_shows_only_its_file_name()
    {
        WriteBundled();
        var snapshot = await Loader(SecretUrl, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("https://lists.example.org/dlt.md", warning);
        AssertNoSecret(warning);
        Assert.Equal("deep-learning-theory.md (bundled)", AboutSource(snapshot));
    }

    [Fact]
    public async Task The_cached_copy_is_shown_and_logged_without_secrets()
    {
        await Loader(SecretUrl, Serving("# list")).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        var snapshot = await Loader(SecretUrl, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.BadGateway))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith("lists.example.org › dlt.md (cached copy from ", AboutSource(snapshot));
        AssertNoSecret(snapshot.Source);
        foreach (var entry in logger.Entries) AssertNoSecret(entry.Message);
    }

    [Fact]
    public async Task When_nothing_can_be_loaded_the_error_names_the_url_without_secrets()
    {
        var e = await Assert.ThrowsAsync<CatalogLoadException>(() =>
            Loader(SecretUrl, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound))).LoadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("https://lists.example.org/dlt.md", e.Message);
        AssertNoSecret(e.Message);
    }

    [Fact]
    public async Task A_file_source_shows_users_its_file_name_not_the_server_path()
    {
        var path = Path.Combine(root, "private", "reading-list.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "# list", TestContext.Current.CancellationToken);

        var snapshot = await Loader(path).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("reading-list.md", AboutSource(snapshot));
        Assert.Equal(path, snapshot.Source);
    }

    [Fact]
    public async Task The_bundled_list_is_marked_as_bundled()
    {
        WriteBundled();
        var snapshot = await Loader(CatalogOptions.BundledPath).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("deep-learning-theory.md (bundled)", AboutSource(snapshot));
    }

    [Theory]
    [InlineData("https://u:p@example.test:8443/a/b/list.md?t=1#x", "https://example.test:8443/a/b/list.md", "example.test › list.md")]
    [InlineData("http://example.test/", "http://example.test/", "example.test")]
    [InlineData("https://example.test/lists/deep%20learning.md", "https://example.test/lists/deep%20learning.md", "example.test › deep learning.md")]
    public void Urls_are_named_without_secrets(string url, string forLog, string forUsers)
    {
        Assert.Equal(forLog, SourceNames.ForLog(new Uri(url)));
        Assert.Equal(forUsers, SourceNames.ForUsers(new Uri(url)));
    }

    [Fact]
    public void An_unsupported_source_is_rejected_at_start_up_without_echoing_its_password()
    {
        var result = new CatalogOptionsValidator().Validate(null, new CatalogOptions { Source = "ftp://reader:s3cret@lists.example.org/dlt.md?key=abc123" });
        var failure = Assert.Single(result.Failures!);
        Assert.Contains("ftp://lists.example.org/dlt.md", failure);
        AssertNoSecret(failure);
    }
}
