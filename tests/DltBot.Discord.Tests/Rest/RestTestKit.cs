using DltBot.Discord.Rest;

namespace DltBot.Discord.Tests.Rest;

internal sealed class RestTestKit
{
    public const string BaseUrl = "http://127.0.0.1:9/api/v10";
    public const string Token = "test-bot-token";
    public const ulong ChannelA = 933273450578183326;
    public const ulong ChannelB = 933273450578183999;
    public const ulong ChannelC = 933273450578184777;
    public const ulong AppId = 1085140814004224007;
    public const ulong InteractionId = 1528695470141087529;
    public const string InteractionToken = "aW50ZXJhY3Rpb246ZmFrZQ";

    public const string MessageJson = """{"id":"1528672814784186913","channel_id":"933273450578183326","type":0,"content":"hi","_trace":["x"]}""";
    public const string ChannelJson = """{"id":"1528672814784186913","type":11,"guild_id":"838486034743296000","parent_id":"933273450578183326","name":"Discussion"}""";

    public RestTestKit(Func<DiscordRestOptions, DiscordRestOptions>? configure = null)
    {
        var options = new DiscordRestOptions
        {
            Token = Token,
            ApiBaseUrl = BaseUrl,
            AttemptTimeout = null,
            RetryBaseDelay = TimeSpan.FromSeconds(1),
            RetryMaxDelay = TimeSpan.FromSeconds(10),
        };
        Options = configure?.Invoke(options) ?? options;
        Limiter = new DiscordRateLimiter(Options, Time);
        Client = new DiscordRestClient(new HttpClient(Handler), Options, Limiter, Time, Logger, jitter: () => 1.0);
    }

    public ScriptedHttpHandler Handler { get; } = new();
    public DltBot.Discord.Tests.Gateway.Fakes.ListLogger<DiscordRestClient> Logger { get; } = new();
    public ObservableFakeTimeProvider Time { get; } = new();
    public DiscordRestOptions Options { get; }
    public DiscordRateLimiter Limiter { get; }
    public DiscordRestClient Client { get; }

    public static (string, string)[] Bucket(int remaining, double resetAfter, string hash = "bucket-hash-1", int limit = 5) =>
    [
        ("X-RateLimit-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("X-RateLimit-Bucket", hash),
    ];

    public static DltBot.Discord.Models.MessageCreateRequest Hello => new() { Content = "hello" };
}
