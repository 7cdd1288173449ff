using System.Globalization;
using System.Text;

namespace DltBot.Catalog.Repair;

/// <summary>
/// The byte/character mapping of one single-byte code page, built from what the code page decodes each byte to,
/// so that encoding is the exact inverse of decoding (no best-fit substitutions).
/// </summary>
internal sealed class CodePageTable
{
    private readonly Dictionary<char, byte> _byteOfChar = [];

    public string Name { get; }

    /// <summary>
    /// Bytes that could not survive a decode/re-encode trip: bytes the code page leaves undefined, and bytes it maps to
    /// invisible format characters (e.g. the soft hyphen), which text tools routinely strip.
    /// </summary>
    public IReadOnlySet<byte> FragileBytes { get; }

    private CodePageTable(string name, Dictionary<char, byte> byteOfChar, HashSet<byte> fragile)
    {
        Name = name;
        _byteOfChar = byteOfChar;
        FragileBytes = fragile;
    }

    public static CodePageTable Create(int codePage)
    {
        CodePagesEncodingRegistration.EnsureRegistered();
        var encoding = Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, new DecoderReplacementFallback("\uFFFD"));
        var byteOfChar = new Dictionary<char, byte>();
        var fragile = new HashSet<byte>();
        for (var value = 0x80; value <= 0xFF; value++)
        {
            var decoded = encoding.GetString([(byte)value]);
            if (decoded.Length != 1 || IsUndefined(decoded[0], value))
            {
                fragile.Add((byte)value);
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(decoded[0]) == UnicodeCategory.Format) fragile.Add((byte)value);
            byteOfChar.TryAdd(decoded[0], (byte)value);
        }
        return new CodePageTable(encoding.WebName, byteOfChar, fragile);
    }

    // Windows tables "define" their holes as the C1 control of the same value; either way nothing visible survives.
    private static bool IsUndefined(char decoded, int value) =>
        decoded == '\uFFFD' || (decoded < '\u00A0' && decoded >= '\u0080') || (decoded == value && value < 0xA0);

    /// <summary>The byte this character came from, or null when the code page cannot produce it.</summary>
    public byte? ByteOf(char c) => c < 0x80 ? (byte)c : _byteOfChar.TryGetValue(c, out var b) ? b : null;
}

internal static class CodePagesEncodingRegistration
{
    private static readonly Lazy<bool> Registered = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return true;
    });

    public static void EnsureRegistered() => _ = Registered.Value;
}
