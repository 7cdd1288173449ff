using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>Which front end a command came through.</summary>
public enum Surface { Shell, Cli, Discord }

/// <summary>Who runs a command, as the surface knows them.</summary>
/// <param name="Permissions">The member's permission bits as Discord sends them in the interaction; 0 outside a guild.</param>
/// <param name="RoleIds">The member's roles as Discord sends them.</param>
/// <param name="IsOperator">The person at the shell or CLI: the operator of this bot, with full rights.</param>
public sealed record Caller(ulong UserId, string DisplayName, ulong Permissions, IReadOnlyList<ulong> RoleIds, bool IsOperator = false)
{
    public static Caller Operator { get; } = new(0, Environment.UserName, 0, [], IsOperator: true);

    public bool Has(ulong permission) => (Permissions & permission) == permission;
}

/// <summary>Where a command runs: a guild (and channel), or <c>local</c> for the shell and the one-shot CLI.</summary>
/// <param name="Key">The guild id as text, or <c>local</c>: the key of the guild's catalog view and (later) its stored data.</param>
public sealed record Place(string Key, ulong? GuildId, ulong? ChannelId)
{
    public const string LocalKey = "local";

    public static Place Local { get; } = new(LocalKey, null, null);

    /// <summary>A DM or a user-installed context: no guild.</summary>
    public static Place Direct(ulong? channelId) => new("dm", null, channelId);

    public static Place Guild(ulong guildId, ulong? channelId) =>
        new(guildId.ToString(System.Globalization.CultureInfo.InvariantCulture), guildId, channelId);

    public bool IsLocal => Key == LocalKey;

    public bool IsGuild => GuildId is not null;
}

/// <summary>Everything a handler gets: the command, its validated arguments, who, where, the language and the catalog for that place.</summary>
public sealed record CommandContext(
    CommandDescriptor Command,
    CommandArguments Arguments,
    Caller Caller,
    Place Place,
    Language Language,
    CatalogView Catalog,
    Surface Surface,
    string Usage = "/")
{
    /// <summary>How this surface writes another <c>/dlt</c> command in a hint: <c>dltbot topics</c> in the CLI, <c>/dlt topics</c> elsewhere.</summary>
    public string UsageOf(string subcommand) => Surface == Surface.Cli
        ? Usage + subcommand
        : Usage + CommandPath.DefaultTopLevel + " " + subcommand;
}
