using System.Collections.Concurrent;
using DltBot.Bot.LinkHealth;
using DltBot.Catalog.LinkHealth;
using DltBot.FakeWeb;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>
/// The link checker against a fake web on 127.0.0.1, on a clock that steps itself (see <see cref="SteppedClock"/>) when
/// every worker of the checker waits for the clock or for an exchange the fake web holds on purpose.
/// </summary>
public sealed class LinkWeb : IAsyncDisposable
{
    private readonly HttpMessageHandler _handler;

    /// <param name="between">A handler to put between the checker and the fake web, given the one to call and the clock.</param>
    public LinkWeb(LinkCheckSettings? settings = null, Func<HttpMessageHandler, SteppedClock, HttpMessageHandler>? between = null)
    {
        Settings = settings ?? LinkCheckSettings.Default;
        Clock = new SteppedClock();
        Web = new FakeWebServer(Clock);
        Web.Changed += Clock.Signal;
        Exchanges = new ExchangeWatch(Web.CreateHandler(), Web);
        _handler = between?.Invoke(Exchanges, Clock) ?? Exchanges;
        Checker = new LinkChecker(_handler, Settings, Clock);
        Checker.Activity.Changed += Clock.Signal;
    }

    public LinkCheckSettings Settings { get; }
    public SteppedClock Clock { get; }
    public FakeWebServer Web { get; }
    public ExchangeWatch Exchanges { get; }
    public LinkChecker Checker { get; }

    public DateTimeOffset Start { get; } = SteppedClock.Start;

    public LinkWeb Route(string host, string path, FakeResponse response)
    {
        Web.Route(host, path, response);
        return this;
    }

    public async Task<IReadOnlyList<LinkProbe>> CheckAsync(params string[] urls)
    {
        var probes = new ConcurrentQueue<LinkProbe>();
        var run = Task.Run(async () =>
        {
            await Checker.CheckAsync(urls, p =>
            {
                probes.Enqueue(p);
                return ValueTask.CompletedTask;
            }, TestContext.Current.CancellationToken);
            return true;
        });
        await Clock.DriveAsync(run, OnlyTimeCanMoveTheChecker, TestContext.Current.CancellationToken);
        return [.. probes.OrderBy(p => Array.IndexOf(urls, p.Url))];
    }

    public async Task<LinkProbe> CheckOneAsync(string url) => (await CheckAsync(url)).Single();

    /// <summary>
    /// Every running worker is in an exchange the fake web holds. Held is read first: while the clock stands still it
    /// can only grow, and it never exceeds Running (a worker in an exchange runs), so a Running read afterwards that
    /// equals it was true at that moment, and stays true until the clock moves.
    /// </summary>
    private bool OnlyTimeCanMoveTheChecker()
    {
        var held = Exchanges.Held;
        return Checker.Activity.Running == held;
    }

    public IReadOnlyList<FakeWebRequest> RequestsTo(string host) => Web.Requests.Where(r => r.Host == host).OrderBy(r => r.At).ToList();

    public async ValueTask DisposeAsync()
    {
        Checker.Dispose();
        _handler.Dispose();
        await Web.DisposeAsync();
        Clock.Dispose();
    }
}
