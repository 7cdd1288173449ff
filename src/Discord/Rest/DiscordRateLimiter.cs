using System.Globalization;
using System.Net;
using DltBot.Discord.Models;

namespace DltBot.Discord.Rest;

/// <summary>
/// Discord's rate limits in one small policy: per-route buckets (route template + major parameter, mapped to the
/// bucket hash once <c>X-RateLimit-Bucket</c> names it), the global limit, 429 scopes, Cloudflare bans and the
/// invalid-request budget. Requests in one route queue go one at a time, and none is sent into a bucket known to
/// be empty. Share one instance per bot token; all waiting goes through the <see cref="TimeProvider"/>.
/// </summary>
public sealed class DiscordRateLimiter
{
    private readonly object _gate = new();
    private readonly DiscordRestOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, string> _bucketHashByRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RouteQueue> _routeQueues = new(StringComparer.Ordinal);
    private readonly InvalidRequestBudget _invalidRequests;
    private DateTimeOffset _globalBlockedUntil = DateTimeOffset.MinValue;
    private string _globalBlockScope = "global";
    private readonly GlobalRequestWindow _globalWindow;

    // Every interaction token is its own major parameter, so without pruning the tables would grow for months.
    private const int PruneThreshold = 256;

    public DiscordRateLimiter(DiscordRestOptions options, TimeProvider? time = null)
    {
        _options = options;
        _time = time ?? TimeProvider.System;
        _invalidRequests = new InvalidRequestBudget(options.InvalidRequestLimit, options.InvalidRequestSafetyMargin, options.InvalidRequestWindow);
        _globalWindow = new GlobalRequestWindow(options.GlobalRequestsPerSecond);
    }

    /// <summary>Set after a 401 on a bot-authenticated route: a rejected token must not be used again.</summary>
    public bool TokenRejected { get; private set; }

    /// <summary>Invalid requests (401, 403, 429 except scope shared) in the current window.</summary>
    public int InvalidRequestCount
    {
        get
        {
            lock (_gate)
            {
                return _invalidRequests.Count(_time.GetUtcNow());
            }
        }
    }

    /// <summary>
    /// Waits until <paramref name="route"/> may send, then reserves one request. Dispose the lease after
    /// <see cref="RecordResponse"/>. Throws <see cref="DiscordRateLimitedException"/> rather than wait longer than
    /// <see cref="DiscordRestOptions.MaxRateLimitWait"/>.
    /// </summary>
    public async Task<IDisposable> AcquireAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        var queue = RentRouteQueue(route);
        try
        {
            await queue.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ReturnRouteQueue(queue);
            throw;
        }

        try
        {
            while (true)
            {
                var (wait, scope) = TryReserve(route);
                if (wait <= TimeSpan.Zero)
                {
                    return new Lease(this, queue, holdsGlobalSlot: !route.ExemptFromGlobalLimit);
                }

                if (wait > _options.MaxRateLimitWait)
                {
                    throw new DiscordRateLimitedException(route.RouteKey, wait, scope, "Waiting for the rate limit would take too long");
                }

                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            queue.Gate.Release();
            ReturnRouteQueue(queue);
            throw;
        }
    }

