namespace DltBot.Bot.Rendering;

/// <summary>Terminal column widths: CJK and full-width characters take two columns, so tables need this to line up.</summary>
public static class TextWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes()) width += IsWide(rune.Value) ? 2 : 1;
        return width;
    }

    public static string PadRight(string text, int width) => text + new string(' ', Math.Max(0, width - Of(text)));

    public static string PadLeft(string text, int width) => new string(' ', Math.Max(0, width - Of(text))) + text;

    /// <summary>Cuts to at most <paramref name="width"/> columns, ending with "…" when something was cut.</summary>
    public static string Truncate(string text, int width)
    {
        if (Of(text) <= width) return text;
        var used = 0;
        var result = new System.Text.StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var w = IsWide(rune.Value) ? 2 : 1;
            if (used + w > width - 1) break;
            result.Append(rune.ToString());
            used += w;
        }
        return result.Append('…').ToString();
    }

    private static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF
            or >= 0x20000 and <= 0x3FFFD;
}
