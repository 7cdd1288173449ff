using System.Text;
using DltBot.Catalog.Model;

namespace DltBot.Bot.CatalogLoading;

/// <summary>What is wrong with a source that is not a catalog; <see cref="Problem"/> reads after the source's name.</summary>
public sealed class NotACatalogException(string problem) : Exception(problem)
{
    /// <summary>E.g. "contains NUL bytes (the first at byte offset 17)"; follows "The catalog X ".</summary>
    public string Problem { get; } = problem;
}

/// <summary>
/// Turns the bytes of a source into text, refusing what is not a text catalog: the importer accepts anything, so random
/// bytes would otherwise load as hundreds of entries full of U+FFFD and control characters.
/// </summary>
public static class CatalogText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            var utf16 = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
            throw new NotACatalogException(utf16
                ? "is UTF-16 text; save it as UTF-8"
                : $"contains NUL bytes (the first at byte offset {nul}, line {LineAt(bytes, nul)}); it is not a text file");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var offset = Math.Clamp(e.Index, 0, Math.Max(0, bytes.Length - 1));
            throw new NotACatalogException(
                $"is not valid UTF-8: byte offset {offset} (0x{bytes[offset]:X2}) on line {LineAt(bytes, offset)} does not decode; save the file as UTF-8");
        }
        if (string.IsNullOrWhiteSpace(text)) throw new NotACatalogException("is empty");
        return text;
    }

    /// <summary>A list without one linked entry is not the reading list (e.g. garbage Markdown, or an HTML error page).</summary>
    public static void RequireLinkedEntry(ReadingList list)
    {
        if (!list.Sections.Any(s => s.Entries.Any(e => e.SelfAndDescendants().Any(x => x.Url is not null || x.Links.Count > 0))))
            throw new NotACatalogException($"has no section with a linked entry ({list.Sections.Count} sections were found)");
    }

    private static int LineAt(ReadOnlySpan<byte> bytes, int offset) => bytes[..offset].Count((byte)'\n') + 1;
}
