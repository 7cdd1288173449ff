using System.Diagnostics.CodeAnalysis;

namespace DltBot.Bot.Commands.Framework;

/// <summary>Discord permission bits the policy reads.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Discord calls these bits permissions; this is not a code access security permission.")]
public static class DiscordPermission
{
    public const ulong Administrator = 1UL << 3;
    public const ulong ManageGuild = 1UL << 5;
}
