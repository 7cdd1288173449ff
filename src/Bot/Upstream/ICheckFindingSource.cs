using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Moderation;

// PROVISIONAL: the seam of '/dlt-mod check' is owned by the link-health branch ('links'), which was not there yet when
// this was written. This is the least the upstream section needs; when the branches meet, keep theirs and adapt
// UpstreamCheckSource to it (delete this file).

/// <summary>One thing <c>/dlt-mod check</c> lists.</summary>
/// <param name="Kind">What sort of finding (<c>upstream-failed</c>, <c>upstream-added</c>, <c>conflict</c>…).</param>
/// <param name="EntryId">The entry it is about, or null.</param>
/// <param name="Text">One line, in the caller's language.</param>
public sealed record CheckFinding(string Kind, string? EntryId, string Text);

/// <summary>A section of <c>/dlt-mod check</c>: a title and its findings for one place.</summary>
public interface ICheckFindingSource
{
    CommandText Title { get; }

    ValueTask<IReadOnlyList<CheckFinding>> FindAsync(Place place, CatalogView view, Language language, CancellationToken cancellationToken);
}
