using DltBot.Discord.Http;
using DltBot.Discord.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;

namespace DltBot.Bot.Interactions;

/// <summary>Http mode: Discord POSTs interactions to <c>/interactions</c>; the first answer is the HTTP reply.</summary>
internal static class HttpGlue
{
    public static void AddServices(IServiceCollection services, DiscordBotOptions options)
    {
        services.AddSingleton<IInteractionRequestHandler, HttpInteractionHandler>();
        _ = options;
    }

    public static void Map(WebApplication app, string path)
    {
        var options = app.Services.GetRequiredService<DiscordBotOptions>();
        var dispatcher = app.Services.GetRequiredService<InteractionDispatcher>();
        // Once shutdown began, new interactions get 503 at once (Discord shows the user a failure instead of a silent
        // timeout); the ones taken before are still answered, and /healthz is untouched.
        app.Use(async (context, next) =>
        {
            if (!dispatcher.IsAccepting && context.Request.Path.Equals(path, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
                await context.Response.WriteAsync("shutting down", context.RequestAborted).ConfigureAwait(false);
                return;
            }
            await next(context).ConfigureAwait(false);
        });
        app.MapDiscordInteractions(path, new DiscordInteractionsOptions { PublicKey = options.PublicKey!.Trim() });
    }
}
