using System.Collections.Concurrent;
using DltBot.Bot.LinkHealth;
using DltBot.Catalog.LinkHealth;
using DltBot.FakeWeb;

namespace DltBot.Bot.Tests.LinkHealth;

/// <summary>The link checker against a fake web on 127.0.0.1, on a clock that steps itself (see <see cref="SteppedClock"/>).</summary>
public sealed class LinkWeb : IAsyncDisposable
{
    public LinkWeb(LinkCheckSettings? settings = null)
    {
        Settings = settings ?? LinkCheckSettings.Default;
        Clock = new SteppedClock(Settings.Timeout);
        Web = new FakeWebServer(Clock);
        Web.Changed += Clock.Signal;
        Handler = new CountingHandler(Web.CreateHandler(), Clock);
        Checker = new LinkChecker(Handler, Settings, Clock);
    }

    public LinkCheckSettings Settings { get; }
    public SteppedClock Clock { get; }
    public FakeWebServer Web { get; }
    public CountingHandler Handler { get; }
    public LinkChecker Checker { get; }

    public DateTimeOffset Start { get; } = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

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
        await Clock.DriveAsync(run, () => Handler.InFlight, () => Web.Parked, TestContext.Current.CancellationToken);
        return [.. probes.OrderBy(p => Array.IndexOf(urls, p.Url))];
    }

    public async Task<LinkProbe> CheckOneAsync(string url) => (await CheckAsync(url)).Single();

    public IReadOnlyList<FakeWebRequest> RequestsTo(string host) => Web.Requests.Where(r => r.Host == host).OrderBy(r => r.At).ToList();

    public async ValueTask DisposeAsync()
    {
        Checker.Dispose();
        Handler.Dispose();
        await Web.DisposeAsync();
        Clock.Dispose();
    }
}
