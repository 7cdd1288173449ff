using System.Diagnostics.CodeAnalysis;

namespace DltBot.Bot.Commands.Framework;

/// <summary>What kind of value an option takes; the Discord option type, the shell and CLI parse and the binder follow it.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Each kind maps one to one onto Discord's option types of the same names (STRING, INTEGER, ...).")]
public enum OptionKind { String, Integer, Boolean, Channel, Role, User }

/// <summary>Who may run a command. Checked on the server for every invocation, whatever the client showed.</summary>
public enum CommandAccess
{
    Everyone,

    /// <summary>Members with Manage Server or Administrator, or a curator role (see <see cref="ICommandAccessPolicy"/>).</summary>
    Moderator,
}

/// <summary>Where the answer shows on Discord: in the channel, or only to the person who asked.</summary>
public enum ReplyVisibility { Public, Ephemeral }

/// <summary>One fixed value an option accepts. <see cref="Aliases"/> are other spellings the shell and CLI accept.</summary>
public sealed record ChoiceDescriptor(string Value, CommandText Label, IReadOnlyList<string>? Aliases = null)
{
    public bool Matches(string text) =>
        string.Equals(Value, text, StringComparison.OrdinalIgnoreCase)
        || (Aliases?.Any(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase)) ?? false);
}

/// <summary>
/// One option of a command, described once for every surface.
/// </summary>
/// <param name="Name">The fixed option name (Discord option, <c>--name</c> in the shell and CLI).</param>
/// <param name="Positional">
/// The shell and CLI take it as the command's free words (<c>search grokking</c>) instead of <c>--name</c>; at most one
/// option of a command is positional.
/// </param>
/// <param name="What">What the value is, for "needs …" errors ("a topic name"); the localized name when null.</param>
/// <param name="Example">A filled-in example for error messages and help (<c>--year 2019-2022</c>, or the positional words).</param>
/// <param name="ChannelTypes">For a channel option: the kinds of channel Discord offers.</param>
/// <param name="TextOnly">Offered in the shell and CLI only (Discord pages with buttons instead of <c>--page</c>).</param>
/// <param name="Validate">Checks a value beyond type, length and range; null means any value of the type.</param>
/// <param name="InvalidText">The error for a value <paramref name="Validate"/> refuses ({0}: the option, {1}: the value).</param>
public sealed record OptionDescriptor(
    string Name,
    OptionKind Kind,
    CommandText Names,
    CommandText Description,
    bool Required = false,
    bool Positional = false,
    int? MinLength = null,
    int? MaxLength = null,
    long? MinValue = null,
    long? MaxValue = null,
    IReadOnlyList<ChoiceDescriptor>? Choices = null,
    IAutocompleteSource? Autocomplete = null,
    CommandText? What = null,
    string? Example = null,
    bool TextOnly = false,
    IReadOnlyList<DltBot.Discord.Models.ChannelType>? ChannelTypes = null,
    Func<string, bool>? Validate = null,
    CommandText? InvalidText = null)
{
    /// <summary>Every string option gets a cap; this is the one used when a descriptor names none.</summary>
    public const int DefaultMaxLength = 100;

    /// <summary>The cap enforced for a string option, on Discord (<c>max_length</c>) and on the server alike.</summary>
    public int? EffectiveMaxLength => Kind == OptionKind.String && Choices is null ? MaxLength ?? DefaultMaxLength : MaxLength;
}

/// <summary>
/// One runnable command (a Discord subcommand), described once: its path (<c>dlt search</c>, <c>dlt-mod potw status</c>),
/// names and description in every locale, options, who may run it and where its answer shows.
/// </summary>
public sealed record CommandDescriptor(
    CommandPath Path,
    CommandText Names,
    CommandText Description,
    IReadOnlyList<OptionDescriptor> Options,
    CommandAccess Access = CommandAccess.Everyone,
    ReplyVisibility Visibility = ReplyVisibility.Public)
{
    public string Name => Path.Leaf;

    public OptionDescriptor? Positional => Options.FirstOrDefault(o => o.Positional);

    public OptionDescriptor? Option(string name) => Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A subcommand group (<c>/dlt-mod potw …</c>): a name and description; its commands name it in their path.</summary>
public sealed record CommandGroupDescriptor(string TopLevel, string Name, CommandText Names, CommandText Description);

/// <summary>
/// A top-level command (<c>/dlt</c>, <c>/dlt-mod</c>). Discord applies permissions and contexts per top-level command,
/// so they are set here; its subcommands and groups are the <see cref="CommandDescriptor"/>s whose path starts with it.
/// </summary>
/// <param name="DefaultMemberPermissions">Discord's default_member_permissions bit set, or null for everyone.</param>
/// <param name="GuildOnly">Only in servers (Discord context 0); otherwise servers and the bot's DMs.</param>
public sealed record TopLevelDescriptor(
    string Name,
    CommandText Description,
    ulong? DefaultMemberPermissions = null,
    bool GuildOnly = false,
    IReadOnlyList<CommandGroupDescriptor>? Groups = null);

/// <summary>The words that name a command: top-level, then an optional group, then the subcommand.</summary>
public sealed record CommandPath
{
    /// <summary>
    /// The top-level command whose subcommands the shell and CLI also take without its name (<c>search</c> for
    /// <c>/dlt search</c>, <c>dltbot search</c>).
    /// </summary>
    public const string DefaultTopLevel = "dlt";

    public CommandPath(params string[] parts)
    {
        if (parts.Length is < 2 or > 3) throw new ArgumentException("A command path is a top-level command, an optional group and a subcommand.", nameof(parts));
        Parts = parts;
    }

    public IReadOnlyList<string> Parts { get; }

    public string TopLevel => Parts[0];

    public string? Group => Parts.Count == 3 ? Parts[1] : null;

    public string Leaf => Parts[^1];

    /// <summary>The path below the top-level command (<c>search</c>, <c>potw status</c>).</summary>
    public string Below => string.Join(' ', Parts.Skip(1));

    public bool Equals(CommandPath? other) => other is not null && Parts.SequenceEqual(other.Parts, StringComparer.Ordinal);

    public override int GetHashCode() => string.Join(' ', Parts).GetHashCode(StringComparison.Ordinal);

    public override string ToString() => "/" + string.Join(' ', Parts);
}
