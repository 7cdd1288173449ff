using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DltBot.Bot.Tests.Fakes;

/// <summary>One request as the fake origin saw it, with the conditional headers it carried and what it answered.</summary>
public sealed record OriginRequest(string? IfNoneMatch, string? IfModifiedSince, int Status);

/// <summary>
/// A web server on 127.0.0.1 (random port) serving one list at <see cref="Url"/> the way a static host does: an
/// <c>ETag</c> and a <c>Last-Modified</c> per version, and 304 when the request's <c>If-None-Match</c> names the current
/// version (or, without one, its <c>If-Modified-Since</c> is not older). Scriptable: a new version, an error status, raw
/// bytes. Records every request.
/// </summary>
public sealed class FakeOrigin : IAsyncDisposable
{
    private const string Path = "/lists/dlt.md";

    private readonly WebApplication _app;
    private readonly RecordedRequests<OriginRequest> _requests = new();
    private readonly Lock _lock = new();
    private byte[] _body = [];
    private string? _etag;
    private DateTimeOffset? _modified;
    private int? _failWith;
    private int _version;

    private FakeOrigin(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    public IReadOnlyList<OriginRequest> Requests => _requests.All;

    public static async Task<FakeOrigin> StartAsync(CancellationToken cancellationToken = default)
    {
        var app = LoopbackApp.Build();
        var origin = new FakeOrigin(app);
        app.Run(origin.HandleAsync);
        origin.Url = await LoopbackApp.StartAsync(app, cancellationToken).ConfigureAwait(false) + Path;
        return origin;
    }

    /// <summary>A new version of the list, with a new ETag and Last-Modified (either can be left out).</summary>
    public FakeOrigin Serve(string markdown, DateTimeOffset modified, bool withETag = true, bool withLastModified = true) =>
        ServeBytes(System.Text.Encoding.UTF8.GetBytes(markdown), modified, withETag, withLastModified);

    public FakeOrigin ServeBytes(byte[] body, DateTimeOffset modified, bool withETag = true, bool withLastModified = true)
    {
        lock (_lock)
        {
            _version++;
            _body = body;
            _etag = withETag ? $"\"v{_version}\"" : null;
            _modified = withLastModified ? modified : null;
            _failWith = null;
        }
        return this;
    }

    /// <summary>Every request from now on gets this status and no body, until the next <see cref="Serve"/>.</summary>
    public FakeOrigin Fail(int status)
    {
        lock (_lock) _failWith = status;
        return this;
    }

    /// <summary>Completes once <paramref name="count"/> requests have been answered (no polling, no sleeps).</summary>
    public Task WaitForRequestsAsync(int count) => _requests.WaitForAsync(count);

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path != Path)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        string? ifNoneMatch = context.Request.Headers.IfNoneMatch;
        string? ifModifiedSince = context.Request.Headers.IfModifiedSince;
        byte[] body;
        int status;
        string? etag;
        DateTimeOffset? modified;
        lock (_lock)
        {
            (body, etag, modified) = (_body, _etag, _modified);
            status = _failWith ?? (NotModified(ifNoneMatch, ifModifiedSince, etag, modified) ? StatusCodes.Status304NotModified : StatusCodes.Status200OK);
        }

        context.Response.StatusCode = status;
        if (status is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
        {
            if (etag is not null) context.Response.Headers.ETag = etag;
            if (modified is { } at) context.Response.Headers.LastModified = at.ToString("R");
        }
        if (status == StatusCodes.Status200OK)
        {
            context.Response.ContentType = "text/markdown; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        }

        _requests.Add(new OriginRequest(ifNoneMatch, ifModifiedSince, status));
    }

    /// <summary>RFC 9110: If-None-Match decides when present; If-Modified-Since only without it.</summary>
    private static bool NotModified(string? ifNoneMatch, string? ifModifiedSince, string? etag, DateTimeOffset? modified)
    {
        if (ifNoneMatch is not null) return etag is not null && ifNoneMatch.Split(',').Any(t => t.Trim() == etag);
        return ifModifiedSince is not null && modified is { } at
            && DateTimeOffset.TryParse(ifModifiedSince, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since)
            && at <= since.AddSeconds(1);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
