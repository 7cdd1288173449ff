using System.Net;
using System.Net.Sockets;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Interactions;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests;

/// <summary>
/// Bad settings and a hostile environment end in one line that names the key and the reason: exit 2 for a bad value,
/// exit 1 for the environment (a port in use, an unwritable data directory). Never "Something went wrong" or a stack trace.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private const string Token = "MTA4NTE0MDgxNDAwNDIyNDAwNw.GxYz12.abcdefghijklmnopqrstuvwxyz012345678";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dltbot-startup-" + Guid.NewGuid().ToString("N"));

    public StartupFailureTests() => Directory.CreateDirectory(_dir);

    private BotHostSettings Settings(bool discord, params (string Key, string Value)[] values)
    {
        var config = new Dictionary<string, string?>
        {
            ["Data:Directory"] = Path.Combine(_dir, "data"),
            ["Discord:Urls"] = "http://127.0.0.1:0",
            // Nothing here may reach the network: the gateway waits for the catalog, registration is off.
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
            ["Discord:RegisterCommands"] = "false",
        };
        if (discord)
        {
            config["Discord:Token"] = Token;
            config["Discord:ApplicationId"] = "1085140814004224007";
        }
        foreach (var (key, value) in values) config[key] = value;
        return new BotHostSettings
        {
            Configuration = c => c.AddInMemoryCollection(config),
            Logging = l => l.ClearProviders(),
        };
    }

    private static void AssertOneLine(string error, params string[] mentions)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.DoesNotContain("Something went wrong", error);
        Assert.DoesNotContain("   at ", error);
        foreach (var mention in mentions) Assert.Contains(mention, error);
    }

    [Fact]
    public async Task A_word_for_a_duration_in_a_one_shot_command_names_the_key_and_what_it_should_be()
    {
        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: false, ("Discord:DeferAfter", "banana")), "topics");

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneLine(error, "Discord:DeferAfter 'banana' is not a duration");
    }

    [Fact]
    public async Task A_word_for_a_duration_in_Discord_mode_is_a_usage_error_not_a_crash()
    {
        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: true, ("Discord:DeferAfter", "banana")));

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneLine(error, "Discord:DeferAfter 'banana' is not a duration");
    }

    [Fact]
    public async Task A_word_for_a_number_in_another_section_in_Discord_mode_is_a_usage_error()
    {
        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: true, ("Catalog:FetchTimeoutSeconds", "abc")));

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneLine(error, "Catalog:FetchTimeoutSeconds 'abc' is not a whole number");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("ftp://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:8080;nonsense")]
    public async Task Listen_addresses_that_are_not_http_urls_are_refused_before_anything_starts(string urls)
    {
        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: true, ("Discord:Urls", urls)));

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneLine(error, "Discord:Urls", "is not an absolute http(s) URL");
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://+:8080;https://*:8443")]
    [InlineData("http://[::]:8080")]
    public void Listen_addresses_kestrel_accepts_pass(string urls) => Assert.Null(DiscordBotOptions.UrlsProblem(urls));

    [Fact]
    public async Task Http_mode_names_every_missing_key_in_one_line()
    {
        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: false, ("Discord:Mode", "Http")));

        Assert.Equal(ExitCodes.Usage, code);
        AssertOneLine(error, "Discord:ApplicationId is missing", "Discord:Token is missing", "Discord:PublicKey is missing");
    }

    [Fact]
    public async Task A_port_in_use_is_an_environment_failure_naming_the_setting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: true, ("Discord:Urls", $"http://127.0.0.1:{port}")));

        Assert.Equal(ExitCodes.Failure, code);
        AssertOneLine(error, "Discord:Urls", $"127.0.0.1:{port}", "already in use");
    }

    [Fact]
    public async Task A_data_directory_that_cannot_be_created_is_not_reported_as_another_instance()
    {
        var file = Path.Combine(_dir, "a-file");
        await File.WriteAllTextAsync(file, "", TestContext.Current.CancellationToken);

        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: true, ("Data:Directory", Path.Combine(file, "data"))));

        Assert.Equal(ExitCodes.Failure, code);
        AssertOneLine(error, "Data:Directory", "cannot be created");
        Assert.DoesNotContain("Another DltBot instance", error);
    }

    [Fact]
    public async Task A_data_directory_where_the_lock_file_cannot_be_written_is_not_reported_as_another_instance()
    {
        // Stands in for a read-only mount or a folder without permission (the tests may run as root): the lock file's
        // name is taken by a folder, so it cannot be opened for writing.
        var data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(Path.Combine(data, InstanceLock.FileName));

        var (code, _, error) = await InProcessCli.RunAsync("", Settings(discord: true));

        Assert.Equal(ExitCodes.Failure, code);
        AssertOneLine(error, "Data:Directory", "is not writable");
        Assert.DoesNotContain("Another DltBot instance", error);
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>/healthz listens before the catalog loads and says so; HEAD is answered like GET.</summary>
public sealed class HealthWhileLoadingTests : IDisposable
{
    private const string Token = "MTA4NTE0MDgxNDAwNDIyNDAwNw.GxYz12.abcdefghijklmnopqrstuvwxyz012345678";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "dltbot-health-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Healthz_answers_503_loading_while_the_catalog_loads_and_200_ready_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var parser = new BlockingParser();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = new BotHostSettings
        {
            Configuration = c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Discord:Mode"] = "Http",
                ["Discord:Token"] = Token,
                ["Discord:ApplicationId"] = "1085140814004224007",
                ["Discord:PublicKey"] = new string('a', 64),
                ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
                ["Discord:RegisterCommands"] = "false",
                ["Discord:Urls"] = "http://127.0.0.1:0",
                ["Data:Directory"] = _dir,
            }),
            Logging = l => l.ClearProviders(),
            Services = s =>
            {
                s.AddSingleton<ICatalogParser>(parser);
                s.AddSingleton<IDiscordAppObserver>(new Observer(listening, started));
            },
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = Task.Run(() => new Cli.CliApp(TextReader.Null, TextWriter.Null, new StringWriter(), settings).RunAsync([], stop.Token), ct);

        var address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        using var http = new HttpClient { BaseAddress = address };
        var loading = await http.GetAsync(DiscordBotApp.HealthPath, ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, loading.StatusCode);
        Assert.Equal("loading", await loading.Content.ReadAsStringAsync(ct));
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, DiscordBotApp.HealthPath), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, head.StatusCode);
        // An interaction arriving now cannot be answered yet; Discord gets a 503 rather than a crash.
        var early = await http.PostAsync(DiscordBotApp.InteractionsPath, new StringContent("{}"), ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
        Assert.False(started.Task.IsCompleted);

        parser.Release();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var ready = await http.GetAsync(DiscordBotApp.HealthPath, ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("ready", await ready.Content.ReadAsStringAsync(ct));
        var readyHead = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, DiscordBotApp.HealthPath), ct);
        Assert.Equal(HttpStatusCode.OK, readyHead.StatusCode);

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60), ct));
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A ManualResetEventSlim holds no OS handle until its WaitHandle is read, which this never does; the parser lives for one test.")]
    private sealed class BlockingParser : ICatalogParser
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly MarkdownCatalogParser _inner = new();

        public void Release() => _released.Set();

        public ParsedCatalog Parse(string markdown)
        {
            _released.Wait(TestContext.Current.CancellationToken);
            return _inner.Parse(markdown);
        }
    }

    private sealed class Observer(TaskCompletionSource<Uri> listening, TaskCompletionSource started) : IDiscordAppObserver
    {
        public void OnListening(IServiceProvider services, IReadOnlyList<string> addresses) => listening.TrySetResult(new Uri(addresses[0]));
        public void OnStarted(IServiceProvider services, IReadOnlyList<string> addresses) => started.TrySetResult();
    }

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
