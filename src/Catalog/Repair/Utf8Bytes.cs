using System.Buffers;
using System.Text;

namespace DltBot.Catalog.Repair;

/// <summary>UTF-8 structure rules the repair relies on.</summary>
internal static class Utf8Bytes
{
    public static bool IsContinuation(byte b) => b is >= 0x80 and <= 0xBF;

    public static bool IsLead(byte b) => b is >= 0xC2 and <= 0xF4;

    /// <summary>Total length of the sequence this lead byte announces (2-4).</summary>
    public static int SequenceLength(byte lead) => lead switch
    {
        >= 0xF0 => 4,
        >= 0xE0 => 3,
        _ => 2,
    };

    /// <summary>The character when the bytes are exactly one well-formed UTF-8 sequence, else null.</summary>
    public static string? DecodeSingle(ReadOnlySpan<byte> sequence)
    {
        var status = Rune.DecodeFromUtf8(sequence, out var rune, out var consumed);
        return status == OperationStatus.Done && consumed == sequence.Length ? rune.ToString() : null;
    }
}
