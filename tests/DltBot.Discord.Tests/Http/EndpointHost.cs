using System.Collections.Concurrent;
using System.Net;
using DltBot.Discord.Http;
using DltBot.Discord.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Discord.Tests.Http;

/// <summary>A real Kestrel on 127.0.0.1:0 serving only the interactions endpoint, with a recording handler.</summary>
internal sealed class EndpointHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EndpointHost(WebApplication app, HttpClient client, RecordingHandler handler, CapturingLoggerProvider logs)
    {
        _app = app;
        Client = client;
        Handler = handler;
        Logs = logs;
    }

    public HttpClient Client { get; }

    public RecordingHandler Handler { get; }

    public CapturingLoggerProvider Logs { get; }

    public static async Task<EndpointHost> StartAsync(DiscordInteractionsOptions options, TimeProvider time)
    {
        var handler = new RecordingHandler();
        var logs = new CapturingLoggerProvider();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<IInteractionRequestHandler>(handler);
        var app = builder.Build();
        app.MapDiscordInteractions("/interactions", options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(10) };
        return new EndpointHost(app, client, handler, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed class RecordingHandler : IInteractionRequestHandler
{
    private readonly ConcurrentQueue<Interaction> _received = new();

    public Func<Interaction, InteractionEndpointReply> Respond { get; set; } =
        _ => new InteractionEndpointReply("""{"type":4,"data":{"content":"ok","allowed_mentions":{"parse":[]}}}"""u8.ToArray());

    public IReadOnlyList<Interaction> Received => [.. _received];

    public Task<InteractionEndpointReply> HandleAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        _received.Enqueue(interaction);
        return Task.FromResult(Respond(interaction));
    }
}

internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string EventName, string Message, Exception? Exception)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string EventName, string Message, Exception? Exception)> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue((logLevel, eventId.Name ?? "", formatter(state, exception), exception));
    }
}
