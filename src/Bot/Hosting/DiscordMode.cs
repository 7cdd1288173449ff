using DltBot.Bot.Localization;
using Microsoft.Extensions.Hosting;

namespace DltBot.Bot.Hosting;

/// <summary>
/// Seam for running as a Discord bot (Discord:Token set). The Discord wiring registers its hosted services in
/// <see cref="BotHost"/> and replaces this body with <c>host.RunAsync()</c>; the command layer (DltCommands + replies)
/// is already shared with the console.
/// </summary>
public static class DiscordMode
{
    public static Task<int> RunAsync(IHost host, Language language, TextWriter error, CancellationToken cancellationToken)
    {
        _ = host;
        _ = cancellationToken;
        error.WriteLine(Strings.Get(language, TextKey.DiscordNotWired));
        return Task.FromResult(ExitCodes.Failure);
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
