using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DltBot.Discord.Http;

public static class InteractionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps Discord's HTTP interactions endpoint (POST <paramref name="pattern"/>): verifies X-Signature-Ed25519 over
    /// timestamp + raw body (401 when missing, malformed, wrong or stale), limits the body size (413), answers PING
    /// itself, rejects non-JSON and malformed interactions (400, one warning line, see <see cref="Json.InteractionValidator"/>)
    /// and hands every other interaction, parsed, to <see cref="IInteractionRequestHandler"/>
    /// from DI (500 without details if it throws). <paramref name="options"/> defaults to
    /// <c>IOptions&lt;DiscordInteractionsOptions&gt;</c>; the clock is the registered <see cref="TimeProvider"/> if any.
    /// </summary>
    /// <exception cref="ArgumentException">A setting is invalid; the message names the configuration key.</exception>
    public static IEndpointConventionBuilder MapDiscordInteractions(
        this IEndpointRouteBuilder endpoints,
        string pattern = "/interactions",
        DiscordInteractionsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        options ??= services.GetService<IOptions<DiscordInteractionsOptions>>()?.Value ?? new DiscordInteractionsOptions();
        options.Validate();
        var verifier = new Ed25519SignatureVerifier(options.PublicKey);
        var endpoint = new InteractionEndpoint(
            verifier,
            options,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILoggerFactory>()?.CreateLogger<InteractionEndpoint>() ?? NullLogger<InteractionEndpoint>.Instance);
        return endpoints.MapPost(pattern, endpoint.HandleAsync).WithDisplayName("Discord interactions");
    }
}
