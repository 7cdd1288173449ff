using System.Text.RegularExpressions;

namespace DltBot.Catalog.Search;

/// <summary>
/// What makes two links the same page to a reader: scheme, "www.", case, a fragment and a trailing slash do not count, and
/// an arXiv paper is one paper whether linked as abs or pdf, with or without a version.
/// </summary>
internal static partial class UrlKey
{
    /// <summary>The comparison key, or null when there is no link (such entries are never merged).</summary>
    public static string? Of(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return null;
        var text = url.Trim().ToLowerInvariant();
        if (Arxiv().Match(text) is { Success: true } paper)
            return "arxiv:" + paper.Groups[1].Value;
        if (text.IndexOf('#') is var hash and >= 0)
            text = text[..hash];
        foreach (var scheme in new[] { "https://", "http://" })
            if (text.StartsWith(scheme, StringComparison.Ordinal)) text = text[scheme.Length..];
        if (text.StartsWith("www.", StringComparison.Ordinal))
            text = text[4..];
        return text.TrimEnd('/');
    }

    [GeneratedRegex(@"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?/?(?:[?#].*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Arxiv();
}

/// <summary>Which indexed documents share a link with another, so a results page shows each link once.</summary>
internal sealed class UrlGroups
{
    private readonly int[] groupOfDoc;
    private readonly int groups;
    // A server's changes over the shared index: documents from `lowerDocs` on are the changes', numbered after its groups.
    private readonly UrlGroups? lower;
    private readonly int lowerDocs;

    private UrlGroups(int[] groupOfDoc, int groups, int sharedDocs, UrlGroups? lower = null, int lowerDocs = 0)
    {
        this.groupOfDoc = groupOfDoc;
        this.groups = groups;
        this.lower = lower;
        this.lowerDocs = lowerDocs;
        SharedDocs = sharedDocs + (lower?.SharedDocs ?? 0);
    }

    /// <summary>
    /// The groups of <paramref name="lower"/>'s documents, then those of <paramref name="upper"/> numbered after them (a
    /// link in both is two groups, as when the two were searched apart).
    /// </summary>
    public static UrlGroups Layered(UrlGroups lower, int lowerDocs, UrlGroups upper) =>
        new(upper.groupOfDoc, upper.groups, upper.SharedDocs, lower, lowerDocs);

    /// <summary>Documents beyond the first of their group: the most that collapsing can remove from a result list.</summary>
    public int SharedDocs { get; }

    public static UrlGroups For(IReadOnlyList<string?> urlOfDoc)
    {
        var docsOf = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var doc = 0; doc < urlOfDoc.Count; doc++)
            if (UrlKey.Of(urlOfDoc[doc]) is { } key)
            {
                if (!docsOf.TryGetValue(key, out var docs))
                    docsOf[key] = docs = [];
                docs.Add(doc);
            }
        var groupOfDoc = new int[urlOfDoc.Count];
        Array.Fill(groupOfDoc, -1);
        var group = 0;
        var shared = 0;
        foreach (var docs in docsOf.Values.Where(d => d.Count > 1))
        {
            foreach (var doc in docs)
                groupOfDoc[doc] = group;
            group++;
            shared += docs.Count - 1;
        }
        return new UrlGroups(groupOfDoc, group, shared);
    }

    /// <summary>The group of a document that shares its link, or -1 when its link is its own (or it has none).</summary>
    public int GroupOf(int doc)
    {
        if (lower is null) return groupOfDoc[doc];
        if (doc < lowerDocs) return lower.GroupOf(doc);
        var group = groupOfDoc[doc - lowerDocs];
        return group < 0 ? -1 : lower.groups + group;
    }
}
