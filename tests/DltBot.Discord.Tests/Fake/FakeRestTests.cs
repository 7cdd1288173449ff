using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DltBot.FakeDiscord;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Fake;

public sealed class FakeRestTests : IAsyncLifetime
{
    private static readonly TimeSpan SafetyNet = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-07-20T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private FakeDiscordServer _server = null!;
    private HttpClient _http = null!;

    private string App => _server.Options.ApplicationId;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { ExpectedToken = "t0ken", TimeProvider = _time });
        _http = new HttpClient { BaseAddress = new Uri(_server.RestBaseUrl + "/"), Timeout = SafetyNet };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", "t0ken");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Gateway_bot_returns_the_fake_gateway_url_and_session_start_limit()
    {
        _server.Rest.SessionStartLimit = new FakeSessionStartLimit(1000, 3, 5000, 1);

        using var response = await _http.GetAsync("gateway/bot", Ct);
        var body = await JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_server.GatewayUrl, body.GetProperty("url").GetString());
        var limit = body.GetProperty("session_start_limit");
        Assert.Equal((3, 5000L, 1), (limit.GetProperty("remaining").GetInt32(), limit.GetProperty("reset_after").GetInt64(), limit.GetProperty("max_concurrency").GetInt32()));
    }

    [Fact]
    public async Task Every_reply_has_rate_limit_headers()
    {
        using var response = await _http.GetAsync("channels/42", Ct);

        foreach (var name in new[] { "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket" })
        {
            Assert.True(response.Headers.Contains(name), name);
        }

        Assert.Equal("4", response.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal("1784534401.000", response.Headers.GetValues("X-RateLimit-Reset").Single());
    }

    [Fact]
    public async Task Enforced_rate_limit_counts_per_major_parameter_and_resets_with_the_clock()
    {
        _server.Rest.RateLimits = new FakeRateLimitPolicy(Limit: 2, ResetAfterSeconds: 2, Enforce: true);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _http.GetAsync("channels/1", Ct);
            statuses.Add((int)response.StatusCode);
        }

        using var otherChannel = await _http.GetAsync("channels/2", Ct);
        _time.Advance(TimeSpan.FromSeconds(2));
        using var afterReset = await _http.GetAsync("channels/1", Ct);

        Assert.Equal([200, 200, 429], statuses);
        Assert.Equal(HttpStatusCode.OK, otherChannel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal("1", afterReset.Headers.GetValues("X-RateLimit-Remaining").Single());
    }

    [Fact]
    public async Task Global_limit_counts_every_bot_request_across_routes_spares_interaction_callbacks_and_resets_with_the_clock()
    {
        _server.Rest.GlobalRequestsPerSecond = 3;

        var statuses = new List<int>();
        foreach (var path in new[] { "channels/1", "channels/2", "users/@me", "channels/3" })
        {
            using var response = await _http.GetAsync(path, Ct);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("global", response.Headers.GetValues("X-RateLimit-Scope").Single());
                Assert.True((await JsonAsync(response)).GetProperty("global").GetBoolean());
            }
        }

        var interaction = _server.Interactions.Ping();
        using var callback = await PostJsonAsync($"interactions/{interaction.Id}/{interaction.Token}/callback", """{"type":1}""");
        _time.Advance(TimeSpan.FromSeconds(1));
        using var afterReset = await _http.GetAsync("channels/3", Ct);

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
        Assert.Equal(1, _server.Rest.GlobalRateLimitHits);
    }

    [Fact]
    public async Task Global_limit_counts_any_one_second_so_a_burst_at_a_fixed_windows_edge_is_refused()
    {
        _server.Rest.GlobalRequestsPerSecond = 2;
        var statuses = new List<int>();
        async Task GetAsync(string path)
        {
            using var response = await _http.GetAsync(path, Ct);
            statuses.Add((int)response.StatusCode);
        }

        await GetAsync("channels/1");
        _time.Advance(TimeSpan.FromSeconds(0.9));
        await GetAsync("channels/2");
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await GetAsync("channels/3");
        await GetAsync("channels/4");

        Assert.Equal([200, 200, 200, 429], statuses);
    }

    [Theory]
    [InlineData(RestFaultKind.RateLimitedUser, "user", false)]
    [InlineData(RestFaultKind.RateLimitedShared, "shared", false)]
    [InlineData(RestFaultKind.RateLimitedGlobal, "global", true)]
    public async Task Scripted_429_has_discords_headers_and_body(RestFaultKind kind, string scope, bool global)
    {
        _server.Rest.FailNext("POST /channels/{channel}/messages", 1, kind, retryAfterSeconds: 1.337);

        using var limited = await PostJsonAsync("channels/7/messages", """{"content":"hi"}""");
        using var next = await PostJsonAsync("channels/7/messages", """{"content":"hi"}""");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(scope, limited.Headers.GetValues("X-RateLimit-Scope").Single());
        Assert.Equal("2", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(global, limited.Headers.Contains("X-RateLimit-Global"));
        Assert.Equal(!global, limited.Headers.Contains("X-RateLimit-Bucket"));
        var body = await JsonAsync(limited);
        Assert.Equal(1.337, body.GetProperty("retry_after").GetDouble());
        Assert.Equal(global, body.GetProperty("global").GetBoolean());
        Assert.Equal(0, body.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task Cloudflare_429_has_html_and_only_retry_after()
    {
        _server.Rest.FailNext(r => r.Method == "GET", 1, RestFaultKind.CloudflareRateLimited, retryAfterSeconds: 3600);

        using var response = await _http.GetAsync("channels/1", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("3600", response.Headers.GetValues("Retry-After").Single());
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("X-RateLimit", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(RestFaultKind.InternalServerError, 500)]
    [InlineData(RestFaultKind.BadGateway, 502)]
    [InlineData(RestFaultKind.ServiceUnavailable, 503)]
    [InlineData(RestFaultKind.Unauthorized, 401)]
    public async Task Server_faults_apply_count_times_then_the_route_recovers(RestFaultKind kind, int status)
    {
        _server.Rest.FailNext("GET /channels/5", 2, kind);

        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await _http.GetAsync("channels/5", Ct);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal([status, status, 200], statuses);
        Assert.Equal([status, status, 200], _server.Rest.Requests.Select(r => r.ResponseStatus));
    }

    [Fact]
    public async Task Wrong_bot_token_gets_401_but_webhook_routes_need_none()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress, Timeout = SafetyNet };

        using var channel = await anonymous.GetAsync("channels/1", Ct);
        using var callback = await anonymous.PostAsync("interactions/11/tok/callback", Json("""{"type":5}"""), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, channel.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
    }

    [Fact]
    public async Task Requests_are_recorded_with_headers_body_and_route()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "channels/9/messages") { Content = Json("""{"content":"深度"}""") };
        request.Headers.UserAgent.ParseAdd("DiscordBot (https://example.invalid, 1.0)");
        using var _ = await _http.SendAsync(request, Ct);

        var recorded = Assert.Single(_server.Rest.Requests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/api/v10/channels/9/messages", recorded.Path);
        Assert.Equal("POST /channels/{channel}/messages", recorded.Route);
        Assert.Equal("9", recorded.RouteValues["channel"]);
        Assert.Equal("Bot t0ken", recorded.Header("authorization"));
        Assert.StartsWith("DiscordBot (", recorded.Header("User-Agent"));
        Assert.Equal("深度", recorded.BodyJson().GetProperty("content").GetString());
        Assert.Equal(200, recorded.ResponseStatus);
    }

    [Fact]
    public async Task WaitForRequest_completes_when_a_later_request_arrives()
    {
        var waiting = _server.Rest.WaitForRequestAsync(r => r.Route == "GET /channels/{channel}", Ct);
        Assert.False(waiting.IsCompleted);

        using var _ = await _http.GetAsync("channels/3", Ct);

        var recorded = await waiting.WaitAsync(SafetyNet, Ct);
        Assert.Equal("3", recorded.RouteValues["channel"]);
    }

    [Fact]
    public async Task WaitForRequest_can_be_cancelled()
    {
        using var cts = new CancellationTokenSource();
        var waiting = _server.Rest.WaitForRequestAsync(r => r.Method == "DELETE", cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Unknown_route_is_404_with_discord_error_body()
    {
        using var response = await _http.GetAsync("users/@me/guilds", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, (await JsonAsync(response)).GetProperty("code").GetInt32());
        Assert.Null(Assert.Single(_server.Rest.Requests).Route);
    }

    [Fact]
    public async Task Bulk_overwrite_stores_commands_keeps_ids_and_get_hides_localizations_unless_asked()
    {
        const string commands = """[{"name":"dlt","description":"Deep learning theory","name_localizations":{"zh-CN":"理论"},"options":[{"type":1,"name":"search","description":"Search","description_localizations":{"zh-CN":"搜索"}}]}]""";

        using var first = await _http.PutAsync($"applications/{App}/guilds/77/commands", Json(commands), Ct);
        using var second = await _http.PutAsync($"applications/{App}/guilds/77/commands", Json(commands), Ct);
        using var plain = await _http.GetAsync($"applications/{App}/guilds/77/commands", Ct);
        using var localized = await _http.GetAsync($"applications/{App}/guilds/77/commands?with_localizations=true", Ct);
        using var global = await _http.GetAsync($"applications/{App}/commands", Ct);

        var firstId = (await JsonAsync(first))[0].GetProperty("id").GetString();
        var stored = (await JsonAsync(second))[0];
        Assert.Equal(firstId, stored.GetProperty("id").GetString());
        Assert.Equal("77", stored.GetProperty("guild_id").GetString());
        Assert.Equal(App, stored.GetProperty("application_id").GetString());
        var plainJson = await plain.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("localizations", plainJson, StringComparison.Ordinal);
        Assert.Contains("搜索", await localized.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("[]", await global.Content.ReadAsStringAsync(Ct));
        Assert.Contains("理论", _server.Rest.GetCommandsJson("77"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"not an array"}""")]
    [InlineData("""[{"description":"no name"}]""")]
    [InlineData("""not json""")]
    public async Task Bulk_overwrite_rejects_bad_bodies_with_50035(string body)
    {
        using var response = await _http.PutAsync($"applications/{App}/commands", Json(body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(50035, (await JsonAsync(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Callback_is_204_then_40060_on_a_second_answer_and_bodies_are_retrievable()
    {
        using var first = await PostJsonAsync("interactions/123/tok/callback", """{"type":4,"data":{"content":"hello"}}""");
        using var second = await PostJsonAsync("interactions/123/tok/callback", """{"type":4,"data":{"content":"again"}}""");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(40060, (await JsonAsync(second)).GetProperty("code").GetInt32());
        var callbacks = _server.Rest.GetCallbacks("123");
        Assert.Equal([204, 400], callbacks.Select(c => c.ResponseStatus));
        Assert.Equal("hello", callbacks[0].BodyJson().GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(4, (await _server.Rest.WaitForCallbackAsync("123", Ct).WaitAsync(SafetyNet, Ct)).BodyJson().GetProperty("type").GetInt32());
    }

    [Theory]
    [InlineData(CallbackRejection.UnknownInteraction, 404, 10062)]
    [InlineData(CallbackRejection.AlreadyAcknowledged, 400, 40060)]
    public async Task Callback_rejection_can_be_scripted(CallbackRejection rejection, int status, int code)
    {
        _server.Rest.RejectCallback("555", rejection);

        using var response = await PostJsonAsync("interactions/555/tok/callback", """{"type":5}""");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, (await JsonAsync(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Callback_with_response_returns_the_message()
    {
        using var response = await PostJsonAsync("interactions/9/tok/callback?with_response=true", """{"type":4,"data":{"content":"hi"}}""");

        var body = await JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hi", body.GetProperty("resource").GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task Original_response_and_followups_can_be_created_edited_and_deleted()
    {
        using var deferred = await PostJsonAsync("interactions/1/tok/callback", """{"type":5}""");
        using var edited = await SendJsonAsync(HttpMethod.Patch, $"webhooks/{App}/tok/messages/@original", """{"content":"done"}""");
        using var followup = await PostJsonAsync($"webhooks/{App}/tok", """{"content":"more","flags":64}""");
        var followupId = (await JsonAsync(followup)).GetProperty("id").GetString();
        using var followupEdit = await SendJsonAsync(HttpMethod.Patch, $"webhooks/{App}/tok/messages/{followupId}", """{"content":"changed"}""");
        using var deleted = await _http.DeleteAsync($"webhooks/{App}/tok/messages/{followupId}", Ct);
        using var gone = await _http.DeleteAsync($"webhooks/{App}/tok/messages/{followupId}", Ct);
        using var wrongApp = await PostJsonAsync("webhooks/999/tok", """{"content":"x"}""");

        Assert.Equal("done", (await JsonAsync(edited)).GetProperty("content").GetString());
        Assert.Equal(0, (await JsonAsync(edited)).GetProperty("flags").GetInt32() & 128);
        Assert.Equal("changed", (await JsonAsync(followupEdit)).GetProperty("content").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(10008, (await JsonAsync(gone)).GetProperty("code").GetInt32());
        Assert.Equal(10015, (await JsonAsync(wrongApp)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Channel_message_gets_a_snowflake_and_thread_from_it_shares_the_id_once()
    {
        using var posted = await PostJsonAsync("channels/933/messages", """{"content":"Weekly paper","allowed_mentions":{"parse":[]}}""");
        var message = await JsonAsync(posted);
        var id = message.GetProperty("id").GetString()!;
        using var thread = await PostJsonAsync($"channels/933/messages/{id}/threads", """{"name":"Discussion","auto_archive_duration":1440}""");
        using var again = await PostJsonAsync($"channels/933/messages/{id}/threads", """{"name":"Discussion"}""");
        using var channel = await _http.GetAsync($"channels/{id}", Ct);

        Assert.Equal("Weekly paper", message.GetProperty("content").GetString());
        var snowflake = ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), (long)(snowflake >> 22) + 1420070400000);
        Assert.Equal(HttpStatusCode.Created, thread.StatusCode);
        var threadJson = await JsonAsync(thread);
        Assert.Equal((id, 11, "933"), (threadJson.GetProperty("id").GetString(), threadJson.GetProperty("type").GetInt32(), threadJson.GetProperty("parent_id").GetString()));
        Assert.Equal(160004, (await JsonAsync(again)).GetProperty("code").GetInt32());
        Assert.Equal(11, (await JsonAsync(channel)).GetProperty("type").GetInt32());
        Assert.Contains("\"flags\":32", _server.Rest.GetMessageJson(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_channel_message_is_rejected_like_discord()
    {
        using var response = await PostJsonAsync("channels/1/messages", "{}");

        Assert.Equal(50006, (await JsonAsync(response)).GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Custom_fault_returns_the_given_status_and_body_with_rate_limit_headers()
    {
        const string invalidForm = """{"code":50035,"message":"Invalid Form Body","errors":{"content":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH","message":"Must be 2000 or fewer in length."}]}}}""";
        _server.Rest.FailNext("POST /channels/{channel}/messages", 1, 400, invalidForm);

        using var failed = await PostJsonAsync("channels/1/messages", """{"content":"x"}""");
        using var next = await PostJsonAsync("channels/1/messages", """{"content":"x"}""");

        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        Assert.Equal("BASE_TYPE_MAX_LENGTH", (await JsonAsync(failed)).GetProperty("errors").GetProperty("content").GetProperty("_errors")[0].GetProperty("code").GetString());
        Assert.True(failed.Headers.Contains("X-RateLimit-Bucket"));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public void Custom_fault_with_a_non_json_body_is_refused_when_scripted()
    {
        Assert.ThrowsAny<JsonException>(() => _server.Rest.FailNext("GET /channels/{channel}", 1, 404, "not json"));
    }

    [Fact]
    public async Task Held_request_gets_no_reply_until_released()
    {
        _server.Rest.HoldNext("GET /channels/{channel}", 1);

        var pending = _http.GetAsync("channels/8", Ct);
        var recorded = await _server.Rest.WaitForRequestAsync(r => r.ApiPath == "/channels/8", Ct).WaitAsync(SafetyNet, Ct);
        using var other = await _http.GetAsync("channels/9", Ct); // a later request is not held
        Assert.False(pending.IsCompleted);
        Assert.Equal((0, 1), (recorded.ResponseStatus, _server.Rest.HeldCount));

        _server.Rest.ReleaseHeld();
        using var released = await pending.WaitAsync(SafetyNet, Ct);

        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Held_request_ends_when_the_client_gives_up_and_the_retry_is_answered()
    {
        _server.Rest.HoldNext("POST /channels/{channel}/messages", 1);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var pending = PostJsonAsync("channels/1/messages", """{"content":"a"}""", giveUp.Token);
        await _server.Rest.WaitForRequestAsync(r => r.Method == "POST", Ct).WaitAsync(SafetyNet, Ct);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        using var retry = await PostJsonAsync("channels/1/messages", """{"content":"a"}""");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(2, _server.Rest.Requests.Count);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> PostJsonAsync(string path, string body, CancellationToken? cancellationToken = null) =>
        _http.PostAsync(path, Json(body), cancellationToken ?? Ct);

    private Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string body) =>
        _http.SendAsync(new HttpRequestMessage(method, path) { Content = Json(body) }, Ct);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
