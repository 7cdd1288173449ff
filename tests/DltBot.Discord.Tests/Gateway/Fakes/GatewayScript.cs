using System.Diagnostics.CodeAnalysis;
using DltBot.Discord.Gateway;
using Microsoft.Extensions.Hosting;

namespace DltBot.Discord.Tests.Gateway.Fakes;

/// <summary>Shared constants and a harness that wires a GatewayClient to the scripted transport.</summary>
internal static class GatewayScript
{
    public const string Token = "test-bot-token";
    public const string GatewayUrl = "wss://gateway.example.test";
    public const string ResumeUrl = "wss://resume.example.test";
    public const string SessionId = "963e35e0e0a721f753afa500c1da8c1d";
    public const int HeartbeatIntervalMs = 40_000;

    public static readonly Uri GatewayUri = new("wss://gateway.example.test/?v=10&encoding=json");
    public static readonly Uri ResumeUri = new("wss://resume.example.test/?v=10&encoding=json");
}

internal sealed class GatewayHarness : IAsyncDisposable
{
    public GatewayHarness(
        double random = 0.5,
        IGatewayReconnectDelay? reconnectDelay = null,
        Func<GatewayClientOptions, GatewayClientOptions>? configure = null,
        IHostApplicationLifetime? lifetime = null)
    {
        Random = new FixedRandom(random);
        var options = new GatewayClientOptions
        {
            Token = GatewayScript.Token,
            Properties = new IdentifyProperties("linux", "DltBot", "DltBot"),
            CloseTimeout = TimeSpan.FromSeconds(7),
            HandlerDrainTimeout = TimeSpan.FromSeconds(10),
        };
        Client = new GatewayClient(configure?.Invoke(options) ?? options, Transports, BotInfo, Handler, Time, Random, Logger,
            reconnectDelay ?? new ImmediateGatewayReconnectDelay(), lifetime);
    }

    public ObservableFakeTimeProvider Time { get; } = new();

    public FixedRandom Random { get; }

    public ScriptedTransportFactory Transports { get; } = new();

    public StaticBotInfoSource BotInfo { get; } = new();

    public RecordingDispatchHandler Handler { get; } = new();

    public ListLogger<GatewayClient> Logger { get; } = new();

    public GatewayClient Client { get; }

    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Tests read the interval from the harness they drive, next to its Time and Client.")]
    public TimeSpan HeartbeatInterval => TimeSpan.FromMilliseconds(GatewayScript.HeartbeatIntervalMs);

    /// <summary>Start, Hello, expect Identify, READY (seq 1), and wait until the handler saw READY.</summary>
    public async Task<ScriptedGatewayTransport> StartReadyAsync()
    {
        await Client.StartAsync(TestContext.Current.CancellationToken);
        var connection = await Transports.NextConnectionAsync();
        connection.ServerHello();
        await connection.NextSentWithOpAsync(2);
        connection.ServerReady();
        Assert.Equal("READY", (await Handler.NextAsync()).EventName);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.StopAsync(keepSessionResumable: false, new CancellationTokenSource(ScriptedGatewayTransport.SafetyTimeout).Token);
    }
}

internal static class SafetyNet
{
    /// <summary>A bound on how long a test waits for a signal; a safety net against hangs, not a sleep.</summary>
    public static Task WithTimeout(this Task task) =>
        task.WaitAsync(ScriptedGatewayTransport.SafetyTimeout, TestContext.Current.CancellationToken);

    public static Task<T> WithTimeout<T>(this Task<T> task) =>
        task.WaitAsync(ScriptedGatewayTransport.SafetyTimeout, TestContext.Current.CancellationToken);
}
