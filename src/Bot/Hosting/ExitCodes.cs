namespace DltBot.Bot.Hosting;

/// <summary>Process exit codes of <c>dltbot</c>.</summary>
public static class ExitCodes
{
    /// <summary>Done; for <c>catalog check</c>: no problems.</summary>
    public const int Success = 0;

    /// <summary>The command ran but failed: unknown topic or id, unreadable file, problems found by <c>catalog check</c>; or the environment (a port in use, a locked data directory).</summary>
    public const int Failure = 1;

    /// <summary>The command line or the configuration was wrong; nothing ran.</summary>
    public const int Usage = 2;
}
