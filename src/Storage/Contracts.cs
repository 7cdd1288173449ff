using DltBot.Catalog.Curation;

namespace DltBot.Storage;

/// <summary>
/// The guilds' curated entries: an append-only change log and the current overlay, changed together in one
/// transaction. Every method throws <see cref="StoreUnavailableException"/> when the database cannot be used.
/// </summary>
public interface IEntryStore
{
    /// <summary>Adds an entry under a new id; <see cref="ChangeOutcome.Unchanged"/> when the guild has the id already.</summary>
    Task<ChangeOutcome> AddAsync(string guild, string entryId, EntryFields fields, Actor actor, string? reason, CancellationToken ct);

    /// <summary>
    /// Replaces an entry's fields if its version is still <see cref="EntryEdit.ExpectedVersion"/>; otherwise
    /// <see cref="ChangeOutcome.ChangedMeanwhile"/> and nothing is written. A removed entry stays removed.
    /// </summary>
    Task<ChangeOutcome> EditAsync(string guild, EntryEdit edit, Actor actor, string? reason, CancellationToken ct);

    /// <summary>Hides an entry. <paramref name="shown"/> is the base entry's fields when the guild has not changed it yet.</summary>
    Task<ChangeOutcome> RemoveAsync(string guild, string entryId, EntryFields? shown, Actor actor, string? reason, CancellationToken ct);

    /// <summary>Shows a removed entry again.</summary>
    Task<ChangeOutcome> RestoreAsync(string guild, string entryId, Actor actor, string? reason, CancellationToken ct);

    /// <summary>The guild's overlay, in the order its entries were first changed (what <see cref="CatalogOverlay.Apply"/> takes).</summary>
    Task<IReadOnlyList<StoredEntry>> GetOverlayAsync(string guild, CancellationToken ct);

    /// <summary>One entry of the guild's overlay, or null when the guild never changed it.</summary>
    Task<StoredEntry?> GetEntryAsync(string guild, string entryId, CancellationToken ct);

    /// <summary>The guild's change log, newest first; <paramref name="page"/> counts from 0.</summary>
    Task<HistoryPage> HistoryAsync(string guild, HistoryFilter filter, int page, int pageSize, CancellationToken ct);

    /// <summary>Every guild with at least one change, to build their views at start.</summary>
    Task<IReadOnlyList<string>> GuildsWithChangesAsync(CancellationToken ct);

    /// <summary>
    /// For each entry of the guild's overlay that was a base entry when the guild first changed it: the fields the base
    /// list showed then (the logged "before" of that first change), by id. Entries the guild added are not included.
    /// Comparing them with today's base list tells whether the entry also changed upstream since.
    /// </summary>
    Task<IReadOnlyDictionary<string, EntryFields>> BaselinesAsync(string guild, CancellationToken ct);
}

/// <summary>The roles whose members may curate a guild's catalog, besides Manage Server and Administrator.</summary>
public interface ICuratorRoles
{
    /// <summary>True when the role was added, false when it was a curator role already.</summary>
    Task<bool> AddAsync(string guild, string roleId, Actor actor, CancellationToken ct);

    /// <summary>True when the role was removed, false when it was not a curator role.</summary>
    Task<bool> RemoveAsync(string guild, string roleId, CancellationToken ct);

    Task<IReadOnlyList<string>> ListAsync(string guild, CancellationToken ct);
}

/// <summary>The database itself: <c>dltbot db migrate</c>, <c>db backup</c>, <c>db check</c>.</summary>
public interface IDatabaseMaintenance
{
    /// <summary>Brings the schema up to this build's version. Throws <see cref="DatabaseTooNewException"/> for a newer database.</summary>
    Task<MigrationResult> MigrateAsync(CancellationToken ct);

    /// <summary>A consistent copy of the database at <paramref name="path"/>, taken while others keep writing.</summary>
    Task<BackupResult> BackupAsync(string path, CancellationToken ct);

    /// <summary>The database's own integrity and foreign-key checks plus the log/overlay agreement.</summary>
    Task<CheckReport> CheckAsync(CancellationToken ct);
}
