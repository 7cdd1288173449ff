using System.Globalization;
using System.Text;

namespace DltBot.Catalog;

/// <summary>
/// The one place where typed text becomes what search sees: compatibility forms folded (NFKC: full-width letters, ligatures),
/// invisible format characters removed (zero-width space and joiners, BOM, bidi marks: Unicode category Cf), and runs of
/// whitespace collapsed to one space. Text pasted from a chat or a PDF often carries these; left in, they split or hide words
/// (<c>gr\u200Bokking</c> found nothing).
/// </summary>
public static class QueryText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var folded = Fold(text);
        if (IsClean(folded))
            return folded;

        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                continue;
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>NFKC, except that text with a lone surrogate cannot be normalized; it is left for the validator to name.</summary>
    private static string Fold(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return text;
        }
    }

    /// <summary>Nothing to strip or collapse: the common case, checked without allocating.</summary>
    private static bool IsClean(string text)
    {
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c == ' ' && text[i + 1] == ' ') return false; // never the last char: checked above
                if (c != ' ' && char.IsWhiteSpace(c)) return false;
                continue;
            }
            if (char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return false;
        }
        return true;
    }
}
