using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DltBot.FakeWeb;

/// <summary>
/// Many web hosts on one 127.0.0.1 port, told apart by the Host header; a raw HTTP/1.1 server so it can misbehave the
/// way real ones do (drip bytes, never answer). <see cref="CreateHandler"/> gives a client handler whose every
/// connection, whatever the host name, comes here: nothing reaches the network. Every request is timed on the given
/// <see cref="TimeProvider"/>, and <see cref="IsHolding"/> tells whether it is holding on purpose a request the client
/// named.
/// </summary>
public sealed class FakeWebServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<(string Host, string Path), RouteState> _routes = new();
    private readonly ConcurrentDictionary<string, HostState> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<FakeWebRequest> _requests = new();
    private readonly ConcurrentDictionary<string, byte> _holding = new(StringComparer.Ordinal);
    private readonly Task _accepting;
    private long _received;

    public FakeWebServer(TimeProvider? time = null, bool recordRequests = true)
    {
        _time = time ?? TimeProvider.System;
        RecordRequests = recordRequests;
        _listener.Start(1024);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Keep every request for <see cref="Requests"/>; off, only the per-host statistics are kept (benchmarks).</summary>
    public bool RecordRequests { get; }

    /// <summary>What a route not set with <see cref="Route"/> answers.</summary>
    public FakeResponse Fallback { get; set; } = new FakeResponse.Status(404);

    public long Received => Interlocked.Read(ref _received);

    /// <summary>A request header by which a client names its exchange, to ask <see cref="IsHolding"/> about it.</summary>
    public const string ExchangeHeader = "X-Fake-Exchange";

    /// <summary>
    /// Whether the request sent with <see cref="ExchangeHeader"/> <paramref name="exchange"/> is being held on purpose.
    /// Per exchange, since a hold ends a moment after its client gave up: counting holds cannot tell a new request that
    /// is still on its way from one held.
    /// </summary>
    public bool IsHolding(string exchange) => _holding.ContainsKey(exchange);

    /// <summary>Raised when a request arrives or is answered and when a hold starts or ends.</summary>
    public event Action? Changed;

    public IReadOnlyList<FakeWebRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeHostStats> Hosts => [.. _hosts.Values.Select(h => h.Stats())];

    public FakeWebServer Route(string host, string path, FakeResponse response)
    {
        _routes[(host.ToLowerInvariant(), path)] = new RouteState(response);
        return this;
    }

    /// <summary>
    /// A client handler that connects every host name to this server and follows no redirects. https links are sent as
    /// plain http (this server speaks no TLS); the client still sees its own https URL in every answer.
    /// </summary>
    public HttpMessageHandler CreateHandler() => new PlainHttp(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = async (_, ct) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });

    private sealed class PlainHttp(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            if (original.Scheme == Uri.UriSchemeHttps)
                request.RequestUri = new UriBuilder(original) { Scheme = Uri.UriSchemeHttp, Port = original.IsDefaultPort ? 80 : original.Port }.Uri;
            var response = await base.SendAsync(request, cancellationToken);
            request.RequestUri = original;
            return response;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 4096, leaveOpen: true);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var requestLine = await reader.ReadLineAsync(_stop.Token);
                if (requestLine is null) return;
                if (requestLine.Length == 0) continue;
                var parts = requestLine.Split(' ');
                var (method, target) = (parts[0], parts.Length > 1 ? parts[1] : "/");
                string host = "", userAgent = "";
                string? exchange = null;
                while (await reader.ReadLineAsync(_stop.Token) is { Length: > 0 } header)
                {
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    if (colon < 0) continue;
                    var (name, value) = (header[..colon].Trim(), header[(colon + 1)..].Trim());
                    if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) host = value.Split(':')[0].ToLowerInvariant();
                    else if (name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase)) userAgent = value;
                    else if (name.Equals(ExchangeHeader, StringComparison.OrdinalIgnoreCase)) exchange = value;
                }
                var path = target.Split('?')[0];
                var state = _hosts.GetOrAdd(host, h => new HostState(h));
                var at = _time.GetUtcNow();
                state.Arrived(at);
                Interlocked.Increment(ref _received);
                if (RecordRequests) _requests.Enqueue(new FakeWebRequest(host, method, target, userAgent, at));
                Changed?.Invoke();
                bool keepOpen;
                try
                {
                    var response = _routes.TryGetValue((host, path), out var route) ? route.Next() : Fallback;
                    keepOpen = await AnswerAsync(stream, method, response, exchange);
                }
                finally
                {
                    state.Answered();
                    Changed?.Invoke();
                }
                if (!keepOpen) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up (a timeout on its side) or the server is stopping.
        }
    }

    /// <returns>Whether the connection can take another request.</returns>
    private async Task<bool> AnswerAsync(NetworkStream stream, string method, FakeResponse response, string? exchange)
    {
        switch (response)
        {
            case FakeResponse.HeadRefused refused:
                return await AnswerAsync(stream, method, method == "HEAD" ? new FakeResponse.Status(refused.HeadCode) : refused.Then, exchange);
            case FakeResponse.Status status:
                await WriteAsync(stream, method, status.Code, status.Headers ?? new Dictionary<string, string>());
                return true;
            case FakeResponse.Redirect redirect:
                await WriteAsync(stream, method, redirect.Code, new Dictionary<string, string> { ["Location"] = redirect.Location });
                return true;
            case FakeResponse.NeverAnswer:
                await ParkAsync(stream, exchange, _ => Task.Delay(Timeout.Infinite, _));
                return false;
            case FakeResponse.Drip drip:
                await ParkAsync(stream, exchange, async ct =>
                {
                    await stream.WriteAsync("HTTP/1.1 200 OK\r\n"u8.ToArray(), ct);
                    for (var i = 0; ; i++)
                    {
                        await Task.Delay(drip.Interval, _time, ct);
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"X-Drip-{i}: .\r\n"), ct);
                    }
                });
                return false;
            default:
                throw new InvalidOperationException($"The fake web cannot answer {response}.");
        }
    }

    /// <summary>Holds the request with <paramref name="hold"/> until the client hangs up (a read returns nothing) or the server stops.</summary>
    private async Task ParkAsync(NetworkStream stream, string? exchange, Func<CancellationToken, Task> hold)
    {
        using var gone = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        if (exchange is not null) _holding[exchange] = 0;
        Changed?.Invoke();
        try
        {
            var hangUp = WaitForHangUpAsync(stream, gone.Token);
            var holding = hold(gone.Token);
            await Task.WhenAny(hangUp, holding);
            await gone.CancelAsync();
            try { await holding; } catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException) { }
        }
        finally
        {
            if (exchange is not null) _holding.TryRemove(exchange, out _);
            Changed?.Invoke();
        }
    }

    private static async Task WaitForHangUpAsync(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, ct) > 0) { }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    private static async Task WriteAsync(NetworkStream stream, string method, int code, IReadOnlyDictionary<string, string> headers)
    {
        var text = new StringBuilder($"HTTP/1.1 {code} {Reason(code)}\r\n");
        foreach (var (name, value) in headers) text.Append(name).Append(": ").Append(value).Append("\r\n");
        text.Append("Content-Length: 2\r\n\r\n");
        if (method != "HEAD") text.Append("ok");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private static string Reason(int code) => code switch
    {
        200 => "OK", 301 => "Moved Permanently", 302 => "Found", 307 => "Temporary Redirect", 308 => "Permanent Redirect",
        403 => "Forbidden", 404 => "Not Found", 405 => "Method Not Allowed", 410 => "Gone", 429 => "Too Many Requests",
        _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private sealed class RouteState(FakeResponse response)
    {
        private int _served;

        public FakeResponse Next()
        {
            var n = Interlocked.Increment(ref _served);
            return response is FakeResponse.RateLimited limited
                ? n <= limited.Times
                    ? new FakeResponse.Status(429, new Dictionary<string, string> { ["Retry-After"] = limited.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                    : limited.Then
                : response;
        }
    }

    private sealed class HostState(string host)
    {
        private readonly Lock _lock = new();
        private int _requests, _active, _maxActive;
        private TimeSpan? _minGap;
        private DateTimeOffset _first, _last;

        public void Arrived(DateTimeOffset at)
        {
            lock (_lock)
            {
                if (_requests++ == 0) _first = at;
                else if (_minGap is null || at - _last < _minGap) _minGap = at - _last;
                _last = at;
                _maxActive = Math.Max(_maxActive, ++_active);
            }
        }

        public void Answered()
        {

            lock (_lock) _active--;
        }

        public FakeHostStats Stats()
        {
            lock (_lock) return new FakeHostStats(host, _requests, _minGap, _maxActive, _first, _last);
        }
    }
}
