using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// Something that finds problems for <c>/dlt-mod check</c> to list: link health registers one, upstream sync another
/// ("conflicts with upstream"). Register each as a singleton <see cref="ICheckFindingSource"/>; the command asks them
/// all, in registration order, and lists their findings by <see cref="CheckSection.Order"/>.
/// </summary>
public interface ICheckFindingSource
{
    /// <summary>The findings for <see cref="CheckScope.Place"/>, its text in <see cref="CheckScope.Language"/>.</summary>
    /// <exception cref="DltBot.Storage.StoreUnavailableException">The store cannot be read; the command says so.</exception>
    Task<IReadOnlyList<CheckFinding>> FindAsync(CheckScope scope, CancellationToken ct);
}

/// <summary>Where to look: the place, the catalog view it sees (base list plus its own changes), and the reply language.</summary>
public sealed record CheckScope(Place Place, CatalogView Catalog, Language Language);

/// <summary>A heading findings are grouped under; lower <see cref="Order"/> first.</summary>
public sealed record CheckSection(string Key, CommandText Title, int Order);

/// <summary>One problem with one entry, and what a button may do about it.</summary>
/// <param name="Text">The problem in words, already in the reply language (the entry id is shown before it).</param>
/// <param name="Fixes">What a moderator can do with a click; each runs <c>/dlt-mod edit</c> or <c>remove</c>, audited.</param>
public sealed record CheckFinding(CheckSection Section, string EntryId, string Text, IReadOnlyList<CheckFix> Fixes);

/// <summary>A one-click fix. The click finds the finding again before acting, so a fix of a stale page does nothing.</summary>
public abstract record CheckFix(string Reason)
{
    /// <summary>Point the entry at <paramref name="To"/> instead of <paramref name="From"/> (only if it still links to From).</summary>
    public sealed record ReplaceUrl(string From, string To, string Reason) : CheckFix(Reason);

    /// <summary>Hide the entry from this server's list (restorable).</summary>
    public sealed record Remove(string Reason) : CheckFix(Reason);
}
