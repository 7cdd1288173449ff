namespace DltBot.Catalog.Search;

/// <summary>Says what is wrong with a query before any engine sees it; null when it is usable.</summary>
public static class QueryValidator
{
    public const int MaxLength = 200;
    public const int MaxLimit = 100;

    public static string? Problem(SearchQuery? query)
    {
        if (query is null)
            return "No query was given.";
        if (string.IsNullOrWhiteSpace(query.Text))
            return query.Text is { Length: > 0 }
                ? "The query contains only whitespace; type a word to search for."
                : "The query is empty; type a word to search for.";
        if (query.Text.Length > MaxLength)
            return $"The query is {query.Text.Length} characters long; the limit is {MaxLength}.";
        for (var i = 0; i < query.Text.Length; i++)
        {
            var c = query.Text[i];
            if (char.IsControl(c))
                return $"The query contains a control character (U+{(int)c:X4}) at position {i + 1}; remove it and try again.";
            if (char.IsSurrogate(c) && !IsPairedSurrogate(query.Text, i))
                return $"The query contains a broken character (lone surrogate U+{(int)c:X4}) at position {i + 1}.";
        }
        if (query.Limit is < 1 or > MaxLimit)
            return $"The result limit must be between 1 and {MaxLimit}; it was {query.Limit}.";
        if (query.Offset < 0)
            return $"The result offset must not be negative; it was {query.Offset}.";
        if (query.Years is { } years && years.From > years.To)
            return $"The year range {years.From}-{years.To} is backwards; the first year must not be after the last.";
        if (query.Kind is { } kind && !Enum.IsDefined(kind))
            return $"Unknown entry kind {(int)kind}.";
        return null;
    }

    private static bool IsPairedSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
