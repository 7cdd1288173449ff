using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DltBot.Catalog.LinkHealth;

namespace DltBot.Bot.LinkHealth;

/// <summary>
/// Checks links the way a polite robot does: HEAD first and GET when HEAD is refused, redirects followed by hand (so 301
/// and 308 are told from 302 and 307) up to <see cref="LinkCheckSettings.MaxRedirects"/>, each request within
/// <see cref="LinkCheckSettings.Timeout"/>, one request at a time per host with a pause between them, Retry-After
/// honoured. Many hosts are checked at once. Bodies are never read, so memory does not grow with what servers send.
/// All HTTP goes through the one <see cref="HttpMessageHandler"/> given (it must not follow redirects itself).
/// </summary>
public sealed class LinkChecker(HttpMessageHandler handler, LinkCheckSettings settings, TimeProvider time) : IDisposable
{
    private readonly HttpMessageInvoker _http = new(handler, disposeHandler: false);

    /// <summary>The workers that can go on without the clock moving; see <see cref="LinkCheckActivity"/>.</summary>
    internal LinkCheckActivity Activity { get; } = new();

    /// <summary>
    /// Checks every URL once, calling <paramref name="onProbe"/> as each finishes (from many threads at once). A host's
    /// URLs are checked in the order given; the hosts with the most URLs start first, since they set the run's length.
    /// </summary>
    public async Task CheckAsync(IEnumerable<string> urls, Func<LinkProbe, ValueTask> onProbe, CancellationToken ct)
    {
        var byHost = urls
            .GroupBy(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && IsHttp(uri) ? HostGates.KeyOf(uri) : "", StringComparer.Ordinal)
            .Select(g => g.ToList())
            .OrderByDescending(g => g.Count)
            .ToList();
        using var gates = new HostGates(settings, time, Activity);
        using var requests = new SemaphoreSlim(settings.MaxConcurrentRequests, settings.MaxConcurrentRequests);
        using var hosts = new SemaphoreSlim(settings.MaxActiveHosts, settings.MaxActiveHosts);
        var running = new List<Task>();
        // This caller counts until every host has its worker; after that it only waits for them.
        Activity.Started();
        try
        {
            foreach (var host in byHost)
            {
                await hosts.WaitAsync(ct).ConfigureAwait(false);
                running.RemoveAll(t => t.IsCompletedSuccessfully);
                // Counted here, before it is queued, so the count never dips while the worker waits for a thread; and
                // not given the token, since a worker that never starts would never give its count back.
                Activity.Started();
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        foreach (var url in host)
                            await onProbe(await ProbeAsync(url, gates, requests, ct).ConfigureAwait(false)).ConfigureAwait(false);
                    }
                    finally
                    {
                        hosts.Release();
                        Activity.Stopped();
                    }
                }, CancellationToken.None));
            }
        }
        finally
        {
            Activity.Stopped();
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    /// <summary>Checks one URL on its own (its own gates: no pacing with any other check).</summary>
    public async Task<LinkProbe> CheckOneAsync(string url, CancellationToken ct)
    {
        using var gates = new HostGates(settings, time, Activity);
        using var requests = new SemaphoreSlim(1, 1);
        Activity.Started();
        try
        {
            return await ProbeAsync(url, gates, requests, ct).ConfigureAwait(false);
        }
        finally
        {
            Activity.Stopped();
        }
    }

    private async Task<LinkProbe> ProbeAsync(string url, HostGates gates, SemaphoreSlim requests, CancellationToken ct)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var current) || !IsHttp(current))
            return Probe(url, ProbeOutcome.Failed, null, url, "not an http(s) link", []);

        var hops = new List<RedirectHop>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { current.AbsoluteUri };
        while (true)
        {
            var answer = await AskAsync(current, HttpMethod.Head, gates, requests, ct).ConfigureAwait(false);
            // Many servers refuse or mishandle HEAD (405, 403, 404, 500...): only a GET tells a visitor's experience.
            if (answer.Status is >= 400 and not 429 || answer is { Status: null, TimedOut: false })
                answer = await AskAsync(current, HttpMethod.Get, gates, requests, ct).ConfigureAwait(false);

            if (answer.Status is null)
                return Probe(url, ProbeOutcome.Failed, null, current.AbsoluteUri, answer.Problem, hops);
            var status = answer.Status.Value;
            if (status is >= 300 and < 400 && answer.Location is { } location)
            {
                if (!Uri.TryCreate(current, location, out var next) || !IsHttp(next))
                    return Probe(url, ProbeOutcome.Failed, status, current.AbsoluteUri, $"{status} to a link that is not http(s): {location}", hops);
                hops.Add(new RedirectHop(status, current.AbsoluteUri, next.AbsoluteUri));
                if (!seen.Add(next.AbsoluteUri))
                    return Probe(url, ProbeOutcome.Failed, status, next.AbsoluteUri, $"redirect loop back to {next.AbsoluteUri}", hops);
                if (hops.Count > settings.MaxRedirects)
                    return Probe(url, ProbeOutcome.Failed, status, next.AbsoluteUri, $"more than {settings.MaxRedirects} redirects", hops);
                current = next;
                continue;
            }
            return status switch
            {
                >= 200 and < 300 => Probe(url, ProbeOutcome.Reachable, status, current.AbsoluteUri, null, hops),
                // The server is there and answers; it just will not serve a robot. That says nothing about the link.
                401 or 403 => Probe(url, ProbeOutcome.Inconclusive, status, current.AbsoluteUri, $"{status}: the server refuses robots", hops),
                429 => Probe(url, ProbeOutcome.Inconclusive, status, current.AbsoluteUri, answer.Problem ?? "429: still rate limited", hops),
                >= 300 and < 400 => Probe(url, ProbeOutcome.Failed, status, current.AbsoluteUri, $"{status} without a Location", hops),
                _ => Probe(url, ProbeOutcome.Failed, status, current.AbsoluteUri, StatusText(status), hops),
            };
        }
    }

    /// <summary>One request in the host's turn; a 429 is waited out (Retry-After, capped) and asked again.</summary>
    private async Task<Answer> AskAsync(Uri uri, HttpMethod method, HostGates gates, SemaphoreSlim requests, CancellationToken ct)
    {
        var gate = gates.For(uri);
        for (var attempt = 0; ; attempt++)
        {
            var answer = await gate.RunAsync(async (turn, token) =>
            {
                await requests.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    return await SendAsync(uri, method, token).ConfigureAwait(false);
                }
                finally
                {
                    requests.Release();
                }
            }, ct).ConfigureAwait(false);
            if (answer.Status != 429) return answer;
            var wait = answer.RetryAfter ?? settings.DefaultRetryAfter;
            if (attempt >= settings.RateLimitRetries || wait > settings.MaxRetryAfter)
                return answer with { Problem = $"429: still rate limited (Retry-After {Seconds(wait)} s)" };
            gate.Defer(wait);
        }
    }

    private async Task<Answer> SendAsync(Uri uri, HttpMethod method, CancellationToken ct)
    {
        // On the TimeProvider, and over the whole exchange up to the end of the headers: a server that sends a byte now
        // and then never trips a per-read timeout, but it does trip this one.
        using var deadline = new CancellationTokenSource(settings.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, ct);
        using var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", settings.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*"));
        try
        {
            using var response = await _http.SendAsync(request, linked.Token).ConfigureAwait(false);
            return new Answer((int)response.StatusCode, response.Headers.Location?.OriginalString, RetryAfter(response.Headers.RetryAfter), null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            return new Answer(null, null, null, $"no answer within {Seconds(settings.Timeout)} s", TimedOut: true);
        }
        catch (HttpRequestException e)
        {
            return new Answer(null, null, null, e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "no such host",
                HttpRequestError.ConnectionError => "the server could not be reached",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => "the server's answer was not HTTP",
                _ => e.Message,
            });
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    private LinkProbe Probe(string url, ProbeOutcome outcome, int? status, string finalUrl, string? detail, IReadOnlyList<RedirectHop> hops) =>
        new(url, outcome, status, finalUrl, detail, hops, time.GetUtcNow());

    public void Dispose() => _http.Dispose();

    private static bool IsHttp(Uri uri) => uri.Scheme is "http" or "https";

    private static string StatusText(int status) =>
        Enum.IsDefined((HttpStatusCode)status) ? $"{status} {(HttpStatusCode)status}" : status.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    /// <param name="Status">Null when no answer came; <see cref="Problem"/> says why.</param>
    private sealed record Answer(int? Status, string? Location, TimeSpan? RetryAfter, string? Problem, bool TimedOut = false);
}
