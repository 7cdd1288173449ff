using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.FakeDiscord;

/// <summary>
/// A fake Discord on 127.0.0.1 (random port): the REST routes DltBot uses under <see cref="RestBaseUrl"/> and a
/// gateway WebSocket at <see cref="GatewayUrl"/>. Raw JSON only; it knows nothing of our client.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDiscordServer(WebApplication app, FakeDiscordOptions options)
    {
        _app = app;
        Options = options;
        var ids = new SnowflakeGenerator(options.TimeProvider);
        Rest = new FakeRest(this, options, ids);
        Gateway = new FakeGateway(this, options);
        Interactions = new FakeInteractionFactory(options, ids);
    }

    public FakeDiscordOptions Options { get; }

    public FakeRest Rest { get; }

    public FakeGateway Gateway { get; }

    /// <summary>Builds interaction payloads to send through <see cref="Gateway"/> or to an HTTP endpoint.</summary>
    public FakeInteractionFactory Interactions { get; }

    /// <summary>e.g. <c>http://127.0.0.1:PORT</c></summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>e.g. <c>http://127.0.0.1:PORT/api/v10</c> (no trailing slash), for <c>Discord:ApiBaseUrl</c>.</summary>
    public string RestBaseUrl => BaseUrl + FakeRest.ApiPrefix;

    /// <summary>e.g. <c>ws://127.0.0.1:PORT/gateway</c>, returned by GET /gateway/bot.</summary>
    public string GatewayUrl => "ws" + BaseUrl["http".Length..] + FakeGateway.GatewayPath;

    /// <summary>e.g. <c>ws://127.0.0.1:PORT/gateway-resume</c>, sent as READY's resume_gateway_url.</summary>
    public string ResumeGatewayUrl => "ws" + BaseUrl["http".Length..] + FakeGateway.ResumePath;

    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeDiscordOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        // Isolated from whatever appsettings.json or ASPNETCORE_* the test's output folder and environment carry.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeDiscordServer(app, options);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.Run(context =>
        {
            var path = context.Request.Path;
            if (FakeGateway.IsGatewayPath(path))
            {
                return server.Gateway.HandleAsync(context);
            }

            if (path.StartsWithSegments(FakeRest.ApiPrefix, StringComparison.Ordinal))
            {
                return server.Rest.HandleAsync(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Gateway.AbortAll();
        Rest.AbortHeld();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
