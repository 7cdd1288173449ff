using System.Net;
using System.Net.Sockets;
using System.Text;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

/// <summary>Issue 9, item 4: a catalog URL that never stops sending must not take the bot's memory with it.</summary>
public sealed class CatalogDownloadLimitTests : IDisposable
{
    private const string Url = "https://example.test/lists/dlt.md";
    private const long Cap = 64 * 1024;

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-cap-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<CatalogLoader> logger = new();
    private readonly FixedParser parser = new(TestCatalog.List);

    public CatalogDownloadLimitTests()
    {
        var bundled = Path.Combine(root, "app", CatalogOptions.BundledPath);
        Directory.CreateDirectory(Path.GetDirectoryName(bundled)!);
        File.WriteAllText(bundled, "bundled list");
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private CatalogLoader Loader(string source, HttpMessageHandler handler, long maxBytes = Cap) => new(
        new StubHttpClientFactory(handler),
        Options.Create(new CatalogOptions { Source = source, MaxBytes = maxBytes }),
        Options.Create(new DataOptions { Directory = Path.Combine(root, "data") }),
        parser, time, logger, new AppPaths(Path.Combine(root, "app")));

    [Fact]
    public async Task An_endless_body_is_read_only_up_to_the_cap_and_the_bundled_list_is_used()
    {
        var endless = new EndlessStream();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(endless) });

        await Loader(Url, handler).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["bundled list"], parser.Parsed);
        Assert.InRange(endless.Served, Cap, Cap + 1);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("larger than Catalog:MaxBytes (64 KB)", warning);
        Assert.Contains("bundled list", warning);
    }

    [Fact]
    public async Task A_body_announced_larger_than_the_cap_is_refused_before_reading_it()
    {
        var endless = new EndlessStream();
        var content = new StreamContent(endless);
        content.Headers.ContentLength = 3L * 1024 * 1024 * 1024;
        await Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = content })).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, endless.Served);
        Assert.Contains("larger than Catalog:MaxBytes (64 KB): it announces 3072 MB", Assert.Single(logger.Warnings));
    }

    [Fact]
    public async Task A_body_of_exactly_the_cap_is_accepted()
    {
        var body = new string('x', (int)Cap);
        var snapshot = await Loader(Url, new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) }))
            .LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([body], parser.Parsed);
        Assert.Empty(logger.Warnings);
        Assert.Equal(Url, snapshot.Source);
    }

    [Fact]
    public async Task A_file_larger_than_the_cap_is_an_error_naming_the_key()
    {
        var path = Path.Combine(root, "huge.md");
        await File.WriteAllBytesAsync(path, new byte[Cap + 1], TestContext.Current.CancellationToken);
        var e = await Assert.ThrowsAsync<CatalogLoadException>(() => Loader(path, new StubHandler(_ => throw new InvalidOperationException())).LoadAsync(cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains(path, e.Message);
        Assert.Contains("larger than Catalog:MaxBytes (64 KB)", e.Message);
    }

    [Fact]
    public async Task A_real_server_on_loopback_that_never_stops_sending_is_cut_off_at_the_cap()
    {
        await using var server = EndlessHttpServer.Start();
        using var handler = new SocketsHttpHandler();

        await Loader(server.Url, handler, maxBytes: 1024 * 1024).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["bundled list"], parser.Parsed);
        var warning = Assert.Single(logger.Warnings);
        Assert.Contains("larger than Catalog:MaxBytes (1 MB)", warning);
        Assert.Contains($"http://127.0.0.1:{server.Port}/dlt.md", warning);
    }

    [Fact]
    public async Task A_body_that_stalls_times_out_and_the_log_says_so()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StallingStream()) });
        var loading = Loader(Url, handler).LoadAsync(cancellationToken: TestContext.Current.CancellationToken);
        while (!loading.IsCompleted && handler.Calls == 0) await Task.Yield();
        time.Advance(TimeSpan.FromSeconds(10));
        await loading;

        Assert.Contains("timed out after 10 s (Catalog:FetchTimeoutSeconds)", Assert.Single(logger.Warnings));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(2L * 1024 * 1024 * 1024)]
    public void An_out_of_range_cap_is_rejected_at_start_up(long maxBytes)
    {
        var result = new CatalogOptionsValidator().Validate(null, new CatalogOptions { MaxBytes = maxBytes });
        Assert.Contains($"Catalog:MaxBytes must be between 1024 (1 KB) and 1073741824 (1 GB) (was {maxBytes}", Assert.Single(result.Failures!));
    }

    [Fact]
    public void The_default_cap_is_ten_megabytes() =>
        Assert.Equal((10_485_760L, "10 MB"), (new CatalogOptions().MaxBytes, CappedDownload.Describe(new CatalogOptions().MaxBytes)));
}

/// <summary>A response body that can only be read forwards, as HttpClient reads one.</summary>
internal abstract class ReadOnlyBody : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A response body that never ends, counting what was read from it.</summary>
internal sealed class EndlessStream : ReadOnlyBody
{
    public long Served { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        buffer.AsSpan(offset, count).Fill((byte)'a');
        Served += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        buffer.Span.Fill((byte)'a');
        Served += buffer.Length;
        return ValueTask.FromResult(buffer.Length);
    }

}

/// <summary>A response body whose first read waits until it is cancelled.</summary>
internal sealed class StallingStream : ReadOnlyBody
{
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("async only");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

}

/// <summary>An HTTP/1.1 server on 127.0.0.1 that answers 200 with no length and then sends forever, until the client hangs up.</summary>
internal sealed class EndlessHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;

    private EndlessHttpServer()
    {
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        serving = ServeAsync();
    }

    public static EndlessHttpServer Start() => new();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public string Url => $"http://127.0.0.1:{Port}/dlt.md";

    private async Task ServeAsync()
    {
        try
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await using var stream = client.GetStream();
            var request = new byte[4096];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(request, stop.Token);
                if (read == 0) return;
                received.Append(Encoding.ASCII.GetString(request, 0, read));
            }
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/markdown\r\nConnection: close\r\n\r\n"), stop.Token);
            var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("1. [A paper](https://arxiv.org/abs/2012.10931)\n", 1000)));
            while (true) await stream.WriteAsync(chunk, stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            // The client hung up (what the test wants) or the test is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await serving;
        stop.Dispose();
    }
}
