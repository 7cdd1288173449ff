using DltBot.Catalog.Import;
using DltBot.Catalog.Model;

namespace DltBot.Catalog.LinkHealth;

/// <summary>What <see cref="ListHealth.Review"/> found wrong with one entry.</summary>
public abstract record HealthFinding(Entry Entry)
{
    /// <summary>The link failed its checks <see cref="LinkHealthPolicy.FailuresToDie"/> times, a week apart.</summary>
    public sealed record DeadLink(Entry Entry, LinkRecord Record) : HealthFinding(Entry);

    /// <summary>The link answers with a permanent redirect: <see cref="LinkRecord.SuggestedUrl"/> is where it moved.</summary>
    public sealed record MovedLink(Entry Entry, LinkRecord Record) : HealthFinding(Entry);

    /// <summary>Another entry, earlier in the list, has the same link or the same arXiv paper.</summary>
    /// <param name="Key">What they share: <c>arxiv:2210.01117</c> or the normalized URL.</param>
    public sealed record Duplicate(Entry Entry, Entry First, string Key) : HealthFinding(Entry);

    /// <summary>The entry has no link of its own.</summary>
    public sealed record NoLink(Entry Entry) : HealthFinding(Entry);
}

/// <summary>The link-health review of a list: dead and moved links from the stored checks, duplicates, entries without a link.</summary>
public static class ListHealth
{
    /// <summary>
    /// Every finding in list order within each kind: dead links, moved links, duplicates (each later entry of a group
    /// names the first), then entries without a link. <paramref name="records"/> gives a URL's record, or null when it
    /// was never checked.
    /// </summary>
    public static IReadOnlyList<HealthFinding> Review(ReadingList list, Func<string, LinkRecord?> records)
    {
        var entries = list.AllEntries().ToList();
        var dead = new List<HealthFinding>();
        var moved = new List<HealthFinding>();
        var duplicates = new List<HealthFinding>();
        var noLink = new List<HealthFinding>();
        var firstByKey = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (entry.Url is not { Length: > 0 } url)
            {
                noLink.Add(new HealthFinding.NoLink(entry));
                continue;
            }
            if (records(url) is { } record)
            {
                if (record.IsDead) dead.Add(new HealthFinding.DeadLink(entry, record));
                else if (record.SuggestedUrl is not null) moved.Add(new HealthFinding.MovedLink(entry, record));
            }
            var key = DuplicateKey(url);
            if (firstByKey.TryGetValue(key, out var first)) duplicates.Add(new HealthFinding.Duplicate(entry, first, key));
            else firstByKey[key] = entry;
        }
        return [.. dead, .. moved, .. duplicates, .. noLink];
    }

    /// <summary>Two links are duplicates when they name the same arXiv paper or normalize to the same URL.</summary>
    public static string DuplicateKey(string url) => StableIds.NormalizeUrl(url);

    /// <summary>The URLs a list links to, each once, in list order: what a link check visits.</summary>
    public static IEnumerable<string> Urls(ReadingList list) =>
        list.AllEntries().Select(e => e.Url).OfType<string>().Where(u => u.Length > 0).Distinct(StringComparer.Ordinal);
}
