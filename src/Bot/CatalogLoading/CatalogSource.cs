namespace DltBot.Bot.CatalogLoading;

/// <summary>What <c>Catalog:Source</c> names.</summary>
public abstract record CatalogSource
{
    public sealed record File(string Path) : CatalogSource;
    public sealed record Url(Uri Address) : CatalogSource;
    public sealed record Unsupported(string Scheme) : CatalogSource;

    public static CatalogSource Parse(string source)
    {
        var text = source.Trim();
        // A one-letter scheme is a Windows drive ("C:\..."), not a URL.
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1)
        {
            if (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) return new Url(uri);
            if (uri.Scheme == Uri.UriSchemeFile) return new File(uri.LocalPath);
            return new Unsupported(uri.Scheme);
        }
        return new File(text);
    }
}
