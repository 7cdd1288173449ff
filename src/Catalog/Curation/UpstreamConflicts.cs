using DltBot.Catalog.Model;

namespace DltBot.Catalog.Curation;

/// <summary>How the upstream list changed an entry a server had changed too.</summary>
public enum ConflictKind
{
    /// <summary>Upstream edited the entry after the server first changed it.</summary>
    EditedUpstream,

    /// <summary>Upstream removed the entry; the server's version stays, shown as its own addition.</summary>
    RemovedUpstream,

    /// <summary>Upstream added an entry under an id the server had used for an addition; the server's version stands.</summary>
    AddedUpstream,
}

/// <param name="Id">The entry's id.</param>
/// <param name="Title">The server's title for it (what the server shows).</param>
/// <param name="Kind">What upstream did.</param>
/// <param name="Fields">For <see cref="ConflictKind.EditedUpstream"/>: the fields upstream changed; empty otherwise.</param>
public sealed record UpstreamConflict(string Id, string Title, ConflictKind Kind, IReadOnlyList<EntryField> Fields);

/// <summary>
/// The entries a server changed that also changed upstream. The server's version is always what it shows (its overlay
/// applies by id over whatever the base list is); this only names them so a curator can look. Pure.
/// </summary>
public static class UpstreamConflicts
{
    /// <param name="baseList">Today's base list.</param>
    /// <param name="overlay">The server's changes.</param>
    /// <param name="baselines">For each changed base entry, the base fields when the server first changed it (the change
    /// log's first "before"); an overlay entry without one was added by the server.</param>
    public static IReadOnlyList<UpstreamConflict> Find(ReadingList baseList, IEnumerable<OverlayEntry> overlay,
        IReadOnlyDictionary<string, EntryFields> baselines)
    {
        var current = new Dictionary<string, EntryFields>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in baseList.Sections)
        foreach (var entry in section.Entries.SelectMany(e => e.SelfAndDescendants()))
            current.TryAdd(entry.Id, EntryFields.Of(entry, section));

        var conflicts = new List<UpstreamConflict>();
        foreach (var change in overlay.DistinctBy(o => o.Id, StringComparer.OrdinalIgnoreCase))
        {
            // A server that removed an entry does not show it, whatever upstream did to it: nothing to reconcile.
            if (change.Removed) continue;
            var inBase = current.TryGetValue(change.Id, out var now);
            if (!baselines.TryGetValue(change.Id, out var then))
            {
                if (inBase) conflicts.Add(new UpstreamConflict(change.Id, change.Fields.Title, ConflictKind.AddedUpstream, []));
                continue;
            }
            if (!inBase)
                conflicts.Add(new UpstreamConflict(change.Id, change.Fields.Title, ConflictKind.RemovedUpstream, []));
            else if (CatalogDiff.ChangedFields(then, now!) is { Count: > 0 } fields)
                conflicts.Add(new UpstreamConflict(change.Id, change.Fields.Title, ConflictKind.EditedUpstream, fields));
        }
        return conflicts;
    }
}