    /// <summary>Buckets currently remembered (for tests and diagnostics).</summary>
    internal int TrackedBucketCount
    {
        get
        {
            lock (_gate)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Route queues currently remembered (for tests and diagnostics).</summary>
    internal int TrackedRouteQueueCount
    {
        get
        {
            lock (_gate)
            {
                return _routeQueues.Count;
            }
        }
    }

    /// <summary>
    /// Learns from the response headers and, for a 429, blocks the bucket or everything.
    /// Returns the wait Discord asked for on a 429 (null otherwise).
    /// </summary>
    public RateLimitHit? RecordResponse(DiscordRoute route, HttpResponseMessage response, RateLimitBody? rateLimitBody)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var bucketHash = Header(response, "X-RateLimit-Bucket");
            if (bucketHash is not null)
            {
                _bucketHashByRoute[route.RouteKey] = bucketHash;
            }

            var bucket = GetBucket(route);
            if (ParseInt(Header(response, "X-RateLimit-Remaining")) is { } remaining
                && ParseSeconds(Header(response, "X-RateLimit-Reset-After")) is { } resetAfter)
            {
                bucket.Remaining = remaining;
                bucket.ResetAt = now + resetAfter;
                bucket.Limit = ParseInt(Header(response, "X-RateLimit-Limit")) ?? bucket.Limit;
            }

            var status = response.StatusCode;
            if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                _invalidRequests.Record(now);
                if (status == HttpStatusCode.Unauthorized && route.RequiresBotToken)
                {
                    TokenRejected = true;
                }
            }

            if (status != HttpStatusCode.TooManyRequests)
            {
                return null;
            }

            var scope = Header(response, "X-RateLimit-Scope")?.ToLowerInvariant();
            var headerRetry = ParseSeconds(Header(response, "Retry-After"));
            if (rateLimitBody is null)
            {
                // Cloudflare answers without JSON or bucket headers: the whole IP is blocked, so stop everything.
                var wait = headerRetry ?? TimeSpan.FromSeconds(5);
                _invalidRequests.Record(now);
                BlockGlobally(now + wait, "cloudflare");
                return new RateLimitHit(wait, "cloudflare");
            }

            var retryAfter = TimeSpan.FromSeconds(Math.Max(0, rateLimitBody.RetryAfter));
            var isGlobal = rateLimitBody.Global
                || string.Equals(Header(response, "X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase)
                || scope == "global";
            scope ??= isGlobal ? "global" : "user";
            if (scope != "shared")
            {
                _invalidRequests.Record(now);
            }

            if (isGlobal)
            {
                BlockGlobally(now + retryAfter, "global");
            }
            else
            {
                bucket.Remaining = 0;
                var until = now + retryAfter;
                bucket.ResetAt = bucket.ResetAt is { } reset && reset > until ? reset : until;
            }

            return new RateLimitHit(retryAfter, scope);
        }
    }

    private (TimeSpan Wait, string Scope) TryReserve(DiscordRoute route)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var budgetWait = _invalidRequests.TimeUntilAllowed(now);
            if (budgetWait > TimeSpan.Zero)
            {
                return (budgetWait, "invalid-request-budget");
            }

            if (!route.ExemptFromGlobalLimit || _globalBlockScope == "cloudflare")
            {
                if (_globalBlockedUntil > now)
                {
                    return (_globalBlockedUntil - now, _globalBlockScope);
                }
            }

            var bucket = GetBucket(route);
            if (bucket.ResetAt is { } resetAt)
            {
                if (resetAt <= now)
                {
                    bucket.Remaining = null;
                    bucket.ResetAt = null;
                }
                else if (bucket.Remaining <= 0)
                {
                    return (resetAt - now, "user");
                }
            }

            if (!route.ExemptFromGlobalLimit && _globalWindow.TryTake(now) is var globalWait && globalWait > TimeSpan.Zero)
            {
                return (globalWait, "global");
            }

            if (bucket.Remaining is { } left)
            {
                bucket.Remaining = left - 1;
            }

            return (TimeSpan.Zero, string.Empty);
        }
    }

    private void BlockGlobally(DateTimeOffset until, string scope)
    {
        if (until > _globalBlockedUntil)
        {
            _globalBlockedUntil = until;
            _globalBlockScope = scope;
        }
    }

    private BucketState GetBucket(DiscordRoute route)
    {
        var bucketId = _bucketHashByRoute.TryGetValue(route.RouteKey, out var hash) ? hash : route.RouteKey;
        var key = $"{bucketId}|{route.MajorParameter}";
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            if (_buckets.Count >= PruneThreshold)
            {
                PruneBuckets(_time.GetUtcNow());
            }

            bucket = new BucketState();
            _buckets[key] = bucket;
        }

        return bucket;
    }

    // A bucket whose window has passed holds no knowledge worth keeping: the next response re-learns it.
    private void PruneBuckets(DateTimeOffset now)
    {
        foreach (var (key, bucket) in _buckets.ToArray())
        {
            if (bucket.ResetAt is not { } reset || reset <= now)
            {
                _buckets.Remove(key);
            }
        }
    }

    private RouteQueue RentRouteQueue(DiscordRoute route)
    {
        lock (_gate)
        {
            var key = $"{route.RouteKey}|{route.MajorParameter}";
            if (!_routeQueues.TryGetValue(key, out var queue))
            {
                if (_routeQueues.Count >= PruneThreshold)
                {
                    foreach (var (idleKey, _) in _routeQueues.Where(q => q.Value.Users == 0).ToArray())
                    {
                        _routeQueues.Remove(idleKey);
                    }
                }

                queue = new RouteQueue();
                _routeQueues[key] = queue;
            }

            queue.Users++;
            return queue;
        }
    }

    private void ReleaseGlobalSlot()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _globalWindow.Release(now);
        }
    }

    private void ReturnRouteQueue(RouteQueue queue)
    {
        lock (_gate)
        {
            queue.Users--;
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;

    private static int? ParseInt(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static TimeSpan? ParseSeconds(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private sealed class BucketState
    {
        public int? Limit { get; set; }
        public int? Remaining { get; set; }
        public DateTimeOffset? ResetAt { get; set; }
    }

    /// <summary>Serializes requests of one route and major parameter; <see cref="Users"/> counts holders and waiters.</summary>
    private sealed class RouteQueue
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    /// <summary>Held from the send until the response is recorded; its end dates the request's global slot.</summary>
    private sealed class Lease(DiscordRateLimiter owner, RouteQueue queue, bool holdsGlobalSlot) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (holdsGlobalSlot)
                {
                    owner.ReleaseGlobalSlot();
                }

                queue.Gate.Release();
                owner.ReturnRouteQueue(queue);
            }
        }
    }
}

/// <summary>What a 429 asked for: how long to wait and its scope (user, global, shared, cloudflare).</summary>
public sealed record RateLimitHit(TimeSpan RetryAfter, string Scope);
