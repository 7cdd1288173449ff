namespace DltBot.Catalog.Search;

/// <summary>Field names of the in-memory index and how much a match in each counts.</summary>
internal static class IndexFields
{
    public const string Title = "title";
    public const string Topic = "topic";
    public const string Description = "desc";
    /// <summary>Text of the entry's sub-items and its parent's title: they lend an entry weight, a little.</summary>
    public const string Context = "context";
    public const string Url = "url";
    public const string Characters = "chars";
    public const string Section = "section";
    public const string Kind = "kind";
    public const string Year = "year";
    public const string Ordinal = "n";

    /// <summary>Stemmed text fields (also carrying CJK bigrams) with their weights: title &gt; topic &gt; description &gt; URL.</summary>
    public static readonly (string Field, float Weight)[] Text =
    [
        (Title, 6f), (Topic, 4.5f), (Description, 1.5f), (Context, 0.5f),
    ];

    public const float UrlWeight = 0.8f;
    public const float CharactersWeight = 1.5f;
}
