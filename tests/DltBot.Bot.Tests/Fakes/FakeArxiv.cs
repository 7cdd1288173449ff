using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DltBot.Bot.Tests.Fakes;

/// <summary>What the fake answers for one id.</summary>
public abstract record FakeArxivAnswer
{
    private FakeArxivAnswer() { }

    /// <summary>A normal Atom entry, as arXiv writes it (titles and abstracts wrapped over indented lines).</summary>
    public sealed record Paper(string Title, IReadOnlyList<string> Authors, string Published, string Summary, int Version = 1) : FakeArxivAnswer;

    /// <summary>A feed with no entry: what arXiv answers for a well-formed id it does not have.</summary>
    public sealed record Unknown : FakeArxivAnswer;

    /// <summary>arXiv's error entry (title "Error", id under /api/errors), as for a malformed id.</summary>
    public sealed record ErrorEntry : FakeArxivAnswer;

    /// <summary>A bare status code, with a Retry-After (in seconds) when given.</summary>
    public sealed record Status(int Code, int? RetryAfterSeconds = null) : FakeArxivAnswer;

    /// <summary>HTTP 200 with the plain-text body "Rate exceeded." — how arXiv usually says it.</summary>
    public sealed record RateExceeded : FakeArxivAnswer;

    /// <summary>Accepts the request and never answers (until the client gives up or the fake stops).</summary>
    public sealed record NoAnswer : FakeArxivAnswer;

    /// <summary>HTTP 200 with this body as Atom, for answers that are not what they should be.</summary>
    public sealed record Raw(string Body) : FakeArxivAnswer;
}

/// <summary>One request as the fake received it; <see cref="At"/> is read from the test's clock.</summary>
public sealed record FakeArxivRequest(string? IdList, DateTimeOffset At);

/// <summary>
/// A fake arXiv API on 127.0.0.1 (random port), scriptable per id; ids not scripted get the empty feed arXiv sends
/// for unknown ids. Records every request with the time on the given clock.
/// </summary>
public sealed class FakeArxiv : IAsyncDisposable
{
    public const string QueryPath = "/api/query";

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, FakeArxivAnswer> _answers = new(StringComparer.OrdinalIgnoreCase);
    private readonly RecordedRequests<FakeArxivRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();

    private FakeArxiv(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    /// <summary>e.g. <c>http://127.0.0.1:PORT/api/query</c>, for <c>Arxiv:ApiBaseUrl</c>.</summary>
    public string ApiUrl { get; private set; } = "";

    public IReadOnlyList<FakeArxivRequest> Requests => _requests.All;

    public static async Task<FakeArxiv> StartAsync(TimeProvider time, CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Build();
        var fake = new FakeArxiv(app, time);
        app.Run(fake.HandleAsync);
        fake.ApiUrl = await LoopbackApp.StartAsync(app, cancellationToken).ConfigureAwait(false) + QueryPath;
        return fake;
    }

    public FakeArxiv Serve(string id, FakeArxivAnswer answer)
    {
        lock (_lock) _answers[id] = answer;
        return this;
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived (no polling, no sleeps).</summary>
    public Task WaitForRequestsAsync(int count) => _requests.WaitForAsync(count);

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != QueryPath)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string? idList = context.Request.Query["id_list"];
        FakeArxivAnswer answer;
        lock (_lock)
            answer = idList is not null && _answers.TryGetValue(idList, out var scripted) ? scripted : new FakeArxivAnswer.Unknown();
        _requests.Add(new FakeArxivRequest(idList, _time.GetUtcNow()));

        switch (answer)
        {
            case FakeArxivAnswer.Paper paper:
                await WriteAtomAsync(context, Feed(idList!, EntryFor(idList!, paper)));
                break;
            case FakeArxivAnswer.Unknown:
                await WriteAtomAsync(context, Feed(idList ?? "", entry: null));
                break;
            case FakeArxivAnswer.ErrorEntry:
                await WriteAtomAsync(context, Feed(idList ?? "", ErrorEntryFor(idList ?? "")));
                break;
            case FakeArxivAnswer.Status status:
                context.Response.StatusCode = status.Code;
                if (status.RetryAfterSeconds is { } seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case FakeArxivAnswer.RateExceeded:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("Rate exceeded.");
                break;
            case FakeArxivAnswer.NoAnswer:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, linked.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // The client gave up or the fake is stopping; nothing to send.
                    }
                }
                break;
            case FakeArxivAnswer.Raw raw:
                await WriteAtomAsync(context, raw.Body);
                break;
        }
    }

    private static Task WriteAtomAsync(HttpContext context, string xml)
    {
        context.Response.ContentType = "application/atom+xml; charset=UTF-8";
        return context.Response.WriteAsync(xml);
    }

    private static string Feed(string idList, string? entry) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
          <id>https://arxiv.org/api/fake-{Escape(idList)}</id>
          <title>arXiv Query: search_query=&amp;id_list={Escape(idList)}&amp;start=0&amp;max_results=10</title>
          <updated>2024-05-01T00:00:00Z</updated>
          <link href="https://arxiv.org/api/query?search_query=&amp;id_list={Escape(idList)}&amp;start=0&amp;max_results=10" type="application/atom+xml"/>
          <opensearch:itemsPerPage>10</opensearch:itemsPerPage>
          <opensearch:totalResults>{(entry is null ? 0 : 1)}</opensearch:totalResults>
          <opensearch:startIndex>0</opensearch:startIndex>
        {entry}
        </feed>
        """;

    private static string EntryFor(string id, FakeArxivAnswer.Paper paper)
    {
        var authors = string.Concat(paper.Authors.Select(name => $"""
                <author>
                  <name>{Escape(name)}</name>
                </author>

            """));
        return $"""
              <entry>
                <id>http://arxiv.org/abs/{Escape(id)}v{paper.Version}</id>
                <title>{Escape(paper.Title)}</title>
                <updated>{Escape(paper.Published)}</updated>
                <link href="https://arxiv.org/abs/{Escape(id)}v{paper.Version}" rel="alternate" type="text/html"/>
                <link href="https://arxiv.org/pdf/{Escape(id)}v{paper.Version}" rel="related" type="application/pdf" title="pdf"/>
                <summary>{Escape(paper.Summary)}</summary>
                <category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
                <published>{Escape(paper.Published)}</published>
                <arxiv:comment>12 pages</arxiv:comment>
                <arxiv:primary_category term="cs.LG"/>
            {authors}  </entry>
            """;
    }

    private static string ErrorEntryFor(string idList) => $"""
          <entry>
            <id>http://arxiv.org/api/errors#incorrect_id_format_for_{Escape(idList)}</id>
            <title>Error</title>
            <summary>incorrect id format for {Escape(idList)}</summary>
            <updated>2024-05-01T00:00:00-04:00</updated>
            <link href="http://arxiv.org/api/errors#incorrect_id_format_for_{Escape(idList)}" rel="alternate" type="text/html"/>
            <author>
              <name>arXiv api core</name>
            </author>
          </entry>
        """;

    private static string Escape(string text) => SecurityElement.Escape(text);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }
}
