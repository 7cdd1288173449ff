using System.Text;
using System.Text.RegularExpressions;

namespace DltBot.Catalog.Import;

/// <summary>
/// Short readable ids that survive description edits and re-imports: <c>arxiv:2210.01117</c> for arXiv links,
/// otherwise a slug of the normalized URL, or of section and title when there is no URL.
/// </summary>
public static partial class StableIds
{
    public const int MaxSlugLength = 60;

    /// <summary>The id an entry gets before disambiguation.</summary>
    public static string ForEntry(string? url, string sectionName, string title) =>
        url is not null && FromUrl(url) is { Length: > 0 } fromUrl
            ? fromUrl
            : Slug($"{Slugify(sectionName)}-{Slugify(title)}") is { Length: > 0 } slug ? slug : "entry";

    /// <summary><c>arxiv:ID</c> for arXiv abs/pdf links (version and .pdf dropped), else a slug of host and path.</summary>
    public static string FromUrl(string url) => ArxivId(url) is { } arxiv ? $"arxiv:{arxiv}" : SlugOfUrl(url);

    /// <summary>The arXiv identifier of an abs or pdf link, or null.</summary>
    public static string? ArxivId(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        var host = uri.Host.ToLowerInvariant();
        if (host is not ("arxiv.org" or "www.arxiv.org" or "export.arxiv.org")) return null;
        var match = ArxivPath().Match(uri.AbsolutePath);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The arXiv identifier (lowercase, version dropped) in an abs or pdf link with or without its scheme
    /// (<c>arxiv.org/pdf/2301.02679v1</c>), an <c>arXiv:2301.02679</c> reference or a bare id (<c>2301.02679</c>,
    /// <c>math/0601001</c>); null for anything else.
    /// </summary>
    public static string? ArxivIdFromText(string text)
    {
        var trimmed = text.Trim();
        if (ArxivId(trimmed) is { } fromLink) return fromLink;
        if (!trimmed.Contains("://", StringComparison.Ordinal) && ArxivId("https://" + trimmed) is { } fromBareLink) return fromBareLink;
        var match = ArxivReference().Match(trimmed);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    /// <summary>
    /// The form two links are compared in when looking for duplicates: scheme, <c>www.</c>, fragment and a trailing
    /// slash do not matter; arXiv abs and pdf links of one paper are the same.
    /// </summary>
    public static string NormalizeUrl(string url)
    {
        if (ArxivId(url) is { } arxiv) return $"arxiv:{arxiv}";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return url.Trim();
        return $"{HostWithoutWww(uri)}{uri.AbsolutePath.TrimEnd('/')}{uri.Query}";
    }

    /// <summary>Appends <c>-2</c>, <c>-3</c>… to ids already taken, in list order, so the result is deterministic.</summary>
    public static string MakeUnique(string id, ISet<string> taken)
    {
        var candidate = id;
        for (var n = 2; !taken.Add(candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    private static string SlugOfUrl(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return Slug(Slugify(url));
        var host = Slugify(HostWithoutWww(uri));
        var path = Slugify(Uri.UnescapeDataString(uri.AbsolutePath + uri.Query));
        if (path.Length == 0) return Slug(host);
        if (host.Length + 1 + path.Length <= MaxSlugLength) return $"{host}-{path}";
        // The end of a long path tells entries apart (ids, file names); keep the host and as much of the end as fits.
        var room = MaxSlugLength - host.Length - 1;
        if (room < 8) return Slug($"{host}-{path}");
        var tail = path[^room..];
        var dash = tail.IndexOf('-');
        if (dash >= 0 && dash < tail.Length - 1 && path[^(room + 1)] != '-') tail = tail[(dash + 1)..];
        return $"{host}-{tail.Trim('-')}";
    }

    private static string HostWithoutWww(Uri uri)
    {
        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    /// <summary>Lowercase letters and digits (any script), everything else one '-'.</summary>
    public static string Slugify(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }
        return sb.ToString().Trim('-');
    }

    /// <summary>Trims a slug to <see cref="MaxSlugLength"/>, at a '-' when there is one near the end.</summary>
    private static string Slug(string slug)
    {
        if (slug.Length <= MaxSlugLength) return slug;
        var cut = slug.LastIndexOf('-', MaxSlugLength);
        return (cut > MaxSlugLength / 2 ? slug[..cut] : slug[..MaxSlugLength]).Trim('-');
    }

    // New-style 2301.02679 or old-style math/0601001 (optionally with a subject class, math.GT/0601001).
    private const string ArxivIdPattern = @"([a-z\-]+(?:\.[a-z]{2})?/\d{7}|\d{4}\.\d{4,5})";

    [GeneratedRegex(@"^/(?:abs|pdf)/" + ArxivIdPattern + @"(?:v\d+)?(?:\.pdf)?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivPath();

    [GeneratedRegex(@"^(?:arxiv:\s*)?" + ArxivIdPattern + @"(?:v\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivReference();
}
