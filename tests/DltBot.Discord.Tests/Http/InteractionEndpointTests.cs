using System.Net;
using System.Text;
using DltBot.Discord.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Discord.Tests.Http;

public sealed class InteractionEndpointTests : IAsyncLifetime
{
    private const string Ping = """{"type":1,"id":"1","application_id":"2","token":"t","version":1}""";
    private const string Command =
        """{"type":2, "id":"1528687912550535764","application_id":"2","token":"t","data":{"name":"dlt","options":[{"type":3,"name":"query","value":"泛化\u0020误差"}]}}""";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_784_538_000));
    private readonly TestSigner _signer = TestSigner.Generate();
    private EndpointHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Now => _time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync() =>
        _host = await EndpointHost.StartAsync(new DiscordInteractionsOptions { PublicKey = _signer.PublicKeyHex, MaxInteractionBodyBytes = 2048 }, _time);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _signer.Dispose();
    }

    [Fact]
    public async Task Signed_ping_gets_pong_as_json_without_calling_the_handler()
    {
        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(Ping), Now);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(_host.Handler.Received);
    }

    [Fact]
    public async Task Command_reaches_the_handler_read_and_its_reply_is_returned()
    {
        var raw = Encoding.UTF8.GetBytes(Command);

        using var response = await PostSignedAsync(raw, Now);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(_host.Handler.Received);
        Assert.Equal(1528687912550535764UL, received.Id);
        Assert.Equal("泛化 误差", received.Data!.Options![0].GetString());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"type":4,"data":{"content":"ok","allowed_mentions":{"parse":[]}}}""", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Handler_that_answered_via_callback_yields_202_without_body()
    {
        _host.Handler.Respond = _ => InteractionEndpointReply.AnsweredViaCallback;

        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(Command), Now);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task Missing_headers_get_401()
    {
        using var response = await _host.Client.PostAsync("/interactions", new ByteArrayContent(Encoding.UTF8.GetBytes(Ping)), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing signature headers", await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("timestamp")]
    public async Task One_missing_header_gets_401(string missing)
    {
        var body = Encoding.UTF8.GetBytes(Ping);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new ByteArrayContent(body) };
        if (missing != "signature")
        {
            request.Headers.Add("X-Signature-Ed25519", _signer.Sign(Now, body));
        }

        if (missing != "timestamp")
        {
            request.Headers.Add("X-Signature-Timestamp", Now);
        }

        using var response = await _host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, Func<string, string>> BadSignatures => new()
    {
        { "bit flipped", s => s[..^1] + (s[^1] == '0' ? '1' : '0') },
        { "not hex", s => "zz" + s[2..] },
        { "short", s => s[..^2] },
        { "from another body", _ => "" },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task Bad_signature_gets_401_and_the_handler_is_not_called(string name, Func<string, string> corrupt)
    {
        var body = Encoding.UTF8.GetBytes(Command);
        var signature = corrupt(_signer.Sign(Now, body));
        if (signature.Length == 0)
        {
            signature = _signer.Sign(Now, Encoding.UTF8.GetBytes(Ping));
        }

        using var response = await PostAsync(body, Now, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid request signature", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(_host.Handler.Received);
        Assert.Contains(_host.Logs.Entries, e => e.EventName == "InteractionRejected" && e.Level == LogLevel.Debug);
        _ = name;
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task Timestamp_outside_the_skew_gets_401_even_with_a_valid_signature(int offsetSeconds)
    {
        var stale = (_time.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(Ping), stale);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("stale timestamp", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Signed_request_goes_stale_when_the_clock_moves_past_the_skew()
    {
        var body = Encoding.UTF8.GetBytes(Ping);
        var signedAt = Now;
        var signature = _signer.Sign(signedAt, body);

        _time.Advance(TimeSpan.FromMinutes(5));
        using var withinSkew = await PostAsync(body, signedAt, signature);
        _time.Advance(TimeSpan.FromSeconds(1));
        using var pastSkew = await PostAsync(body, signedAt, signature);

        Assert.Equal(HttpStatusCode.OK, withinSkew.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pastSkew.StatusCode);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1784538000.5")]
    [InlineData("99999999999999999999")]
    public async Task Unparseable_timestamp_gets_401(string timestamp)
    {
        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(Ping), timestamp);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid timestamp", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Oversize_body_gets_413()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"type":2,"pad":"{{new string('x', 2100)}}"}""");

        using var response = await PostSignedAsync(body, Now);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.Handler.Received);
    }

    [Fact]
    public async Task Oversize_chunked_body_without_content_length_gets_413()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"type":2,"pad":"{{new string('x', 2100)}}"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StreamContent(new MemoryStream(body)) };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Signature-Ed25519", _signer.Sign(Now, body));
        request.Headers.Add("X-Signature-Timestamp", Now);

        using var response = await _host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Body_exactly_at_the_limit_is_accepted()
    {
        var prefix = Command[..^1] + ""","pad":""";
        var body = Encoding.UTF8.GetBytes(prefix + "\"" + new string('x', 2048 - Encoding.UTF8.GetByteCount(prefix) - 3) + "\"}");
        Assert.Equal(2048, body.Length);

        using var response = await PostSignedAsync(body, Now);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"id":"1"}""")]
    [InlineData("""{"type":"2"}""")]
    [InlineData("""{"type":2""")]
    public async Task Signed_body_that_is_not_an_interaction_gets_400(string body)
    {
        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(body), Now);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_host.Handler.Received);
    }

    [Theory]
    [InlineData("""{"type":2,"application_id":"2","token":"t","data":{"name":"dlt"}}""", "id")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","data":{"name":"dlt"}}""", "token")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"","data":{"name":"dlt"}}""", "$.token")]
    [InlineData("""{"type":2,"id":"one","application_id":"2","token":"t","data":{"name":"dlt"}}""", "$.id")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","data":[]}""", "$.data")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","locale":"en\ud800","data":{"name":"dlt"}}""", "locale")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","user":{"id":"3","username":"\udc00x"},"data":{"name":"dlt"}}""", "username")]
    [InlineData("""{"type":3,"id":"1","application_id":"2","token":"t","data":{"custom_id":"page:\ud800","component_type":2}}""", "custom_id")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","data":{"name":"dlt","options":[{"type":3,"name":"query","value":"a"},{"type":3,"name":"query","value":"b"}]}}""", "'query'")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t","data":{"name":"dlt","options":[{"type":1,"name":"search","options":[{"type":3,"name":"q","value":"a"},{"type":3,"name":"q","value":"b"}]}]}}""", "$.data.options[0].options[1].name")]
    [InlineData("""{"type":2,"id":"1","application_id":"2","token":"t"}""", "$.data.name")]
    public async Task Signed_malformed_interaction_gets_400_naming_the_problem_with_one_log_line(string body, string named)
    {
        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(body), Now);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Empty(_host.Handler.Received);
        var logged = Assert.Single(_host.Logs.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Equal("InteractionMalformed", logged.EventName);
        Assert.Null(logged.Exception);
        Assert.DoesNotContain('\n', logged.Message);
        Assert.Contains(named, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handler_exception_gets_500_without_details_and_is_logged()
    {
        _host.Handler.Respond = _ => throw new InvalidOperationException("secret connection string leaked");

        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(Command), Now);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        var logged = Assert.Single(_host.Logs.Entries, e => e.EventName == "InteractionHandlerFailed");
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Get_is_not_allowed()
    {
        using var response = await _host.Client.GetAsync("/interactions", Ct);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public void Mapping_with_a_bad_key_fails_at_startup_naming_the_setting()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<ArgumentException>(() => app.MapDiscordInteractions("/interactions", new DiscordInteractionsOptions { PublicKey = "abc" }));

        Assert.Contains("Discord:PublicKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mapping_with_a_tiny_body_limit_fails_naming_the_setting()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<ArgumentException>(() =>
            app.MapDiscordInteractions("/interactions", new DiscordInteractionsOptions { PublicKey = _signer.PublicKeyHex, MaxInteractionBodyBytes = 10 }));

        Assert.Contains("Discord:MaxInteractionBodyBytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_signed_by_the_fake_discord_signer_is_accepted()
    {
        using var discord = FakeDiscord.FakeInteractionSigner.Create();
        await using var host = await EndpointHost.StartAsync(new DiscordInteractionsOptions { PublicKey = discord.PublicKeyHex }, _time);

        using var request = discord.CreateRequest(new Uri(host.Client.BaseAddress!, "/interactions"), Command, _time.GetUtcNow());
        using var response = await host.Client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1528687912550535764UL, Assert.Single(host.Handler.Received).Id);
    }

    private Task<HttpResponseMessage> PostSignedAsync(byte[] body, string timestamp) =>
        PostAsync(body, timestamp, _signer.Sign(timestamp, body));

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string timestamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", signature);
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return await _host.Client.SendAsync(request, Ct);
    }
}
