using DltBot.Discord.Models;

namespace DltBot.Discord.Builders;

/// <summary>Builds an <see cref="Embed"/>; <see cref="Build"/> enforces Discord's embed limits.</summary>
public sealed class EmbedBuilder
{
    private readonly List<EmbedField> _fields = [];
    private string? _title;
    private string? _description;
    private string? _url;
    private int? _color;
    private DateTimeOffset? _timestamp;
    private EmbedFooter? _footer;
    private EmbedAuthor? _author;
    private EmbedMedia? _thumbnail;

    public EmbedBuilder WithTitle(string title, string? url = null)
    {
        _title = title;
        _url = url ?? _url;
        return this;
    }

    public EmbedBuilder WithDescription(string description)
    {
        _description = description;
        return this;
    }

    public EmbedBuilder WithUrl(string url)
    {
        _url = url;
        return this;
    }

    /// <summary>RGB as 0xRRGGBB.</summary>
    public EmbedBuilder WithColor(int rgb)
    {
        if (rgb is < 0 or > 0xFFFFFF)
        {
            throw new DiscordLimitException("embed.color", $"is {rgb}; it must be an RGB value between 0 and 0xFFFFFF.");
        }

        _color = rgb;
        return this;
    }

    public EmbedBuilder WithTimestamp(DateTimeOffset timestamp)
    {
        _timestamp = timestamp;
        return this;
    }

    public EmbedBuilder WithFooter(string text, string? iconUrl = null)
    {
        _footer = new EmbedFooter { Text = text, IconUrl = iconUrl };
        return this;
    }

    public EmbedBuilder WithAuthor(string name, string? url = null, string? iconUrl = null)
    {
        _author = new EmbedAuthor { Name = name, Url = url, IconUrl = iconUrl };
        return this;
    }

    public EmbedBuilder WithThumbnail(string url)
    {
        _thumbnail = new EmbedMedia { Url = url };
        return this;
    }

    public EmbedBuilder AddField(string name, string value, bool inline = false)
    {
        _fields.Add(new EmbedField { Name = name, Value = value, Inline = inline });
        return this;
    }

    /// <summary>Characters counted toward the 6,000 total so far (title, description, fields, footer, author).</summary>
    public int TotalLength => EmbedValidator.TotalLength(Snapshot());

    public Embed Build()
    {
        var embed = Snapshot();
        EmbedValidator.Validate(embed, "embed");
        return embed;
    }

    private Embed Snapshot() => new()
    {
        Title = _title,
        Description = _description,
        Url = _url,
        Color = _color,
        Timestamp = _timestamp,
        Footer = _footer,
        Author = _author,
        Thumbnail = _thumbnail,
        Fields = _fields.Count == 0 ? null : _fields.ToArray(),
    };
}

/// <summary>Embed limits: title 256, description 4096, 25 fields (name 256, value 1024), footer 2048, author 256, 6000 total.</summary>
public static class EmbedValidator
{
    public static void Validate(Embed embed, string path = "embed")
    {
        TextLimits.Check(embed.Title, DiscordLimits.EmbedTitle, $"{path}.title");
        TextLimits.Check(embed.Description, DiscordLimits.EmbedDescription, $"{path}.description");
        var fields = embed.Fields ?? [];
        if (fields.Count > DiscordLimits.EmbedFields)
        {
            throw DiscordLimitException.TooMany($"{path}.fields", fields.Count, DiscordLimits.EmbedFields, "fields");
        }

        for (var i = 0; i < fields.Count; i++)
        {
            TextLimits.CheckRequired(fields[i].Name, DiscordLimits.EmbedFieldName, $"{path}.fields[{i}].name");
            TextLimits.CheckRequired(fields[i].Value, DiscordLimits.EmbedFieldValue, $"{path}.fields[{i}].value");
        }

        if (embed.Footer is { } footer)
        {
            TextLimits.CheckRequired(footer.Text, DiscordLimits.EmbedFooterText, $"{path}.footer.text");
        }

        if (embed.Author is { } author)
        {
            TextLimits.CheckRequired(author.Name, DiscordLimits.EmbedAuthorName, $"{path}.author.name");
        }

        var total = TotalLength(embed);
        if (total > DiscordLimits.EmbedTotalCharacters)
        {
            throw DiscordLimitException.TooLong(path, total, DiscordLimits.EmbedTotalCharacters, "characters in total");
        }
    }

    /// <summary>Validates each embed and the 6,000-character total across all embeds of one message.</summary>
    public static void ValidateAll(IReadOnlyList<Embed> embeds, string path = "embeds")
    {
        if (embeds.Count > DiscordLimits.EmbedsPerMessage)
        {
            throw DiscordLimitException.TooMany(path, embeds.Count, DiscordLimits.EmbedsPerMessage, "embeds");
        }

        var total = 0;
        for (var i = 0; i < embeds.Count; i++)
        {
            Validate(embeds[i], $"{path}[{i}]");
            total += TotalLength(embeds[i]);
        }

        if (total > DiscordLimits.EmbedTotalCharacters)
        {
            throw DiscordLimitException.TooLong(path, total, DiscordLimits.EmbedTotalCharacters, "characters in total across all embeds");
        }
    }

    public static int TotalLength(Embed embed) =>
        Length(embed.Title) + Length(embed.Description) + Length(embed.Footer?.Text) + Length(embed.Author?.Name)
        + (embed.Fields ?? []).Sum(f => Length(f.Name) + Length(f.Value));

    // Discord trims surrounding whitespace before counting.
    private static int Length(string? text) => text?.Trim().Length ?? 0;
}
