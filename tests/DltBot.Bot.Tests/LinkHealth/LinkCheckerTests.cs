using DltBot.Bot.LinkHealth;
using DltBot.Catalog.LinkHealth;
using DltBot.FakeWeb;

namespace DltBot.Bot.Tests.LinkHealth;

public class LinkCheckerTests
{
    private static FakeResponse.Status Status(int code) => new FakeResponse.Status(code);

    private static FakeResponse.Redirect Redirect(int code, string location) => new FakeResponse.Redirect(code, location);

    [Fact]
    public async Task A_working_link_costs_one_HEAD_that_names_the_bot_and_its_repository()
    {
        await using var web = new LinkWeb().Route("ok.test", "/paper", FakeResponse.Ok);

        var probe = await web.CheckOneAsync("http://ok.test/paper");

        Assert.Equal((ProbeOutcome.Reachable, 200, "http://ok.test/paper", null), (probe.Outcome, probe.Status, probe.FinalUrl, probe.PermanentTarget));
        var request = Assert.Single(web.Web.Requests);
        Assert.Equal("HEAD", request.Method);
        Assert.Contains("DltBot", request.UserAgent, StringComparison.Ordinal);
        Assert.Contains("https://github.com/dltbot/dltbot", request.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chain_of_301s_ends_where_the_link_moved_and_suggests_it()
    {
        await using var web = new LinkWeb()
            .Route("old.test", "/a", Redirect(301, "/b"))
            .Route("old.test", "/b", Redirect(301, "http://new.test/c"))
            .Route("new.test", "/c", FakeResponse.Ok);

        var probe = await web.CheckOneAsync("http://old.test/a");

        Assert.Equal((ProbeOutcome.Reachable, "http://new.test/c", "http://new.test/c"), (probe.Outcome, probe.FinalUrl, probe.PermanentTarget));
        Assert.Equal([301, 301], probe.Redirects.Select(h => h.Status));
        Assert.Equal(["/a", "/b"], web.RequestsTo("old.test").Select(r => r.Path));
    }

    [Fact]
    public async Task A_308_is_permanent_and_a_temporary_hop_after_it_does_not_undo_that()
    {
        await using var web = new LinkWeb()
            .Route("a.test", "/x", Redirect(308, "/y"))
            .Route("a.test", "/y", Redirect(302, "/login?next=y"))
            .Route("a.test", "/login", FakeResponse.Ok);

        var probe = await web.CheckOneAsync("http://a.test/x");

        Assert.Equal(("http://a.test/y", "http://a.test/login?next=y"), (probe.PermanentTarget, probe.FinalUrl));
    }

    [Fact]
    public async Task A_temporary_redirect_first_suggests_nothing()
    {
        await using var web = new LinkWeb()
            .Route("a.test", "/x", Redirect(307, "/y"))
            .Route("a.test", "/y", Redirect(301, "/z"))
            .Route("a.test", "/z", FakeResponse.Ok);

        var probe = await web.CheckOneAsync("http://a.test/x");

        Assert.Equal((ProbeOutcome.Reachable, null), (probe.Outcome, probe.PermanentTarget));
    }

    [Fact]
    public async Task A_redirect_loop_fails_as_soon_as_it_comes_back()
    {
        await using var web = new LinkWeb()
            .Route("loop.test", "/a", Redirect(302, "/b"))
            .Route("loop.test", "/b", Redirect(302, "/a"));

        var probe = await web.CheckOneAsync("http://loop.test/a");

        Assert.Equal(ProbeOutcome.Failed, probe.Outcome);
        Assert.Equal("redirect loop back to http://loop.test/a", probe.Detail);
        Assert.Equal(2, web.Web.Requests.Count);
    }

    [Fact]
    public async Task More_than_five_redirects_fail()
    {
        var web = new LinkWeb();
        await using var _ = web;
        for (var i = 0; i < 7; i++) web.Route("far.test", $"/{i}", Redirect(301, $"/{i + 1}"));
        web.Route("far.test", "/7", FakeResponse.Ok);

        var probe = await web.CheckOneAsync("http://far.test/0");

        Assert.Equal((ProbeOutcome.Failed, "more than 5 redirects"), (probe.Outcome, probe.Detail));
        Assert.Equal(6, web.Web.Requests.Count);
    }

    [Theory]
    [InlineData(404, "404 NotFound")]
    [InlineData(410, "410 Gone")]
    [InlineData(500, "500 InternalServerError")]
    public async Task A_4xx_or_5xx_fails_after_GET_confirms_what_HEAD_said(int code, string detail)
    {
        await using var web = new LinkWeb().Route("gone.test", "/p", Status(code));

        var probe = await web.CheckOneAsync("http://gone.test/p");

        Assert.Equal((ProbeOutcome.Failed, code, detail), (probe.Outcome, probe.Status, probe.Detail));
        var requests = web.RequestsTo("gone.test");
        Assert.Equal(["HEAD", "GET"], requests.Select(r => r.Method));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(1), "the GET waits the host's second too");
    }

    [Fact]
    public async Task A_server_that_refuses_HEAD_is_asked_with_GET()
    {
        await using var web = new LinkWeb().Route("nohead.test", "/p", new FakeResponse.HeadRefused(405, FakeResponse.Ok));

        var probe = await web.CheckOneAsync("http://nohead.test/p");

        Assert.Equal((ProbeOutcome.Reachable, 200), (probe.Outcome, probe.Status));
    }

    [Fact]
    public async Task A_429_is_waited_out_for_its_Retry_After_and_asked_again()
    {
        await using var web = new LinkWeb().Route("busy.test", "/p", new FakeResponse.RateLimited(5, 1, FakeResponse.Ok));

        var probe = await web.CheckOneAsync("http://busy.test/p");

        Assert.Equal((ProbeOutcome.Reachable, 200), (probe.Outcome, probe.Status));
        var requests = web.RequestsTo("busy.test");
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(5), $"asked again after {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task A_host_that_stays_rate_limited_leaves_the_link_undecided()
    {
        await using var web = new LinkWeb().Route("busy.test", "/p", new FakeResponse.RateLimited(5, 100, FakeResponse.Ok));

        var probe = await web.CheckOneAsync("http://busy.test/p");

        Assert.Equal((ProbeOutcome.Inconclusive, 429), (probe.Outcome, probe.Status));
        Assert.Equal(1 + LinkCheckSettings.Default.RateLimitRetries, web.Web.Requests.Count);
    }

    [Fact]
    public async Task A_server_that_never_answers_fails_after_ten_seconds_without_a_GET()
    {
        await using var web = new LinkWeb().Route("silent.test", "/p", new FakeResponse.NeverAnswer());

        var probe = await web.CheckOneAsync("http://silent.test/p");

        Assert.Equal((ProbeOutcome.Failed, null, "no answer within 10 s"), (probe.Outcome, probe.Status, probe.Detail));
        Assert.Equal(web.Start + TimeSpan.FromSeconds(10), probe.CheckedAt);
        Assert.Single(web.Web.Requests);
    }

    [Fact]
    public async Task A_server_that_drips_bytes_is_cut_off_at_the_deadline_however_often_it_sends()
    {
        // A byte every half second would keep a per-read timeout happy for ever; the deadline covers the whole answer.
        await using var web = new LinkWeb().Route("drip.test", "/p", new FakeResponse.Drip(TimeSpan.FromMilliseconds(500)));

        var probe = await web.CheckOneAsync("http://drip.test/p");

        Assert.Equal((ProbeOutcome.Failed, "no answer within 10 s"), (probe.Outcome, probe.Detail));
        Assert.Equal(web.Start + TimeSpan.FromSeconds(10), probe.CheckedAt);
    }

    [Fact]
    public async Task A_robot_refused_with_403_is_undecided_and_a_non_http_link_is_not_requested()
    {
        await using var web = new LinkWeb().Route("wall.test", "/p", Status(403));

        var probes = await web.CheckAsync("http://wall.test/p", "ftp://files.test/p", "not a link");

        Assert.Equal([ProbeOutcome.Inconclusive, ProbeOutcome.Failed, ProbeOutcome.Failed], probes.Select(p => p.Outcome));
        Assert.Equal("not an http(s) link", probes[1].Detail);
        Assert.All(web.Web.Requests, r => Assert.Equal("wall.test", r.Host));
    }

    [Fact]
    public async Task Each_host_gets_one_request_at_a_time_a_second_apart_and_arxiv_three_seconds_while_hosts_run_in_parallel()
    {
        await using var web = new LinkWeb();
        web.Web.Fallback = FakeResponse.Ok;
        var urls = new List<string>();
        foreach (var host in new[] { "a.test", "b.test", "c.test" })
            urls.AddRange(Enumerable.Range(0, 5).Select(i => $"http://{host}/{i}"));
        urls.AddRange(Enumerable.Range(0, 4).Select(i => $"http://arxiv.org/abs/2301.0000{i}"));
        urls.AddRange(Enumerable.Range(0, 2).Select(i => $"http://export.arxiv.org/abs/2302.0000{i}"));

        var probes = await web.CheckAsync([.. urls]);

        Assert.All(probes, p => Assert.Equal(ProbeOutcome.Reachable, p.Outcome));
        foreach (var host in new[] { "a.test", "b.test", "c.test" })
        {
            var times = web.RequestsTo(host).Select(r => r.At).ToList();
            Assert.Equal(5, times.Count);
            Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"{host}: {pair.First:O} then {pair.Second:O}"));
        }
        var arxiv = web.Web.Requests.Where(r => r.Host.EndsWith("arxiv.org", StringComparison.Ordinal)).Select(r => r.At).Order().ToList();
        Assert.Equal(6, arxiv.Count);
        Assert.All(arxiv.Zip(arxiv.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(3), $"arXiv: {pair.First:O} then {pair.Second:O}"));
        Assert.All(web.Web.Hosts, h => Assert.Equal(1, h.MaxConcurrent));
        // In parallel: the run takes as long as arXiv's chain (5 gaps of 3 s), not the sum of every host's.
        var elapsed = web.Clock.GetUtcNow() - web.Start;
        Assert.InRange(elapsed, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(16));
    }

