using System.Globalization;

namespace DltBot.Discord.Builders;

/// <summary>Length checks and safe truncation, counted in UTF-16 code units (never fewer than Discord counts).</summary>
public static class TextLimits
{
    public const string Ellipsis = "…";

    /// <summary>
    /// Fits <paramref name="text"/> into <paramref name="limit"/> characters, ending with <paramref name="ellipsis"/>
    /// when cut. Never splits a surrogate pair or a combining sequence, so Chinese and emoji stay intact.
    /// </summary>
    public static string Truncate(string text, int limit, string ellipsis = Ellipsis)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        if (text.Length <= limit)
        {
            return text;
        }

        if (ellipsis.Length >= limit)
        {
            ellipsis = string.Empty;
        }

        var budget = limit - ellipsis.Length;
        var cut = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var end = elements.ElementIndex + ((string)elements.Current).Length;
            if (end > budget)
            {
                break;
            }

            cut = end;
        }

        return text[..cut].TrimEnd() + ellipsis;
    }

    internal static void Check(string? value, int limit, string path)
    {
        if (value is not null && value.Length > limit)
        {
            throw DiscordLimitException.TooLong(path, value.Length, limit);
        }
    }

    internal static void CheckRequired(string? value, int limit, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new DiscordLimitException(path, "must not be empty.");
        }

        Check(value, limit, path);
    }
}
