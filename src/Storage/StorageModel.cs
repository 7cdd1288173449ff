using System.Globalization;
using DltBot.Catalog.Curation;

namespace DltBot.Storage;

/// <summary>Guild keys as stored: a Discord guild id in decimal, or <see cref="Local"/> for the shell and the CLI.</summary>
public static class GuildKeys
{
    public const string Local = "local";

    public static string Of(ulong guildId) => guildId.ToString(CultureInfo.InvariantCulture);
}

public enum ChangeAction { Add, Edit, Remove, Restore }

/// <summary>Who made a change: a Discord user id (or <c>local</c>) and the name shown at the time.</summary>
public sealed record Actor(string Id, string DisplayName);

/// <summary>A guild's current state of one curated entry.</summary>
/// <param name="Version">How many changes the entry has had; an edit names the version it read.</param>
/// <param name="ChangedUtc">When the last change was made.</param>
public sealed record StoredEntry(string Guild, string Id, EntryFields Fields, bool Removed, long Version, DateTimeOffset ChangedUtc)
{
    public OverlayEntry ToOverlay() => new(Id, Fields, Removed);
}

/// <summary>One row of the append-only change log.</summary>
/// <param name="Sequence">Position in the log; later changes have larger numbers.</param>
/// <param name="Version">The entry's version after this change.</param>
/// <param name="Before">The fields before: null for add and restore (nothing was shown).</param>
/// <param name="After">The fields after: null for remove (nothing is shown). An edit of a removed entry logs both.</param>
public sealed record EntryChange(
    long Sequence, string Guild, string EntryId, ChangeAction Action, long Version,
    EntryFields? Before, EntryFields? After, Actor Actor, string? Reason, DateTimeOffset AtUtc);

/// <summary>An edit as the moderator made it.</summary>
/// <param name="ExpectedVersion">The version the moderator saw: <see cref="StoredEntry.Version"/>, or 0 for a base
/// entry the guild has not changed yet.</param>
/// <param name="Seen">The fields the moderator saw; they become the logged "before" of a base entry's first change.</param>
/// <param name="Fields">The new fields.</param>
public sealed record EntryEdit(string EntryId, long ExpectedVersion, EntryFields Seen, EntryFields Fields);

/// <summary>What a change request came to. Only <see cref="Applied"/> wrote anything.</summary>
public abstract record ChangeOutcome
{
    private ChangeOutcome() { }

    /// <summary>The change is stored: the log row and the overlay row, in one transaction.</summary>
    public sealed record Applied(StoredEntry Entry, EntryChange Change) : ChangeOutcome;

    /// <summary>Someone changed the entry after the moderator read it; nothing was written. Shows the current values.</summary>
    public sealed record ChangedMeanwhile(StoredEntry Current) : ChangeOutcome;

    /// <summary>The guild has no such entry (neither in its overlay nor given as a base entry).</summary>
    public sealed record NotFound(string EntryId) : ChangeOutcome;

    /// <summary>The id is taken already (add), or the entry is already as asked (removed, restored, same fields).</summary>
    public sealed record Unchanged(StoredEntry Current) : ChangeOutcome;
}

/// <summary>Which log rows to show; both filters are optional.</summary>
public sealed record HistoryFilter(string? EntryId = null, string? ActorId = null);

/// <summary>One page of the log, newest first.</summary>
public sealed record HistoryPage(IReadOnlyList<EntryChange> Changes, int Page, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

/// <summary>What <c>db migrate</c> did.</summary>
public sealed record MigrationResult(int FromVersion, int ToVersion, IReadOnlyList<string> Applied);

/// <summary>A finished backup.</summary>
public sealed record BackupResult(string Path, long Bytes, int SchemaVersion);

/// <summary>What <c>db check</c> found; no findings means healthy.</summary>
public sealed record CheckReport(int SchemaVersion, IReadOnlyList<string> Findings)
{
    public bool Healthy => Findings.Count == 0;
}
