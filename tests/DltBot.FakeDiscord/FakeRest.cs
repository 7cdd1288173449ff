using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace DltBot.FakeDiscord;

/// <summary>
/// The REST half of the fake: the routes DltBot uses, answered from in-memory state, every request recorded,
/// faults scriptable per route.
/// </summary>
public sealed class FakeRest
{
    internal const string ApiPrefix = "/api/v10";
    private const string PayloadJsonPart = "payload_json";

    private static readonly string[] LocalizationKeys = ["name_localizations", "description_localizations"];

    private readonly FakeDiscordServer _server;
    private readonly FakeDiscordOptions _options;
    private readonly SnowflakeGenerator _ids;
    private readonly AwaitableLog<RecordedRequest> _log = new();
    private readonly Lock _gate = new();
    private readonly List<RestRoute> _routes;
    private readonly List<ScriptedFault> _faults = [];
    private readonly List<ScriptedHold> _holds = [];
    private readonly List<TaskCompletionSource> _held = [];
    private readonly Dictionary<string, CallbackRejection> _callbackRejections = [];
    private readonly HashSet<string> _acknowledged = [];
    private readonly Dictionary<string, JsonArray> _commands = [];
    private readonly Dictionary<string, JsonObject> _messages = [];
    private readonly Dictionary<string, JsonObject> _channels = [];
    private readonly Dictionary<string, string> _originalByToken = [];
    private readonly Dictionary<string, (int Used, DateTimeOffset ResetAt)> _windows = [];
    private readonly Queue<DateTimeOffset> _globalAccepted = new();
    private readonly Dictionary<string, FakeGuild> _guilds = [];
    private readonly Dictionary<(string Guild, string User), IReadOnlyList<string>> _members = [];
    private readonly Dictionary<string, (ChannelFault Fault, ChannelFaultScope Scope)> _channelFaults = [];
    private readonly Dictionary<(string Channel, string Nonce), (string MessageId, DateTimeOffset At)> _nonces = [];
    private readonly List<FakeChannelPost> _posts = [];
    private long _sequence;

    internal FakeRest(FakeDiscordServer server, FakeDiscordOptions options, SnowflakeGenerator ids)
    {
        _server = server;
        _options = options;
        _ids = ids;
        SessionStartLimit = options.SessionStartLimit;
        RecommendedShards = options.RecommendedShards;
        _routes =
        [
            new("GET", "/gateway", GetGateway, RequiresBotAuth: false),
            new("GET", "/gateway/bot", GetGatewayBot),
            new("GET", "/applications/{app}/commands", GetCommands),
            new("PUT", "/applications/{app}/commands", PutCommands),
            new("GET", "/applications/{app}/guilds/{guild}/commands", GetCommands),
            new("PUT", "/applications/{app}/guilds/{guild}/commands", PutCommands),
            new("POST", "/interactions/{interaction}/{token}/callback", PostCallback, RequiresBotAuth: false),
            new("GET", "/webhooks/{app}/{token}/messages/@original", GetOriginal, RequiresBotAuth: false),
            new("PATCH", "/webhooks/{app}/{token}/messages/@original", PatchOriginal, RequiresBotAuth: false),
            new("DELETE", "/webhooks/{app}/{token}/messages/@original", DeleteOriginal, RequiresBotAuth: false),
            new("POST", "/webhooks/{app}/{token}", PostFollowup, RequiresBotAuth: false),
            new("GET", "/webhooks/{app}/{token}/messages/{message}", GetFollowup, RequiresBotAuth: false),
            new("PATCH", "/webhooks/{app}/{token}/messages/{message}", PatchFollowup, RequiresBotAuth: false),
            new("DELETE", "/webhooks/{app}/{token}/messages/{message}", DeleteFollowup, RequiresBotAuth: false),
            new("POST", "/channels/{channel}/messages", PostChannelMessage),
            new("POST", "/channels/{channel}/messages/{message}/threads", PostThread),
            new("GET", "/channels/{channel}", GetChannel),
            new("GET", "/channels/{channel}/messages", GetChannelMessages),
            new("GET", "/channels/{channel}/messages/{message}", GetChannelMessage),
            new("GET", "/guilds/{guild}", GetGuild),
            new("GET", "/guilds/{guild}/members/{user}", GetGuildMember),
            new("GET", "/users/@me", GetCurrentUser),
        ];
    }

    /// <summary>GET /gateway/bot's <c>shards</c>, Discord's recommended shard count (from the options, 1 by default).</summary>
    public int RecommendedShards { get; set; }

    /// <summary>Returned by GET /gateway/bot; <c>Remaining</c> drops by one per IDENTIFY the gateway accepts.</summary>
    public FakeSessionStartLimit SessionStartLimit { get; set; }

    public FakeRateLimitPolicy RateLimits { get; set; } = new();

    /// <summary>
    /// Discord's global limit: at most this many bot-authenticated requests in any one second of the fake's clock
    /// (interaction callbacks and webhooks are exempt, as on Discord); the extra one gets a global 429 until the oldest
    /// request of that second is a second old. Null (default) leaves it off. The second rolls: it is as strict as a
    /// limiter can be, so a client that passes here passes a fixed-window limiter whatever its phase.
    /// </summary>
    public int? GlobalRequestsPerSecond { get; set; }

    /// <summary>How many requests the global limit has refused so far.</summary>
    public int GlobalRateLimitHits { get; private set; }

    /// <summary>
    /// How long a nonce sent with <c>enforce_nonce: true</c> dedupes: a repeat within it returns the earlier message.
    /// Discord documents "the past few minutes"; measured on the fake's clock.
    /// </summary>
    public TimeSpan NonceWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Serves GET /guilds/{id}; replaces an earlier guild with the same id.</summary>
    public void AddGuild(FakeGuild guild)
    {
        ArgumentNullException.ThrowIfNull(guild);
        lock (_gate)
        {
            _guilds[guild.Id] = guild;
        }
    }

    /// <summary>Serves GET /guilds/{guild}/members/{user} with these role ids (without @everyone).</summary>
    public void AddMember(string guildId, string userId, params IReadOnlyList<string> roleIds)
    {
        lock (_gate)
        {
            _members[(guildId, userId)] = [.. roleIds];
        }
    }

