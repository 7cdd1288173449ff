using System.Globalization;

namespace DltBot.Discord.Permissions;

/// <summary>Discord's permission bits (the ones the bot reasons about; unknown bits survive parsing untouched).</summary>
[Flags]
#pragma warning disable CA1711 // "Permissions" is Discord's own word for this bit field.
public enum DiscordPermissions : ulong
#pragma warning restore CA1711
{
    None = 0,
    CreateInstantInvite = 1UL << 0,
    KickMembers = 1UL << 1,
    BanMembers = 1UL << 2,
    Administrator = 1UL << 3,
    ManageChannels = 1UL << 4,
    ManageGuild = 1UL << 5,
    AddReactions = 1UL << 6,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    SendTtsMessages = 1UL << 12,
    ManageMessages = 1UL << 13,
    EmbedLinks = 1UL << 14,
    AttachFiles = 1UL << 15,
    ReadMessageHistory = 1UL << 16,
    MentionEveryone = 1UL << 17,
    ManageRoles = 1UL << 28,
    ManageThreads = 1UL << 34,
    CreatePublicThreads = 1UL << 35,
    CreatePrivateThreads = 1UL << 36,
    SendMessagesInThreads = 1UL << 38,
    SendPolls = 1UL << 49,

    /// <summary>Every bit: what an administrator or the owner has.</summary>
    All = ulong.MaxValue,
}

public static class DiscordPermissionsText
{
    /// <summary>Reads Discord's decimal-string bit field; an absent value is no permissions.</summary>
    /// <exception cref="FormatException">The value is not an unsigned decimal integer; the message quotes it.</exception>
    public static DiscordPermissions Parse(string? value, string what = "permissions")
    {
        if (string.IsNullOrEmpty(value))
        {
            return DiscordPermissions.None;
        }

        return ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
            ? (DiscordPermissions)bits
            : throw new FormatException($"{what} '{value}' is not a permission bit field (an unsigned decimal number).");
    }

    public static string ToDecimalString(this DiscordPermissions permissions) =>
        ((ulong)permissions).ToString(CultureInfo.InvariantCulture);

    /// <summary>The name Discord's own settings show, e.g. "Send Messages" for <see cref="DiscordPermissions.SendMessages"/>.</summary>
    public static string DisplayName(this DiscordPermissions permission) => permission switch
    {
        DiscordPermissions.CreateInstantInvite => "Create Invite",
        DiscordPermissions.KickMembers => "Kick Members",
        DiscordPermissions.BanMembers => "Ban Members",
        DiscordPermissions.Administrator => "Administrator",
        DiscordPermissions.ManageChannels => "Manage Channels",
        DiscordPermissions.ManageGuild => "Manage Server",
        DiscordPermissions.AddReactions => "Add Reactions",
        DiscordPermissions.ViewChannel => "View Channel",
        DiscordPermissions.SendMessages => "Send Messages",
        DiscordPermissions.SendTtsMessages => "Send Text-to-Speech Messages",
        DiscordPermissions.ManageMessages => "Manage Messages",
        DiscordPermissions.EmbedLinks => "Embed Links",
        DiscordPermissions.AttachFiles => "Attach Files",
        DiscordPermissions.ReadMessageHistory => "Read Message History",
        DiscordPermissions.MentionEveryone => "Mention @everyone, @here, and All Roles",
        DiscordPermissions.ManageRoles => "Manage Roles",
        DiscordPermissions.ManageThreads => "Manage Threads",
        DiscordPermissions.CreatePublicThreads => "Create Public Threads",
        DiscordPermissions.CreatePrivateThreads => "Create Private Threads",
        DiscordPermissions.SendMessagesInThreads => "Send Messages in Threads",
        DiscordPermissions.SendPolls => "Create Polls",
        _ => $"permission bit {BitIndex(permission)}",
    };

    /// <summary>The single bits of <paramref name="permissions"/>, lowest first.</summary>
    public static IEnumerable<DiscordPermissions> Bits(this DiscordPermissions permissions)
    {
        var bits = (ulong)permissions;
        for (var i = 0; i < 64; i++)
        {
            var bit = 1UL << i;
            if ((bits & bit) != 0)
            {
                yield return (DiscordPermissions)bit;
            }
        }
    }

    private static string BitIndex(DiscordPermissions permission) =>
        System.Numerics.BitOperations.IsPow2((ulong)permission)
            ? System.Numerics.BitOperations.TrailingZeroCount((ulong)permission).ToString(CultureInfo.InvariantCulture)
            : ((ulong)permission).ToString(CultureInfo.InvariantCulture);
}
