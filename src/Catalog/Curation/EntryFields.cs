using DltBot.Catalog.Model;

namespace DltBot.Catalog.Curation;

/// <summary>The fields of an entry a moderator sets.</summary>
/// <param name="Title">The entry's title.</param>
/// <param name="Url">The primary link, or null for an entry without one.</param>
/// <param name="Topic">The key of the topic (section) the entry belongs under: <see cref="Model.Topic.Key"/>.</param>
/// <param name="Year">The year, or null.</param>
/// <param name="Note">The description.</param>
public sealed record EntryFields(string Title, string? Url, string Topic, int? Year, string Note)
{
    /// <summary>The fields an entry of the list shows, with the topic of the section it sits in.</summary>
    public static EntryFields Of(Entry entry, Section section) =>
        new(entry.Title, entry.Url, section.Topic.Key, entry.Year, entry.Description);
}

/// <summary>
/// One entry of a guild's overlay: the fields it shows now and whether it is hidden. An id the base list has is an
/// edit (or removal) of that entry; any other id is an addition.
/// </summary>
public sealed record OverlayEntry(string Id, EntryFields Fields, bool Removed);
