using Microsoft.Extensions.Hosting;

namespace DltBot.Bot.Hosting;

/// <summary>
/// Running as a Discord bot (Discord:Mode Gateway or Http, or a token without a mode): the Discord app in
/// <see cref="DltBot.Bot.Discord.DiscordBotApp"/> builds its own web host from the same configuration sources and settings.
/// </summary>
public static class DiscordMode
{
    public static Task<int> RunAsync(IHost host, BotHostSettings settings, TextWriter error, CancellationToken cancellationToken)
    {
        _ = host;
        return DltBot.Bot.Discord.DiscordBotApp.RunAsync(settings, error, cancellationToken);
    }
}

/// <summary>Process exit codes of <c>dltbot</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>catalog check</c>: no problems.</summary>
    public const int Success = 0;

    /// <summary>The command ran but failed: unknown topic or id, unreadable file, problems found by <c>catalog check</c>.</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration was wrong; nothing ran.</summary>
    public const int Usage = 2;
}
