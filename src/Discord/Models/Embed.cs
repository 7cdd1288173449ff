namespace DltBot.Discord.Models;

public sealed record Embed
{
    public string? Title { get; init; }

    /// <summary>Always "rich" for bot embeds; set by Discord on received messages.</summary>
    public string? Type { get; init; }

    public string? Description { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public int? Color { get; init; }
    public EmbedFooter? Footer { get; init; }
    public EmbedMedia? Image { get; init; }
    public EmbedMedia? Thumbnail { get; init; }
    public EmbedAuthor? Author { get; init; }
    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

public sealed record EmbedField
{
    public required string Name { get; init; }
    public required string Value { get; init; }
    public bool? Inline { get; init; }
}

public sealed record EmbedFooter
{
    public required string Text { get; init; }
    public string? IconUrl { get; init; }
}

public sealed record EmbedAuthor
{
    public required string Name { get; init; }
    public string? Url { get; init; }
    public string? IconUrl { get; init; }
}

public sealed record EmbedMedia
{
    public required string Url { get; init; }
    public int? Height { get; init; }
    public int? Width { get; init; }
}
