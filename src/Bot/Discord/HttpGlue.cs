using DltBot.Discord.Http;
using DltBot.Discord.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DltBot.Bot.Discord;

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
        app.MapDiscordInteractions(path, new DiscordInteractionsOptions { PublicKey = options.PublicKey!.Trim() });
    }
}
