using System.Diagnostics.CodeAnalysis;
using DltBot.Catalog.Import;

namespace DltBot.Bot.Arxiv;

/// <summary>Recognizes what a user may paste for an arXiv paper. The one parser lives in <see cref="StableIds"/>.</summary>
public static class ArxivIds
{
    /// <summary>
    /// Accepts abs and pdf links (with or without scheme and version), <c>arXiv:ID</c> and bare ids, new-style
    /// (<c>2301.02679</c>) or old-style (<c>math/0601001</c>); <paramref name="id"/> is lowercase and without version.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id)
    {
        id = string.IsNullOrWhiteSpace(text) ? null : StableIds.ArxivIdFromText(text);
        return id is not null;
    }
}
