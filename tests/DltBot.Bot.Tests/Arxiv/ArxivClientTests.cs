using DltBot.Bot.Arxiv;
using DltBot.Bot.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Arxiv;

public sealed class ArxivClientTests : IAsyncLifetime
{
    private static readonly FakeArxivAnswer.Paper Sample = new(
        Title: "Some Theory of\n      Deep Learning:   Generalization\n  Bounds",
        Authors: ["Ada Lovelace", "  Alan\n Turing "],
        Published: "2023-01-06T18:59:00Z",
        Summary: "\n  We prove that\n  over-parameterized   networks\n  generalize.\n");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TimerWatchingClock _clock;
    private FakeArxiv _arxiv = null!;
    private ServiceProvider _services = null!;

    public ArxivClientTests() => _clock = new TimerWatchingClock(_time, ArxivRequestGate.Spacing);

    public async ValueTask InitializeAsync()
    {
        _arxiv = await FakeArxiv.StartAsync(_time, TestContext.Current.CancellationToken);
        _services = ServicesFor(_arxiv.ApiUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _arxiv.DisposeAsync();
    }

    private ServiceProvider ServicesFor(string apiUrl, int timeoutSeconds = 10)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Arxiv:ApiBaseUrl"] = apiUrl,
                ["Arxiv:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            .Build();
        return new ServiceCollection().AddSingleton<TimeProvider>(_clock).AddArxiv(configuration).BuildServiceProvider();
    }

    private IArxivClient Client => _services.GetRequiredService<IArxivClient>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_known_id_gives_title_authors_year_and_abstract_with_whitespace_collapsed()
    {
        _arxiv.Serve("2301.02679", Sample with { Version = 2 });

        var result = await Client.LookupAsync("2301.02679", Token);

        var paper = Assert.IsType<ArxivLookup.Found>(result).Paper;
        Assert.Equal("2301.02679", paper.Id);
        Assert.Equal("Some Theory of Deep Learning: Generalization Bounds", paper.Title);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], paper.Authors);
        Assert.Equal(2023, paper.Year);
        Assert.Equal("We prove that over-parameterized networks generalize.", paper.Abstract);
        Assert.Equal(new Uri("https://arxiv.org/abs/2301.02679"), paper.AbsUrl);
        Assert.Equal("2301.02679", Assert.Single(_arxiv.Requests).IdList);
    }

    [Fact]
    public async Task An_old_style_id_is_asked_for_as_is()
    {
        _arxiv.Serve("math/0601001", Sample with { Published = "2006-01-01T00:00:00Z" });

        var result = await Client.LookupAsync("math/0601001", Token);

        var paper = Assert.IsType<ArxivLookup.Found>(result).Paper;
        Assert.Equal("math/0601001", paper.Id);
        Assert.Equal(2006, paper.Year);
        Assert.Equal(new Uri("https://arxiv.org/abs/math/0601001"), paper.AbsUrl);
        Assert.Equal("math/0601001", Assert.Single(_arxiv.Requests).IdList);
    }

    [Fact]
    public async Task An_id_arxiv_does_not_have_is_not_found()
    {
        var result = await Client.LookupAsync("2301.99999", Token);

        Assert.Equal(new ArxivLookup.NotFound("2301.99999"), result);
    }

    [Fact]
    public async Task Arxivs_error_entry_is_not_found()
    {
        _arxiv.Serve("2301.00000", new FakeArxivAnswer.ErrorEntry());

        var result = await Client.LookupAsync("2301.00000", Token);

        Assert.Equal(new ArxivLookup.NotFound("2301.00000"), result);
    }

    [Fact]
    public async Task A_503_without_retry_after_fails_and_says_so()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.Status(503));

        var result = await Client.LookupAsync("2301.02679", Token);

        Assert.Equal(new ArxivLookup.Failed("arXiv answered 503"), result);
    }

    [Fact]
    public async Task Another_error_status_fails_with_its_code()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.Status(500));

        Assert.Equal(new ArxivLookup.Failed("arXiv answered 500"), await Client.LookupAsync("2301.02679", Token));
    }

    [Fact]
    public async Task Rate_exceeded_with_http_200_is_rate_limited()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.RateExceeded());

        var result = await Client.LookupAsync("2301.02679", Token);

        Assert.Equal(new ArxivLookup.RateLimited(null), result);
    }

    [Theory]
    [InlineData(503)]
    [InlineData(429)]
    public async Task A_status_with_retry_after_is_rate_limited_for_that_long(int status)
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.Status(status, RetryAfterSeconds: 120));

        var result = await Client.LookupAsync("2301.02679", Token);

        Assert.Equal(new ArxivLookup.RateLimited(TimeSpan.FromMinutes(2)), result);
    }

    [Fact]
    public async Task A_429_without_retry_after_is_still_rate_limited()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.Status(429));

        Assert.Equal(new ArxivLookup.RateLimited(null), await Client.LookupAsync("2301.02679", Token));
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_after_the_timeout_on_the_clock()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.NoAnswer());

        var lookup = Client.LookupAsync("2301.02679", Token);
        await _arxiv.WaitForRequestsAsync(1).WaitAsync(Token);
        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(lookup.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new ArxivLookup.Failed("no answer within 10 s"), await lookup.WaitAsync(Token));
    }

    [Fact]
    public async Task The_timeout_follows_the_configured_seconds()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.NoAnswer());
        await using var services = ServicesFor(_arxiv.ApiUrl, timeoutSeconds: 3);

        var lookup = services.GetRequiredService<IArxivClient>().LookupAsync("2301.02679", Token);
        await _arxiv.WaitForRequestsAsync(1).WaitAsync(Token);
        _time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(new ArxivLookup.Failed("no answer within 3 s"), await lookup.WaitAsync(Token));
    }

    [Theory]
    [InlineData("this is not xml")]
    [InlineData("<html><body>Service temporarily down</body></html>")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2301.02679v1</id><published>2023-01-06T18:59:00Z</published></entry></feed>""")]
    [InlineData("""<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2301.02679v1</id><title>T</title><published>someday</published></entry></feed>""")]
    [InlineData("""<!DOCTYPE feed [<!ENTITY x "boom">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&x;</title></entry></feed>""")]
    public async Task An_answer_that_is_not_a_readable_feed_fails_and_says_so(string body)
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.Raw(body));

        Assert.Equal(new ArxivLookup.Failed("arXiv's answer could not be read"), await Client.LookupAsync("2301.02679", Token));
    }

    [Fact]
    public async Task An_oversized_answer_fails_without_reading_it_all()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.Raw(new string('x', ArxivClient.MaxAnswerBytes + 1)));

        var failed = Assert.IsType<ArxivLookup.Failed>(await Client.LookupAsync("2301.02679", Token));
        Assert.StartsWith("arXiv's answer could not be read", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_there_fails_and_says_so()
    {
        var gone = await FakeArxiv.StartAsync(_time, Token);
        var url = gone.ApiUrl;
        await gone.DisposeAsync();
        await using var services = ServicesFor(url);

        var result = await services.GetRequiredService<IArxivClient>().LookupAsync("2301.02679", Token);

        Assert.Equal(new ArxivLookup.Failed("arXiv could not be reached"), result);
    }

    [Fact]
    public async Task The_callers_own_cancellation_is_not_a_remote_failure()
    {
        _arxiv.Serve("2301.02679", new FakeArxivAnswer.NoAnswer());
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var lookup = Client.LookupAsync("2301.02679", caller.Token);
        await _arxiv.WaitForRequestsAsync(1).WaitAsync(Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => lookup);
    }

    [Fact]
    public async Task Three_lookups_at_once_go_out_three_seconds_apart_in_order()
    {
        _arxiv.Serve("2301.00001", Sample).Serve("2301.00002", Sample).Serve("2301.00003", Sample);
        var start = _time.GetUtcNow();

        string[] ids = ["2301.00001", "2301.00002", "2301.00003"];
        var lookups = ids.Select(id => Client.LookupAsync(id, Token)).ToArray();
        await WaitForGateAsync(timers: 1);
        Assert.Single(_arxiv.Requests);
        _time.Advance(TimeSpan.FromSeconds(3));
        await WaitForGateAsync(timers: 2);
        Assert.Equal(2, _arxiv.Requests.Count);
        _time.Advance(TimeSpan.FromSeconds(3));
        var results = await Task.WhenAll(lookups).WaitAsync(Token);

        Assert.Equal(
            [("2301.00001", start), ("2301.00002", start.AddSeconds(3)), ("2301.00003", start.AddSeconds(6))],
            _arxiv.Requests.Select(r => (r.IdList, r.At)).ToArray());
        Assert.Equal(["2301.00001", "2301.00002", "2301.00003"], results.Select(r => Assert.IsType<ArxivLookup.Found>(r).Paper.Id));
    }

    [Fact]
    public async Task The_gate_is_shared_by_every_client_of_the_process()
    {
        _arxiv.Serve("2301.00001", Sample).Serve("2301.00002", Sample);
        var start = _time.GetUtcNow();
        await Client.LookupAsync("2301.00001", Token);

        // Another resolve (another command's handler) still waits out the three seconds.
        var second = _services.GetRequiredService<IArxivClient>().LookupAsync("2301.00002", Token);
        await WaitForGateAsync(timers: 1);
        Assert.Single(_arxiv.Requests);
        _time.Advance(TimeSpan.FromSeconds(3));
        await second.WaitAsync(Token);

        Assert.Equal([start, start.AddSeconds(3)], _arxiv.Requests.Select(r => r.At));
    }

    /// <summary>
    /// Until the gate has set its 3 s timer, a later request may still be on its way; afterwards nothing may go out
    /// until the clock moves. The real-time bound only turns a gate that never waits into a failure instead of a hang.
    /// </summary>
    private Task WaitForGateAsync(int timers) => _clock.WaitForShortTimersAsync(timers).WaitAsync(TimeSpan.FromSeconds(30), Token);
}