    /// <summary>A guild channel with its overwrites; GET /channels/{id} returns it and threads started in it inherit its guild.</summary>
    public void AddChannel(FakeChannel channel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var overwrites = new JsonArray();
        foreach (var o in channel.Overwrites)
        {
            overwrites.Add(new JsonObject
            {
                ["id"] = o.Id,
                ["type"] = o.Type,
                ["allow"] = o.Allow.ToString(CultureInfo.InvariantCulture),
                ["deny"] = o.Deny.ToString(CultureInfo.InvariantCulture),
            });
        }

        lock (_gate)
        {
            _channels[channel.Id] = new JsonObject
            {
                ["id"] = channel.Id,
                ["type"] = channel.Type,
                ["guild_id"] = channel.GuildId,
                ["name"] = channel.Name,
                ["position"] = 0,
                ["parent_id"] = channel.ParentId,
                ["nsfw"] = false,
                ["rate_limit_per_user"] = 0,
                ["flags"] = 0,
                ["last_message_id"] = null,
                ["permission_overwrites"] = overwrites,
            };
        }
    }

    /// <summary>From now on requests on <paramref name="channelId"/> within <paramref name="scope"/> answer <paramref name="fault"/>.</summary>
    public void SetChannelFault(string channelId, ChannelFault fault, ChannelFaultScope scope = ChannelFaultScope.AllRoutes)
    {
        lock (_gate)
        {
            _channelFaults[channelId] = (fault, scope);
        }
    }

    public void ClearChannelFault(string channelId)
    {
        lock (_gate)
        {
            _channelFaults.Remove(channelId);
        }
    }

    /// <summary>
    /// Sets the poll results GET returns for a message with a poll: <paramref name="counts"/> maps answer id (1-based,
    /// in the order the answers were sent) to votes; answers left out have no votes.
    /// </summary>
    /// <exception cref="ArgumentException">No such message in that channel, it has no poll, or an answer id it does not have.</exception>
    public void SetPollResults(string channelId, string messageId, IReadOnlyDictionary<int, int> counts, bool finalized)
    {
        ArgumentNullException.ThrowIfNull(counts);
        lock (_gate)
        {
            if (!_messages.TryGetValue(messageId, out var message) || message["channel_id"]?.GetValue<string>() != channelId)
            {
                throw new ArgumentException($"No message {messageId} in channel {channelId}.", nameof(messageId));
            }

            if (message["poll"] is not JsonObject poll)
            {
                throw new ArgumentException($"Message {messageId} has no poll.", nameof(messageId));
            }

            var known = poll["answers"]!.AsArray().Select(a => a!["answer_id"]!.GetValue<int>()).ToHashSet();
            var answerCounts = new JsonArray();
            foreach (var (answerId, count) in counts.OrderBy(c => c.Key))
            {
                if (!known.Contains(answerId))
                {
                    throw new ArgumentException($"The poll of message {messageId} has no answer {answerId} (it has {string.Join(", ", known)}).", nameof(counts));
                }

                answerCounts.Add(new JsonObject { ["id"] = answerId, ["count"] = count, ["me_voted"] = false });
            }

            poll["results"] = new JsonObject { ["is_finalized"] = finalized, ["answer_counts"] = answerCounts };
        }
    }

    /// <summary>Messages accepted on POST /channels/{id}/messages (nonce replays create none), oldest first.</summary>
    public IReadOnlyList<FakeChannelPost> PostsIn(string channelId)
    {
        lock (_gate)
        {
            return [.. _posts.Where(p => p.ChannelId == channelId)];
        }
    }

