using DltBot.Catalog.Model;

namespace DltBot.Catalog.Search;

/// <summary>Infers what kind of resource an entry points at from its primary link; pure, no I/O.</summary>
public static class EntryKindClassifier
{
    private static readonly string[] VideoHosts = ["youtube.com", "youtu.be", "bilibili.com", "vimeo.com", "b23.tv"];
    private static readonly string[] CodeHosts = ["github.com", "gitlab.com", "bitbucket.org", "huggingface.co"];
    private static readonly string[] ArticleHosts =
    [
        "zhihu.com", "weixin.qq.com", "wordpress.com", "medium.com", "substack.com", "offconvex.org", "quantamagazine.org",
        "wikipedia.org", "blogspot.com", "csdn.net", "jianshu.com", "distill.pub", "lilianweng.github.io", "neverendingbooks.org",
        "math3ma.com",
    ];
    private static readonly string[] PaperHosts =
    [
        "arxiv.org", "openreview.net", "papers.nips.cc", "proceedings.neurips.cc", "proceedings.mlr.press", "jmlr.org",
        "dl.acm.org", "aclanthology.org", "ieeexplore.ieee.org", "sciencedirect.com", "nature.com", "science.org", "pnas.org",
        "mdpi.com", "ems.press", "ams.org", "engineering.org.cn", "research-collection.ethz.ch", "semanticscholar.org",
        "biorxiv.org", "ssrn.com", "papertalk.org", "link.springer.com",
    ];
    private static readonly string[] BookMarkers = ["/book/", "/books/", "bookdraft", "/book.", "book.pdf"];
    private static readonly string[] CourseMarkers =
        ["course", "lecture", "class", "teaching", "syllabus", "tutorial", "spring1", "spring2", "fall-20", "fall1", "fall2", "winter20", "/dlt"];

    /// <summary>The kind of <paramref name="entry"/>, unless <paramref name="overrides"/> (keyed by entry id) says otherwise.</summary>
    public static EntryKind Classify(Entry entry, IReadOnlyDictionary<string, EntryKind>? overrides = null) =>
        overrides is not null && overrides.TryGetValue(entry.Id, out var kind) ? kind : Classify(entry.Url);

    public static EntryKind Classify(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
            return EntryKind.Other;

        var host = uri.Host.ToLowerInvariant();
        var path = uri.AbsolutePath.ToLowerInvariant();
        if (HostIsAny(host, VideoHosts)) return EntryKind.Video;
        if (HostIsAny(host, CodeHosts)) return EntryKind.Code;
        if (BookMarkers.Any(path.Contains)) return EntryKind.Book;
        if (HostIsAny(host, ArticleHosts) || host.StartsWith("blog.", StringComparison.Ordinal) || path.Contains("/blog"))
            return EntryKind.Article;
        if (HostIsAny(host, PaperHosts) || host.StartsWith("proceedings.", StringComparison.Ordinal) || path.Contains("/journals/"))
            return EntryKind.Paper;
        if (CourseMarkers.Any(m => path.Contains(m) || host.Contains(m)))
            return EntryKind.Course;
        if (path.EndsWith(".pdf", StringComparison.Ordinal))
            return EntryKind.Paper;
        return EntryKind.Other;
    }

    private static bool HostIsAny(string host, string[] domains) =>
        domains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
}