    [Fact]
    public async Task A_worker_slow_to_come_back_from_an_answer_still_waits_exactly_its_second_while_the_other_hosts_move_on()
    {
        // A busy machine: a.test's first answer reaches its worker only after b.test's worker has set its timer and the
        // clock has had every chance to move to it. A clock that moved would stretch a.test's second to two.
        await using var web = new LinkWeb(between: (next, clock) => new LateFirstAnswer(next, "a.test", clock,
            ready: () => clock.GetUtcNow() > SteppedClock.Start || clock.HasTimerDueAt(SteppedClock.Start + TimeSpan.FromSeconds(1))));
        web.Web.Fallback = FakeResponse.Ok;

        await web.CheckAsync("http://a.test/0", "http://a.test/1", "http://b.test/0", "http://b.test/1");

        var second = web.Start + TimeSpan.FromSeconds(1);
        Assert.Equal([web.Start, second], web.RequestsTo("a.test").Select(r => r.At));
        Assert.Equal([web.Start, second], web.RequestsTo("b.test").Select(r => r.At));
    }

    /// <summary>Hands <paramref name="host"/>'s first answer back once <paramref name="ready"/> holds and the clock has stood still after it.</summary>
    private sealed class LateFirstAnswer(HttpMessageHandler inner, string host, SteppedClock clock, Func<bool> ready) : DelegatingHandler(inner)
    {
        private int _answers;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.RequestUri!.Host == host && Interlocked.Increment(ref _answers) == 1)
            {
                while (!ready()) await clock.StandStillAsync();
                await clock.StandStillAsync();
            }
            return response;
        }
    }
}
