namespace DltBot.FakeWeb;

/// <summary>How the fake web answers one route.</summary>
public abstract record FakeResponse
{
    private FakeResponse() { }

    /// <summary>A plain answer with this status (and a two-byte body to a GET).</summary>
    public sealed record Status(int Code, IReadOnlyDictionary<string, string>? Headers = null) : FakeResponse;

    /// <summary>A redirect with a Location header (absolute or relative).</summary>
    public sealed record Redirect(int Code, string Location) : FakeResponse;

    /// <summary>429 with <c>Retry-After: seconds</c> for the first <paramref name="Times"/> requests, then <paramref name="Then"/>.</summary>
    public sealed record RateLimited(int RetryAfterSeconds, int Times, FakeResponse Then) : FakeResponse;

    /// <summary>Answers HEAD with <paramref name="HeadCode"/> and GET with <paramref name="Then"/> (a server that mishandles HEAD).</summary>
    public sealed record HeadRefused(int HeadCode, FakeResponse Then) : FakeResponse;

    /// <summary>Reads the request and never answers (until the client hangs up).</summary>
    public sealed record NeverAnswer : FakeResponse;

    /// <summary>Sends the status line, then one header line every <paramref name="Interval"/> forever: never a whole answer.</summary>
    public sealed record Drip(TimeSpan Interval) : FakeResponse;

    public static FakeResponse Ok { get; } = new Status(200);
}

/// <summary>One request as the fake web saw it.</summary>
/// <param name="At">When it arrived, on the server's <see cref="TimeProvider"/>.</param>
public sealed record FakeWebRequest(string Host, string Method, string Path, string UserAgent, DateTimeOffset At);

/// <summary>What the fake web saw of one host, kept in constant memory however many requests come.</summary>
/// <param name="MinGap">
/// The shortest time between two requests' arrivals; null before the second. Arrivals, not answer-to-arrival: when the
/// server wrote an answer is not when the client had it, while a client that waits a second after each answer always
/// sends its next request at least a second after the previous one arrived.
/// </param>
/// <param name="MaxConcurrent">The most requests to this host in progress at once.</param>
public sealed record FakeHostStats(string Host, int Requests, TimeSpan? MinGap, int MaxConcurrent, DateTimeOffset First, DateTimeOffset Last);
