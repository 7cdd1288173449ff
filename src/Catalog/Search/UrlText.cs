using System.Text;
using System.Text.RegularExpressions;

namespace DltBot.Catalog.Search;

/// <summary>Turns links into searchable words: host and path pieces, plus arXiv ids kept whole (<c>2210.01117</c>).</summary>
internal static partial class UrlText
{
    public static string For(IEnumerable<string?> urls)
    {
        var builder = new StringBuilder();
        foreach (var url in urls.Where(u => !string.IsNullOrWhiteSpace(u)).Distinct())
        {
            var lower = url!.ToLowerInvariant();
            foreach (Match id in ArxivId().Matches(lower))
                builder.Append(id.Groups[1].Value).Append(' ');
            builder.Append(NonWord().Replace(lower, " ")).Append(" \n ");
        }
        return builder.ToString();
    }

    [GeneratedRegex(@"(\d{4}\.\d{4,5})(?:v\d+)?")]
    private static partial Regex ArxivId();

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();
}
