namespace DltBot.Bot.CatalogLoading;

/// <summary>
/// How a catalog source is named. <see cref="ForLog(Uri)"/> is for operators (logs, CLI errors) and drops what may be a
/// secret: user name and password, query string and fragment. <see cref="ForUsers(Uri)"/> is what any Discord user may
/// see: only the host and the file name, never a server path.
/// </summary>
public static class SourceNames
{
    public const string Separator = " › ";

    public static string ForLog(Uri url)
    {
        if (!url.IsAbsoluteUri) return "(a relative URL)";
        var path = url.AbsolutePath;
        // Schemes .NET does not know (ftp, ...) keep "?query" inside the path, escaped.
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            path = Uri.UnescapeDataString(path).Split('?', '#')[0];
        return $"{url.Scheme}://{url.Authority}{path}";
    }

    /// <summary>A configured source (path or URL) as it may appear in a log or an error message.</summary>
    public static string ForLog(string source) =>
        Uri.TryCreate(source.Trim(), UriKind.Absolute, out var uri) && uri.Scheme.Length > 1 && uri.Scheme != Uri.UriSchemeFile
            ? ForLog(uri)
            : source;

    public static string ForUsers(Uri url)
    {
        var name = FileNameOf(url);
        return name.Length == 0 ? url.Host : url.Host + Separator + name;
    }

    public static string ForUsers(string path, bool bundled) =>
        bundled ? $"{Path.GetFileName(path)} (bundled)" : Path.GetFileName(path);

    private static string FileNameOf(Uri url)
    {
        var last = url.Segments.Length == 0 ? "" : url.Segments[^1].TrimEnd('/');
        return Uri.UnescapeDataString(last);
    }
}
