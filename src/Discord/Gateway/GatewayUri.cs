namespace DltBot.Discord.Gateway;

internal static class GatewayUri
{
    /// <summary>Adds <c>v=10&amp;encoding=json</c> (replacing any v/encoding already there) and keeps other query parameters.</summary>
    public static Uri ForVersion10(Uri baseUrl)
    {
        var builder = new UriBuilder(baseUrl);
        var kept = builder.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith("v=", StringComparison.Ordinal) && !pair.StartsWith("encoding=", StringComparison.Ordinal));
        builder.Query = string.Join('&', kept.Append("v=10").Append("encoding=json"));
        if (string.IsNullOrEmpty(builder.Path))
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }
}
