using System.Globalization;

namespace DltBot.Bot.Interactions;

/// <summary>Shortens text to a character limit without splitting a surrogate pair or a combined character.</summary>
public static class TextFit
{
    public const char Ellipsis = '…';

    /// <summary>The longest prefix of whole text elements whose length is at most <paramref name="limit"/>.</summary>
    public static string Truncate(string text, int limit)
    {
        if (text.Length <= limit) return text;
        if (limit <= 0) return "";
        var cut = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var end = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (end > limit) break;
            cut = end;
        }
        return text[..cut];
    }

    /// <summary>Like <see cref="Truncate"/>, with an ellipsis when something was cut (the ellipsis counts toward the limit).</summary>
    public static string Ellipsize(string text, int limit)
    {
        if (text.Length <= limit) return text;
        return Truncate(text, limit - 1).TrimEnd() + Ellipsis;
    }
}