    /// <summary>The stored channel or thread as JSON; null when the fake has none by that id.</summary>
    public string? GetChannelJson(string channelId)
    {
        lock (_gate)
        {
            return _channels.TryGetValue(channelId, out var channel) ? channel.ToJsonString(FakeJson.Options) : null;
        }
    }

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>Completes with the first request (past or future) that matches; recorded before its reply is sent.</summary>
    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, CancellationToken cancellationToken = default) =>
        _log.WaitAsync(match, 1, cancellationToken);

    /// <summary>Completes with the <paramref name="occurrence"/>-th matching request (1-based, past ones count).</summary>
    public Task<RecordedRequest> WaitForRequestAsync(Func<RecordedRequest, bool> match, int occurrence, CancellationToken cancellationToken = default) =>
        _log.WaitAsync(match, occurrence, cancellationToken);

    /// <summary>
    /// The next <paramref name="count"/> requests matching <paramref name="route"/> get <paramref name="kind"/> instead of
    /// their normal reply. <paramref name="route"/> is a template as in <see cref="RecordedRequest.Route"/>
    /// (<c>"POST /channels/{channel}/messages"</c>) or a concrete method and API path (<c>"POST /channels/42/messages"</c>).
    /// </summary>
    public void FailNext(string route, int count, RestFaultKind kind, double retryAfterSeconds = 1.5)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        FailNext(r => r.Route == route || $"{r.Method} {r.ApiPath}" == route, count, kind, retryAfterSeconds);
    }

    public void FailNext(Func<RecordedRequest, bool> match, int count, RestFaultKind kind, double retryAfterSeconds = 1.5)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _faults.Add(new ScriptedFault(match, kind, retryAfterSeconds) { Remaining = count });
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests get <paramref name="status"/> with <paramref name="jsonBody"/>
    /// (e.g. a 50035 body with field errors, 403 50013, 404 10003) and the usual rate-limit headers.
    /// </summary>
    public void FailNext(string route, int count, int status, string jsonBody)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        FailNext(r => r.Route == route || $"{r.Method} {r.ApiPath}" == route, count, status, jsonBody);
    }

    public void FailNext(Func<RecordedRequest, bool> match, int count, int status, string jsonBody)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 100);
        using (JsonDocument.Parse(jsonBody))
        {
            // Fails here, in the test that scripted it, rather than later inside a request.
        }

        lock (_gate)
        {
            _faults.Add(new ScriptedFault(match, default, 0) { Remaining = count, Custom = new RestReply(status, jsonBody) });
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests get no reply until <see cref="ReleaseHeld"/> (then they are
    /// answered normally) or until the client gives up, which is how a client's timeout and retry are tested. They are
    /// recorded on arrival with ResponseStatus 0.
    /// </summary>
    public void HoldNext(string route, int count)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(route);
        HoldNext(r => r.Route == route || $"{r.Method} {r.ApiPath}" == route, count);
    }

    public void HoldNext(Func<RecordedRequest, bool> match, int count)
    {
        ArgumentNullException.ThrowIfNull(match);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _holds.Add(new ScriptedHold(match) { Remaining = count });
        }
    }

    /// <summary>Number of requests currently held without a reply.</summary>
    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                return _held.Count(h => !h.Task.IsCompleted);
            }
        }
    }

    /// <summary>Lets every held request continue to its normal reply.</summary>
    public void ReleaseHeld()
    {
        List<TaskCompletionSource> held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        held.ForEach(h => h.TrySetResult());
    }

    internal void AbortHeld()
    {
        List<TaskCompletionSource> held;
        lock (_gate)
        {
            held = [.. _held];
            _held.Clear();
        }

        held.ForEach(h => h.TrySetCanceled());
    }

    /// <summary>The next callback for this interaction id answers with the given Discord error instead of 204.</summary>
    public void RejectCallback(string interactionId, CallbackRejection rejection)
    {
        lock (_gate)
        {
            _callbackRejections[interactionId] = rejection;
        }
    }

    /// <summary>Every callback request posted for the interaction (accepted or not; see ResponseStatus).</summary>
    public IReadOnlyList<RecordedRequest> GetCallbacks(string interactionId) =>
        [.. Requests.Where(r => IsCallbackFor(r, interactionId))];

    public Task<RecordedRequest> WaitForCallbackAsync(string interactionId, CancellationToken cancellationToken = default) =>
        WaitForRequestAsync(r => IsCallbackFor(r, interactionId), cancellationToken);

    /// <summary>The command list stored for the scope (null guild = global), as Discord would return it with localizations.</summary>
    public string GetCommandsJson(string? guildId = null)
    {
        lock (_gate)
        {
            return _commands.TryGetValue(ScopeKey(guildId), out var list) ? list.ToJsonString(FakeJson.Options) : "[]";
        }
    }

    /// <summary>Seeds what Discord "already has" for a scope; ids are added where missing.</summary>
    public void SetCommandsJson(string? guildId, string jsonArray)
    {
        var parsed = JsonNode.Parse(jsonArray) as JsonArray
            ?? throw new ArgumentException("Expected a JSON array of commands.", nameof(jsonArray));
        lock (_gate)
        {
            _commands[ScopeKey(guildId)] = StoreCommands(guildId, parsed, null);
        }
    }

    /// <summary>The stored message (channel post, original response or follow-up) with that id, as JSON; null if none.</summary>
    public string? GetMessageJson(string messageId)
    {
        lock (_gate)
        {
            return _messages.TryGetValue(messageId, out var message) ? message.ToJsonString(FakeJson.Options) : null;
        }
    }

    internal async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var (body, files, bodyError) = await ReadBodyAsync(request, context.RequestAborted).ConfigureAwait(false);

        var path = request.Path.Value ?? "";
        var apiPath = path.Length > ApiPrefix.Length ? path[ApiPrefix.Length..] : "/";
        if (apiPath.Length > 1 && apiPath.EndsWith('/'))
        {
            apiPath = apiPath.TrimEnd('/');
        }

        var (route, values) = FindRoute(request.Method, apiPath);
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        RestReply? reply = null;
        RecordedRequest recorded;
        TaskCompletionSource? hold = null;
        lock (_gate)
        {
            recorded = new RecordedRequest(
                ++_sequence,
                request.Method,
                path,
                apiPath,
                route is null ? null : $"{route.Method} {route.Template}",
                values,
                request.QueryString.Value ?? "",
                headers,
                body,
                _options.TimeProvider.GetUtcNow())
            {
                Files = files,
                BodyError = bodyError,
            };
            var scriptedHold = _holds.FirstOrDefault(h => h.Remaining > 0 && h.Match(recorded));
            if (scriptedHold is not null)
            {
                scriptedHold.Remaining--;
                hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _held.Add(hold);
            }
            else
            {
                reply = Answer(route, recorded);
                recorded = recorded with { ResponseStatus = reply.Status };
            }
        }

        // Recorded before the reply goes out, so a client that saw the reply always finds its request in the log.
        _log.Add(recorded);
        if (hold is not null)
        {
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up (its timeout) or the server is stopping
            }

            lock (_gate)
            {
                reply = Answer(route, recorded);
            }
        }

        await WriteAsync(context.Response, reply!).ConfigureAwait(false);
    }

    private RestReply Answer(RestRoute? route, RecordedRequest request)
    {
        var fault = _faults.FirstOrDefault(f => f.Remaining > 0 && f.Match(request));
        if (fault is not null)
        {
            fault.Remaining--;
            if (fault.Custom is { } custom)
            {
                var at = _options.TimeProvider.GetUtcNow();
                var bucketId = route is null ? "unknown" : BucketFor(route, request).Id;
                return custom with { Headers = RateLimitHeaders(RateLimits.Limit, RateLimits.Limit - 1, at.AddSeconds(RateLimits.ResetAfterSeconds), at, bucketId) };
            }

            return FaultReply(fault.Kind, fault.RetryAfterSeconds, route, request);
        }

        if (route is null)
        {
            return Json(404, """{"message":"404: Not Found","code":0}""");
        }

        if (route.RequiresBotAuth && _options.ExpectedToken is { } token && request.Header("Authorization") != $"Bot {token}")
        {
            return Json(401, """{"message":"401: Unauthorized","code":0}""");
        }

        var now = _options.TimeProvider.GetUtcNow();
        if (route.RequiresBotAuth && GlobalRequestsPerSecond is { } global)
        {
            while (_globalAccepted.Count > 0 && _globalAccepted.Peek().AddSeconds(1) <= now)
            {
                _globalAccepted.Dequeue();
            }

            if (_globalAccepted.Count >= global)
            {
                GlobalRateLimitHits++;
                return FaultReply(RestFaultKind.RateLimitedGlobal, (_globalAccepted.Peek().AddSeconds(1) - now).TotalSeconds, route, request);
            }

            _globalAccepted.Enqueue(now);
        }

        var bucket = BucketFor(route, request);
        var policy = RateLimits;
        var remaining = policy.Limit - 1;
        var resetAt = now.AddSeconds(policy.ResetAfterSeconds);
        if (policy.Enforce)
        {
            (int Used, DateTimeOffset ResetAt) window = _windows.TryGetValue(bucket.Key, out var w) && w.ResetAt > now ? w : (0, resetAt);
            if (window.Used >= policy.Limit)
            {
                return FaultReply(RestFaultKind.RateLimitedUser, (window.ResetAt - now).TotalSeconds, route, request);
            }

            window = (window.Used + 1, window.ResetAt);
            _windows[bucket.Key] = window;
            remaining = policy.Limit - window.Used;
            resetAt = window.ResetAt;
        }

        var reply = request.BodyError is { } bodyError
            ? InvalidFormBody(bodyError)
            : ChannelFaultFor(route, request) ?? route.Handler(new RestCall(request, request.RouteValues));
        return reply with { Headers = RateLimitHeaders(policy.Limit, remaining, resetAt, now, bucket.Id) };
    }

    private RestReply? ChannelFaultFor(RestRoute route, RecordedRequest request)
    {
        if (!request.RouteValues.TryGetValue("channel", out var channel) || !_channelFaults.TryGetValue(channel, out var set))
        {
            return null;
        }

        var applies = set.Scope switch
        {
            ChannelFaultScope.CreateMessage => route is { Method: "POST", Template: "/channels/{channel}/messages" },
            ChannelFaultScope.StartThread => route is { Method: "POST", Template: "/channels/{channel}/messages/{message}/threads" },
            _ => true,
        };
        if (!applies)
        {
            return null;
        }

        return set.Fault switch
        {
            ChannelFault.UnknownChannel => Json(404, """{"message":"Unknown Channel","code":10003}"""),
            ChannelFault.MissingAccess => Json(403, """{"message":"Missing Access","code":50001}"""),
            ChannelFault.MissingPermissions => Json(403, """{"message":"Missing Permissions","code":50013}"""),
            _ => Json(500, """{"message":"500: Internal Server Error","code":0}"""),
        };
    }

    private static Dictionary<string, string> RateLimitHeaders(int limit, int remaining, DateTimeOffset resetAt, DateTimeOffset now, string bucketId) => new()
    {
        ["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture),
        ["X-RateLimit-Remaining"] = Math.Max(remaining, 0).ToString(CultureInfo.InvariantCulture),
        ["X-RateLimit-Reset"] = (resetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture),
        ["X-RateLimit-Reset-After"] = Math.Max((resetAt - now).TotalSeconds, 0).ToString("0.000", CultureInfo.InvariantCulture),
        ["X-RateLimit-Bucket"] = bucketId,
    };

    private RestReply FaultReply(RestFaultKind kind, double retryAfter, RestRoute? route, RecordedRequest request)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var retryText = retryAfter.ToString("0.###", CultureInfo.InvariantCulture);
        var retryHeader = Math.Max(1, (int)Math.Ceiling(retryAfter)).ToString(CultureInfo.InvariantCulture);
        var bucketId = route is null ? "unknown" : BucketFor(route, request).Id;
        switch (kind)
        {
            case RestFaultKind.RateLimitedUser:
            case RestFaultKind.RateLimitedShared:
                var shared = kind == RestFaultKind.RateLimitedShared;
                var headers = RateLimitHeaders(RateLimits.Limit, 0, now.AddSeconds(retryAfter), now, bucketId);
                headers["Retry-After"] = retryHeader;
                headers["X-RateLimit-Scope"] = shared ? "shared" : "user";
                var message = shared ? "The resource is being rate limited." : "You are being rate limited.";
                return Json(429, $$"""{"message":"{{message}}","retry_after":{{retryText}},"global":false,"code":0}""") with { Headers = headers };
            case RestFaultKind.RateLimitedGlobal:
                return Json(429, $$"""{"message":"You are being rate limited.","retry_after":{{retryText}},"global":true,"code":0}""") with
                {
                    Headers = new() { ["Retry-After"] = retryHeader, ["X-RateLimit-Global"] = "true", ["X-RateLimit-Scope"] = "global" },
                };
            case RestFaultKind.CloudflareRateLimited:
                return new RestReply(429, "<html><head><title>429 Too Many Requests</title></head><body>error code: 1015</body></html>", "text/html")
                {
                    Headers = new() { ["Retry-After"] = retryHeader },
                };
            case RestFaultKind.Unauthorized:
                return Json(401, """{"message":"401: Unauthorized","code":0}""");
            case RestFaultKind.InternalServerError:
                return Json(500, """{"message":"500: Internal Server Error","code":0}""");
            case RestFaultKind.BadGateway:
                return new RestReply(502, "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>", "text/html");
            case RestFaultKind.ServiceUnavailable:
                return Json(503, """{"message":"503: Service Unavailable","code":0}""");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown fault kind.");
        }
    }

    /// <summary>
    /// The body as text; for <c>multipart/form-data</c> (messages with files) the <c>payload_json</c> part, with the
    /// file parts returned separately, as Discord reads them.
    /// </summary>
    private static async Task<(string Body, IReadOnlyList<RecordedFile> Files, string? Error)> ReadBodyAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) ?? true)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false), [], null);
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException e)
        {
            return ("", [], $"unreadable multipart body: {e.Message}");
        }

        var files = new List<RecordedFile>();
        foreach (var file in form.Files)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
            files.Add(new RecordedFile(file.Name, file.FileName, file.ContentType ?? "", content.ToArray()));
        }

        return form.TryGetValue(PayloadJsonPart, out var payload)
            ? (payload.ToString(), files, null)
            : ("", files, "multipart body without a payload_json part");
    }

    /// <summary>
    /// Discord's check that each <c>attachments[i].id</c> names an uploaded part <c>files[id]</c>; null when it holds
    /// (or the body names no attachments), else the 400 50035 Discord answers.
    /// </summary>
    private static RestReply? CheckAttachments(RecordedRequest request, JsonObject? messageBody)
    {
        if (messageBody?["attachments"] is not JsonArray attachments)
        {
            return null;
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            if (FileFor(request, attachments[i]) is null)
            {
                var error = new JsonObject
                {
                    ["_errors"] = new JsonArray(new JsonObject { ["code"] = "ATTACHMENT_NOT_FOUND", ["message"] = "Attachment data not found" }),
                };
                return Json(400, new JsonObject
                {
                    ["code"] = 50035,
                    ["errors"] = new JsonObject { ["attachments"] = new JsonObject { [i.ToString(CultureInfo.InvariantCulture)] = error } },
                    ["message"] = "Invalid Form Body",
                });
            }
        }

        return null;
    }

    private static RecordedFile? FileFor(RecordedRequest request, JsonNode? attachment)
    {
        var id = attachment?["id"] switch
        {
            JsonValue v when v.TryGetValue<int>(out var n) => n.ToString(CultureInfo.InvariantCulture),
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => null,
        };
        return id is null ? null : request.Files.FirstOrDefault(f => f.PartName == $"files[{id}]");
    }

    /// <summary>The message's <c>attachments</c> as Discord returns them, one per entry of the request's array.</summary>
    private JsonArray StoredAttachments(RecordedRequest request, JsonArray requested, string channelId)
    {
        var stored = new JsonArray();
        foreach (var entry in requested)
        {
            var file = FileFor(request, entry)!;
            var id = _ids.Next();
            var filename = entry?["filename"]?.GetValue<string>() ?? file.FileName;
            var attachment = new JsonObject
            {
                ["id"] = id,
                ["filename"] = filename,
                ["size"] = file.Content.Length,
                ["url"] = $"https://cdn.discordapp.com/attachments/{channelId}/{id}/{Uri.EscapeDataString(filename)}",
                ["proxy_url"] = $"https://media.discordapp.net/attachments/{channelId}/{id}/{Uri.EscapeDataString(filename)}",
            };
            if (file.ContentType.Length > 0)
            {
                attachment["content_type"] = file.ContentType;
            }

            if (entry?["description"] is JsonValue description)
            {
                attachment["description"] = description.DeepClone();
            }

            stored.Add(attachment);
        }

        return stored;
    }

    /// <summary>Applies the request's <c>attachments</c> (already checked) to a created or edited message.</summary>
    private JsonObject WithAttachments(JsonObject message, RecordedRequest request, JsonObject messageBody)
    {
        if (messageBody["attachments"] is JsonArray requested)
        {
            message["attachments"] = StoredAttachments(request, requested, message["channel_id"]!.GetValue<string>());
        }

        return message;
    }

    private (RestRoute? Route, IReadOnlyDictionary<string, string> Values) FindRoute(string method, string apiPath)
    {
        var segments = apiPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var route in _routes)
        {
            if (route.Method == method && route.TryMatch(segments, out var values))
            {
                return (route, values);
            }
        }

        return (null, new Dictionary<string, string>());
    }

    private static (string Key, string Id) BucketFor(RestRoute route, RecordedRequest request)
    {
        var values = request.RouteValues;
        var major = values.TryGetValue("channel", out var channel) ? channel
            : values.TryGetValue("guild", out var guild) ? guild
            : values.TryGetValue("token", out var token) ? $"{values.GetValueOrDefault("app") ?? values.GetValueOrDefault("interaction")}:{token}"
            : "";
        var routeKey = $"{route.Method} {route.Template}";
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(routeKey)))[..32];
        return ($"{routeKey}|{major}", id);
    }

    private static async Task WriteAsync(HttpResponse response, RestReply reply)
    {
        response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
        {
            response.Headers[name] = value;
        }

        if (reply.Body is not null && reply.Status != StatusCodes.Status204NoContent)
        {
            response.ContentType = reply.ContentType;
            await response.WriteAsync(reply.Body).ConfigureAwait(false);
        }
    }

    private static RestReply Json(int status, string body) => new(status, body);

    private static RestReply Json(int status, JsonNode body) => new(status, body.ToJsonString(FakeJson.Options));

    private static RestReply InvalidFormBody(string why) =>
        Json(400, new JsonObject { ["code"] = 50035, ["errors"] = new JsonObject(), ["message"] = $"Invalid Form Body ({why})" });

    private static RestReply UnknownMessage() => Json(404, """{"message":"Unknown Message","code":10008}""");

    private static RestReply UnknownWebhook() => Json(404, """{"message":"Unknown Webhook","code":10015}""");

    private static bool IsCallbackFor(RecordedRequest r, string interactionId) =>
        r.Route == "POST /interactions/{interaction}/{token}/callback" && r.RouteValues["interaction"] == interactionId;

    private static string ScopeKey(string? guildId) => guildId ?? "global";

    private static JsonObject? ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // ---- route handlers (called under _gate) ----

    private RestReply GetGateway(RestCall call) => Json(200, new JsonObject { ["url"] = _server.GatewayUrl });

    private RestReply GetGatewayBot(RestCall call)
    {
        var limit = SessionStartLimit;
        return Json(200, new JsonObject
        {
            ["url"] = _server.GatewayUrl,
            ["shards"] = RecommendedShards,
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = limit.Total,
                ["remaining"] = limit.Remaining,
                ["reset_after"] = limit.ResetAfterMs,
                ["max_concurrency"] = limit.MaxConcurrency,
            },
        });
    }

    internal void CountIdentify()
    {
        lock (_gate)
        {
            SessionStartLimit = SessionStartLimit with { Remaining = Math.Max(0, SessionStartLimit.Remaining - 1) };
        }
    }

    private RestReply GetCommands(RestCall call)
    {
        if (call.Values["app"] != _options.ApplicationId)
        {
            return Json(403, """{"message":"Missing Access","code":50001}""");
        }

        var guild = call.Values.GetValueOrDefault("guild");
        var list = _commands.TryGetValue(ScopeKey(guild), out var stored) ? (JsonArray)stored.DeepClone() : [];
        // Like Discord: the localization dictionaries only come back when asked for.
        if (!call.Request.Query.Contains("with_localizations=true", StringComparison.OrdinalIgnoreCase))
        {
            StripLocalizations(list);
        }

        return Json(200, list);
    }

    private static void StripLocalizations(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in LocalizationKeys)
                {
                    obj.Remove(key);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    StripLocalizations(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    StripLocalizations(child);
                }

                break;
        }
    }

    private RestReply PutCommands(RestCall call)
    {
        if (call.Values["app"] != _options.ApplicationId)
        {
            return Json(403, """{"message":"Missing Access","code":50001}""");
        }

        JsonArray? array;
        try
        {
            array = JsonNode.Parse(call.Request.Body) as JsonArray;
        }
        catch (JsonException)
        {
            array = null;
        }

        if (array is null || array.Any(c => c is not JsonObject obj || obj["name"]?.GetValueKind() != JsonValueKind.String))
        {
            return InvalidFormBody("expected an array of command objects with names");
        }

        var guild = call.Values.GetValueOrDefault("guild");
        var key = ScopeKey(guild);
        var stored = StoreCommands(guild, array, _commands.GetValueOrDefault(key));
        _commands[key] = stored;
        return Json(200, stored.DeepClone());
    }

    private JsonArray StoreCommands(string? guildId, JsonArray incoming, JsonArray? existing)
    {
        var result = new JsonArray();
        foreach (var node in incoming)
        {
            var command = (JsonObject)node!.DeepClone();
            var name = command["name"]?.GetValue<string>();
            var type = command["type"]?.GetValue<int>() ?? 1;
            // Discord keeps a command's id when one with the same name and type already exists.
            var previous = existing?.OfType<JsonObject>().FirstOrDefault(c => c["name"]?.GetValue<string>() == name && (c["type"]?.GetValue<int>() ?? 1) == type);
            command["id"] = previous?["id"]?.GetValue<string>() ?? command["id"]?.GetValue<string>() ?? _ids.Next();
            command["application_id"] = _options.ApplicationId;
            command["version"] = _ids.Next();
            command["type"] = type;
            if (guildId is not null)
            {
                command["guild_id"] = guildId;
            }

            if (!command.ContainsKey("default_member_permissions"))
            {
                command["default_member_permissions"] = null;
            }

            result.Add(command);
        }

        return result;
    }

    private RestReply PostCallback(RestCall call)
    {
        var id = call.Values["interaction"];
        if (_callbackRejections.Remove(id, out var rejection))
        {
            return rejection == CallbackRejection.AlreadyAcknowledged
                ? Json(400, """{"message":"Interaction has already been acknowledged.","code":40060}""")
                : Json(404, """{"message":"Unknown interaction","code":10062}""");
        }

        var body = ParseObject(call.Request.Body);
        if (body?["type"] is not JsonValue typeNode || !typeNode.TryGetValue<int>(out var type))
        {
            return InvalidFormBody("callback needs an integer type");
        }

        if (CheckAttachments(call.Request, body["data"] as JsonObject) is { } badAttachments)
        {
            return badAttachments;
        }

        if (!_acknowledged.Add(id))
        {
            return Json(400, """{"message":"Interaction has already been acknowledged.","code":40060}""");
        }

        JsonObject? message = null;
        if (type is 4 or 5)
        {
            var data = body["data"] as JsonObject ?? [];
            message = WithAttachments(NewMessage(channelId: null, data, webhook: true), call.Request, data);
            if (type == 5)
            {
                message["flags"] = (message["flags"]?.GetValue<int>() ?? 0) | 128; // LOADING
            }

            _originalByToken[call.Values["token"]] = message["id"]!.GetValue<string>();
        }

        if (!call.Request.Query.Contains("with_response=true", StringComparison.OrdinalIgnoreCase))
        {
            return new RestReply(204, null);
        }

        var resource = new JsonObject { ["type"] = type };
        if (message is not null)
        {
            resource["message"] = message.DeepClone();
        }

        return Json(200, new JsonObject
        {
            ["interaction"] = new JsonObject { ["id"] = id, ["type"] = 2, ["response_message_id"] = message?["id"]?.DeepClone() },
            ["resource"] = resource,
        });
    }

    private RestReply GetOriginal(RestCall call) => WithOriginal(call, (id, message) => Json(200, message.DeepClone()));

    private RestReply PatchOriginal(RestCall call)
    {
        if (call.Values["app"] != _options.ApplicationId)
        {
            return UnknownWebhook();
        }

        var body = ParseObject(call.Request.Body);
        if (body is null)
        {
            return InvalidFormBody("body must be a JSON object");
        }

        if (CheckAttachments(call.Request, body) is { } badAttachments)
        {
            return badAttachments;
        }

        var token = call.Values["token"];
        if (!_originalByToken.TryGetValue(token, out var id))
        {
            // Lenient: editing @original before a callback was seen creates it, so tests need not script the callback.
            var created = NewMessage(null, [], webhook: true);
            id = created["id"]!.GetValue<string>();
            _originalByToken[token] = id;
        }

        return Json(200, Edit(_messages[id], body, call.Request).DeepClone());
    }

    private RestReply DeleteOriginal(RestCall call) => WithOriginal(call, (id, _) =>
    {
        _messages.Remove(id);
        _originalByToken.Remove(call.Values["token"]);
        return new RestReply(204, null);
    });

    private RestReply WithOriginal(RestCall call, Func<string, JsonObject, RestReply> action)
    {
        if (call.Values["app"] != _options.ApplicationId)
        {
            return UnknownWebhook();
        }

        return _originalByToken.TryGetValue(call.Values["token"], out var id) && _messages.TryGetValue(id, out var message)
            ? action(id, message)
            : UnknownMessage();
    }

    private RestReply PostFollowup(RestCall call)
    {
        if (call.Values["app"] != _options.ApplicationId)
        {
            return UnknownWebhook();
        }

        var body = ParseObject(call.Request.Body);
        if (body is null)
        {
            return InvalidFormBody("body must be a JSON object");
        }

        if (CheckAttachments(call.Request, body) is { } badAttachments)
        {
            return badAttachments;
        }

        var message = WithAttachments(NewMessage(null, body, webhook: true), call.Request, body);
        message["webhook_token"] = call.Values["token"];
        return Json(200, Public(message));
    }

    private RestReply GetFollowup(RestCall call) => WithFollowup(call, message => Json(200, Public(message)));

    private RestReply PatchFollowup(RestCall call) => WithFollowup(call, message =>
    {
        var body = ParseObject(call.Request.Body);
        if (body is null)
        {
            return InvalidFormBody("body must be a JSON object");
        }

        return CheckAttachments(call.Request, body) ?? Json(200, Public(Edit(message, body, call.Request)));
    });

    private RestReply DeleteFollowup(RestCall call) => WithFollowup(call, message =>
    {
        _messages.Remove(message["id"]!.GetValue<string>());
        return new RestReply(204, null);
    });

    private RestReply WithFollowup(RestCall call, Func<JsonObject, RestReply> action)
    {
        if (call.Values["app"] != _options.ApplicationId)
        {
            return UnknownWebhook();
        }

        var token = call.Values["token"];
        var id = call.Values["message"];
        return _messages.TryGetValue(id, out var message)
               && (message["webhook_token"]?.GetValue<string>() == token || _originalByToken.GetValueOrDefault(token) == id)
            ? action(message)
            : UnknownMessage();
    }

    private static JsonObject Public(JsonObject message)
    {
        var copy = (JsonObject)message.DeepClone();
        copy.Remove("webhook_token");
        return copy;
    }

    private RestReply PostChannelMessage(RestCall call)
    {
        var body = ParseObject(call.Request.Body);
        if (body is null)
        {
            return InvalidFormBody("body must be a JSON object");
        }

        if (CheckAttachments(call.Request, body) is { } badAttachments)
        {
            return badAttachments;
        }

        var hasPayload = body["content"] is JsonValue c && c.GetValue<string>().Length > 0
            || body["embeds"] is JsonArray { Count: > 0 }
            || body["components"] is JsonArray { Count: > 0 }
            || body["attachments"] is JsonArray { Count: > 0 }
            || body["poll"] is JsonObject;
        if (!hasPayload)
        {
            return Json(400, """{"message":"Cannot send an empty message","code":50006}""");
        }

        var channelId = call.Values["channel"];
        var nonce = body["nonce"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            JsonValue v when v.TryGetValue<long>(out var number) => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        var enforce = body["enforce_nonce"] is JsonValue e && e.TryGetValue<bool>(out var flag) && flag;
        if (nonce is { Length: > 25 })
        {
            return FieldError("nonce", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.");
        }

        var now = _options.TimeProvider.GetUtcNow();
        if (enforce && nonce is not null
            && _nonces.TryGetValue((channelId, nonce), out var earlier)
            && now - earlier.At < NonceWindow
            && _messages.TryGetValue(earlier.MessageId, out var existing))
        {
            return Json(200, existing.DeepClone()); // as Discord: the earlier message, nothing new
        }

        JsonObject? poll = null;
        if (body["poll"] is JsonObject requestedPoll && !TryBuildPoll(requestedPoll, now, out poll, out var pollError))
        {
            return pollError;
        }

        var message = WithAttachments(NewMessage(channelId, body, webhook: false), call.Request, body);
        if (nonce is not null)
        {
            message["nonce"] = body["nonce"]!.DeepClone();
            _nonces[(channelId, nonce)] = (message["id"]!.GetValue<string>(), now);
        }

        if (poll is not null)
        {
            message["poll"] = poll;
        }

        _posts.Add(new FakeChannelPost(channelId, message["id"]!.GetValue<string>(), call.Request));
        return Json(200, message.DeepClone());
    }

    /// <summary>Discord's poll checks (question 1-300, 1-10 answers of 1-55, duration 1-768 h) and the stored poll object.</summary>
    private static bool TryBuildPoll(JsonObject request, DateTimeOffset now, out JsonObject? poll, out RestReply error)
    {
        poll = null;
        error = null!;
        var question = request["question"]?["text"] is JsonValue q && q.TryGetValue<string>(out var qt) ? qt : null;
        if (question is null || question.Length is < 1 or > 300)
        {
            error = FieldError("poll.question.text", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 300 in length.");
            return false;
        }

        if (request["answers"] is not JsonArray { Count: >= 1 and <= 10 } answers)
        {
            error = FieldError("poll.answers", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 10 in length.");
            return false;
        }

        var stored = new JsonArray();
        for (var i = 0; i < answers.Count; i++)
        {
            var text = answers[i]?["poll_media"]?["text"] is JsonValue a && a.TryGetValue<string>(out var at) ? at : null;
            if (text is null || text.Length is < 1 or > 55)
            {
                error = FieldError($"poll.answers.{i}.poll_media.text", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 55 in length.");
                return false;
            }

            stored.Add(new JsonObject { ["answer_id"] = i + 1, ["poll_media"] = new JsonObject { ["text"] = text } });
        }

        var hours = 24;
        if (request["duration"] is JsonValue d && (!d.TryGetValue<int>(out hours) || hours is < 1 or > 768))
        {
            error = FieldError("poll.duration", "NUMBER_TYPE_MAX", "Must be between 1 and 768.");
            return false;
        }

        poll = new JsonObject
        {
            ["question"] = new JsonObject { ["text"] = question },
            ["answers"] = stored,
            ["expiry"] = now.AddHours(hours).ToString("O", CultureInfo.InvariantCulture),
            ["allow_multiselect"] = request["allow_multiselect"] is JsonValue m && m.TryGetValue<bool>(out var multi) && multi,
            ["layout_type"] = 1,
            ["results"] = new JsonObject { ["is_finalized"] = false, ["answer_counts"] = new JsonArray() },
        };
        return true;
    }

    /// <summary>A 400 50035 whose errors tree names one field, as Discord nests it ("a.0.b" becomes {"a":{"0":{"b":…}}}).</summary>
    private static RestReply FieldError(string path, string code, string message)
    {
        JsonNode node = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) };
        foreach (var segment in path.Split('.').Reverse())
        {
            node = new JsonObject { [segment] = node };
        }

        return Json(400, new JsonObject { ["code"] = 50035, ["errors"] = node, ["message"] = "Invalid Form Body" });
    }

    private RestReply GetChannelMessages(RestCall call)
    {
        var limit = 50;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(call.Request.Query);
        if (query.TryGetValue("limit", out var raw)
            && (!int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return FieldError("limit", "NUMBER_TYPE_MAX", "Must be between 1 and 100.");
        }

        var channelId = call.Values["channel"];
        var newestFirst = _messages.Values
            .Where(m => m["channel_id"]?.GetValue<string>() == channelId)
            .OrderByDescending(m => ulong.Parse(m["id"]!.GetValue<string>(), CultureInfo.InvariantCulture))
            .Take(limit)
            .Select(m => (JsonNode)Public(m));
        return Json(200, new JsonArray([.. newestFirst]));
    }

    private RestReply GetChannelMessage(RestCall call) =>
        _messages.TryGetValue(call.Values["message"], out var message) && message["channel_id"]?.GetValue<string>() == call.Values["channel"]
            ? Json(200, Public(message))
            : UnknownMessage();

    private RestReply GetGuild(RestCall call)
    {
        if (!_guilds.TryGetValue(call.Values["guild"], out var guild))
        {
            return Json(404, """{"message":"Unknown Guild","code":10004}""");
        }

        var roles = new JsonArray(RoleJson(guild.Id, "@everyone", guild.EveryonePermissions, 0));
        foreach (var role in guild.Roles)
        {
            roles.Add(RoleJson(role.Id, role.Name, role.Permissions, role.Position));
        }

        return Json(200, new JsonObject
        {
            ["id"] = guild.Id,
            ["name"] = guild.Name,
            ["icon"] = null,
            ["owner_id"] = guild.OwnerId,
            ["preferred_locale"] = "en-US",
            ["features"] = new JsonArray(),
            ["roles"] = roles,
        });

        static JsonObject RoleJson(string id, string name, ulong permissions, int position) => new()
        {
            ["id"] = id,
            ["name"] = name,
            ["permissions"] = permissions.ToString(CultureInfo.InvariantCulture),
            ["position"] = position,
            ["color"] = 0,
            ["hoist"] = false,
            ["managed"] = false,
            ["mentionable"] = false,
            ["icon"] = null,
            ["unicode_emoji"] = null,
            ["flags"] = 0,
        };
    }

    private RestReply GetGuildMember(RestCall call)
    {
        var (guild, user) = (call.Values["guild"], call.Values["user"]);
        if (!_guilds.ContainsKey(guild))
        {
            return Json(404, """{"message":"Unknown Guild","code":10004}""");
        }

        if (!_members.TryGetValue((guild, user), out var roles))
        {
            return Json(404, """{"message":"Unknown Member","code":10007}""");
        }

        return Json(200, new JsonObject
        {
            ["user"] = UserJson(user),
            ["nick"] = null,
            ["roles"] = new JsonArray([.. roles.Select(r => (JsonNode)JsonValue.Create(r))]),
            ["joined_at"] = "2026-01-05T10:00:00.000000+00:00",
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
            ["pending"] = false,
        });
    }

    private RestReply GetCurrentUser(RestCall call) => Json(200, UserJson(_options.BotUserId));

    private JsonObject UserJson(string userId)
    {
        var bot = userId == _options.BotUserId;
        return new JsonObject
        {
            ["id"] = userId,
            ["username"] = bot ? _options.BotUsername : $"user{userId}",
            ["global_name"] = null,
            ["discriminator"] = "0",
            ["avatar"] = null,
            ["bot"] = bot,
        };
    }

    private RestReply PostThread(RestCall call)
    {
        var body = ParseObject(call.Request.Body);
        var name = body?["name"] is JsonValue n && n.TryGetValue<string>(out var s) ? s : null;
        if (name is null || name.Length is < 1 or > 100)
        {
            return InvalidFormBody("name must be 1-100 characters");
        }

        var messageId = call.Values["message"];
        if (_channels.ContainsKey(messageId))
        {
            return Json(400, """{"message":"A thread has already been created for this message","code":160004}""");
        }

        var now = _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var parent = _channels.GetValueOrDefault(call.Values["channel"]);
        var thread = new JsonObject
        {
            ["id"] = messageId,
            ["type"] = parent?["type"]?.GetValue<int>() == 5 ? 10 : 11,
            ["guild_id"] = parent?["guild_id"]?.DeepClone() ?? "838486034743296000",
            ["parent_id"] = call.Values["channel"],
            ["name"] = name,
            ["owner_id"] = _options.BotUserId,
            ["member_count"] = 1,
            ["message_count"] = 0,
            ["rate_limit_per_user"] = body!["rate_limit_per_user"]?.DeepClone() ?? 0,
            ["flags"] = 0,
            ["last_message_id"] = null,
            ["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["auto_archive_duration"] = body["auto_archive_duration"]?.DeepClone() ?? 4320,
                ["archive_timestamp"] = now,
                ["locked"] = false,
                ["create_timestamp"] = now,
            },
        };
        _channels[messageId] = thread;
        if (_messages.TryGetValue(messageId, out var message))
        {
            message["flags"] = (message["flags"]?.GetValue<int>() ?? 0) | 32; // HAS_THREAD
            message["thread"] = thread.DeepClone();
        }

        return Json(201, thread.DeepClone());
    }

    private RestReply GetChannel(RestCall call)
    {
        var id = call.Values["channel"];
        if (_channels.TryGetValue(id, out var channel))
        {
            return Json(200, channel.DeepClone());
        }

        return Json(200, new JsonObject
        {
            ["id"] = id,
            ["type"] = 0,
            ["guild_id"] = "838486034743296000",
            ["name"] = $"channel-{id}",
            ["position"] = 0,
            ["parent_id"] = null,
            ["nsfw"] = false,
            ["rate_limit_per_user"] = 0,
            ["flags"] = 0,
            ["permission_overwrites"] = new JsonArray(),
        });
    }

    private JsonObject NewMessage(string? channelId, JsonObject request, bool webhook)
    {
        var id = _ids.Next();
        var message = new JsonObject
        {
            ["type"] = 0,
            ["id"] = id,
            ["channel_id"] = channelId ?? "933273450578183326",
            ["author"] = new JsonObject
            {
                ["id"] = _options.BotUserId,
                ["username"] = _options.BotUsername,
                ["global_name"] = null,
                ["discriminator"] = "0",
                ["avatar"] = null,
                ["bot"] = true,
            },
            ["content"] = request["content"]?.DeepClone() ?? "",
            ["embeds"] = request["embeds"]?.DeepClone() ?? new JsonArray(),
            ["components"] = request["components"]?.DeepClone() ?? new JsonArray(),
            ["attachments"] = new JsonArray(),
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["mention_everyone"] = false,
            ["pinned"] = false,
            ["tts"] = false,
            ["timestamp"] = _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["edited_timestamp"] = null,
            ["flags"] = request["flags"]?.DeepClone() ?? 0,
        };
        if (webhook)
        {
            message["webhook_id"] = _options.ApplicationId;
            message["application_id"] = _options.ApplicationId;
        }

        _messages[id] = message;
        return message;
    }

    private JsonObject Edit(JsonObject message, JsonObject changes, RecordedRequest request)
    {
        // An edit's attachments are the message's attachments afterwards; the fake only knows new uploads.
        WithAttachments(message, request, changes);
        foreach (var key in new[] { "content", "embeds", "components", "flags" })
        {
            if (changes.TryGetPropertyValue(key, out var value))
            {
                message[key] = value?.DeepClone();
            }
        }

        message["edited_timestamp"] = _options.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        if (message["flags"] is JsonValue flags && flags.TryGetValue<int>(out var f))
        {
            message["flags"] = f & ~128; // an edit ends the "thinking..." state of a deferred response
        }

        return message;
    }

    private sealed class ScriptedHold(Func<RecordedRequest, bool> match)
    {
        public Func<RecordedRequest, bool> Match { get; } = match;
        public int Remaining { get; set; }
    }

    private sealed class ScriptedFault(Func<RecordedRequest, bool> match, RestFaultKind kind, double retryAfterSeconds)
    {
        public Func<RecordedRequest, bool> Match { get; } = match;
        public RestFaultKind Kind { get; } = kind;
        public double RetryAfterSeconds { get; } = retryAfterSeconds;
        public int Remaining { get; set; }
        public RestReply? Custom { get; init; }
    }
}

internal sealed record RestCall(RecordedRequest Request, IReadOnlyDictionary<string, string> Values);

internal sealed record RestReply(int Status, string? Body, string ContentType = "application/json")
{
    public Dictionary<string, string> Headers { get; init; } = [];
}

internal sealed record RestRoute(string Method, string Template, Func<RestCall, RestReply> Handler, bool RequiresBotAuth = true)
{
    private readonly string[] _segments = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public bool TryMatch(string[] segments, out IReadOnlyDictionary<string, string> values)
    {
        var found = new Dictionary<string, string>();
        values = found;
        if (segments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var pattern = _segments[i];
            if (pattern.StartsWith('{'))
            {
                found[pattern[1..^1]] = Uri.UnescapeDataString(segments[i]);
            }
            else if (!string.Equals(pattern, segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
