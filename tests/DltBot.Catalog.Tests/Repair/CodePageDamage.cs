using System.Text;

namespace DltBot.Catalog.Tests.Repair;

/// <summary>
/// Applies, independently of the production code, the damage the seed suffered: UTF-8 bytes read through a single-byte
/// code page, bytes the code page does not define (and the soft hyphen 0xAD) dropped, the rest saved again as text.
/// </summary>
internal static class CodePageDamage
{
    static CodePageDamage() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Apply(string original, int codePage)
    {
        var encoding = Encoding.GetEncoding(codePage);
        var damaged = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(original))
        {
            if (IsLost(encoding, b)) continue;
            damaged.Append(encoding.GetString([b]));
        }
        return damaged.ToString();
    }

    public static bool IsLost(Encoding encoding, byte b)
    {
        if (b == 0xAD) return true;
        var decoded = encoding.GetString([b]);
        return decoded is "\uFFFD" || (decoded.Length == 1 && decoded[0] is >= '\u0080' and <= '\u009F');
    }

    /// <summary>Indexes (UTF-16) of the characters of <paramref name="original"/> that lost at least one byte.</summary>
    public static IReadOnlyList<int> DamagedPositions(string original, int codePage)
    {
        var encoding = Encoding.GetEncoding(codePage);
        var positions = new List<int>();
        for (var i = 0; i < original.Length; i++)
        {
            var width = char.IsSurrogatePair(original, i) ? 2 : 1;
            if (Encoding.UTF8.GetBytes(original.Substring(i, width)).Any(b => b >= 0x80 && IsLost(encoding, b))) positions.Add(i);
            i += width - 1;
        }
        return positions;
    }
}
