using System.Net;
using System.Text;

namespace DltBot.Discord.Tests.Rest;

/// <summary>An HttpMessageHandler that answers from a script and records every request it receives.</summary>
internal sealed class ScriptedHttpHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly object _gate = new();

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public ScriptedHttpHandler Respond(HttpStatusCode status, string? json = null, params (string Name, string Value)[] headers)
    {
        _script.Enqueue((_, _) => Task.FromResult(Response(status, json, "application/json", headers)));
        return this;
    }

    public ScriptedHttpHandler RespondRaw(HttpStatusCode status, string? body, string contentType, params (string Name, string Value)[] headers)
    {
        _script.Enqueue((_, _) => Task.FromResult(Response(status, body, contentType, headers)));
        return this;
    }

    /// <summary>Answers after <paramref name="latency"/> on <paramref name="time"/>: a request Discord takes a while to answer.</summary>
    public ScriptedHttpHandler RespondAfter(TimeSpan latency, TimeProvider time, HttpStatusCode status, string? json = null)
    {
        _script.Enqueue(async (_, ct) =>
        {
            await Task.Delay(latency, time, ct);
            return Response(status, json, "application/json", []);
        });
        return this;
    }

    /// <summary>Never answers; the request ends only when its token is cancelled (a timeout).</summary>
    public ScriptedHttpHandler Hang()
    {
        _script.Enqueue(async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            throw new InvalidOperationException("unreachable");
        });
        return this;
    }

    public ScriptedHttpHandler Fail(Exception exception)
    {
        _script.Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var raw = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var body = raw is null ? null : Encoding.UTF8.GetString(raw);
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> next;
        lock (_gate)
        {
            _requests.Add(new RecordedRequest(
                request.Method,
                request.RequestUri!,
                request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("User-Agent", out var agents) ? string.Join(" ", agents) : null,
                request.Content?.Headers.ContentType?.MediaType,
                body)
            {
                RawBody = raw,
                ContentTypeHeader = request.Content?.Headers.ContentType?.ToString(),
            });
            next = _script.Count > 0
                ? _script.Dequeue()
                : throw new InvalidOperationException($"No scripted response left for {request.Method} {request.RequestUri}.");
        }

        return await next(request, cancellationToken);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, string? body, string contentType, (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status)
        {
            Content = body is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, contentType),
        };
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}

internal sealed record RecordedRequest(
    HttpMethod Method, Uri Uri, string? Authorization, string? UserAgent, string? ContentType, string? Body)
{
    /// <summary>The body's exact bytes (multipart bodies carry binary files).</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>The full Content-Type header, including a multipart boundary.</summary>
    public string? ContentTypeHeader { get; init; }
}
