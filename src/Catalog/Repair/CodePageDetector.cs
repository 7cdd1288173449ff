using System.Text;

namespace DltBot.Catalog.Repair;

/// <summary>How well one code page explains a text as UTF-8 mojibake.</summary>
internal sealed record CodePageFit(
    CodePageTable Table,
    IReadOnlySet<byte> LostBytes,
    int Reversed,
    int Damaged,
    int LostByteCount,
    int ContinuationBytes,
    int Unexplained,
    int MissingSurvivors)
{
    /// <summary>Share of continuation bytes the code page would have to have lost.</summary>
    public double ObservedLossRate => ContinuationBytes == 0 ? 0 : (double)LostByteCount / ContinuationBytes;

    /// <summary>Share a real trip through this code page loses when continuation bytes are spread evenly.</summary>
    public double ExpectedLossRate => LostBytes.Count(Utf8Bytes.IsContinuation) / 64.0;

    /// <summary>
    /// Characters explained, minus those left unexplained, minus the surprise of continuation byte values this code page
    /// would have kept but that never occur (each one absent where about ContinuationBytes/64 were expected).
    /// That last term tells apart code pages that differ only in which bytes they drop.
    /// </summary>
    public double Score => Reversed + Damaged - 4.0 * Unexplained - MissingSurvivors * (ContinuationBytes / 64.0);

    /// <summary>
    /// True when the text really reads as mojibake through this code page: it yields intact multi-byte sequences,
    /// hardly anything stays unexplained, and it does not need far more lost bytes than the code page can lose
    /// (clean Latin text with accents would need nearly all of them).
    /// </summary>
    public bool IsPlausible =>
        Reversed > 0
        && Unexplained <= 0.1 * (Reversed + Damaged)
        && ObservedLossRate <= Math.Max(3 * ExpectedLossRate, 0.02);
}

/// <summary>Finds the single-byte Windows code page a UTF-8 text was wrongly decoded through, if any.</summary>
internal static class CodePageDetector
{
    public static readonly IReadOnlyList<int> CandidateCodePages = [1252, 1250, 1251, 1253, 1254, 1255, 1256, 1257, 1258, 874];

    public static CodePageFit? Detect(string text)
    {
        if (!text.Any(c => c >= 0x80)) return null;
        return Tables.Value
            .Where(table => CouldHaveProduced(text, table))
            .Select(table => Fit(text, table))
            .Where(fit => fit.IsPlausible)
            .OrderByDescending(fit => fit.Score)
            .ThenBy(fit => fit.LostBytes.Count)
            .FirstOrDefault();
    }

    private static readonly Lazy<CodePageTable[]> Tables = new(() => [.. CandidateCodePages.Select(CodePageTable.Create)]);

    // Cheap pre-check so clean text (e.g. Chinese, which no single-byte code page can produce) skips the full parse;
    // it only rejects what IsPlausible would reject, as every explained character needs at least one encodable one.
    private static bool CouldHaveProduced(string text, CodePageTable table)
    {
        int encodable = 0, foreign = 0;
        foreach (var c in text)
        {
            if (c < 0x80) continue;
            if (table.ByteOf(c) is null) foreign++;
            else encodable++;
        }
        return encodable > 0 && foreign <= 0.1 * encodable;
    }

    public static CodePageFit Fit(string text, CodePageTable table)
    {
        var lostBytes = InferLostBytes(text, table);
        var parser = new DamagedLineParser(table, new LostByteExpander(lostBytes));
        int reversed = 0, damaged = 0, lost = 0, continuations = 0, unexplained = 0;
        foreach (var slot in parser.Parse(text))
        {
            switch (slot.Kind)
            {
                case SlotKind.Reversed:
                    reversed++;
                    continuations += Encoding.UTF8.GetByteCount(slot.Candidates[0]) - 1;
                    break;
                case SlotKind.Damaged:
                    damaged++;
                    lost += slot.LostBytes;
                    continuations += Encoding.UTF8.GetByteCount(slot.Candidates[0]) - 1;
                    break;
                case SlotKind.Unrepairable:
                    unexplained++;
                    break;
                case SlotKind.Verbatim when slot.Candidates[0][0] >= 0x80:
                    unexplained++;
                    break;
            }
        }
        return new CodePageFit(table, lostBytes, reversed, damaged, lost, continuations, unexplained,
            MissingSurvivors(text, table, lostBytes));
    }

    private static int MissingSurvivors(string text, CodePageTable table, HashSet<byte> lostBytes)
    {
        var present = new HashSet<byte>();
        foreach (var c in text)
        {
            if (c >= 0x80 && table.ByteOf(c) is { } b) present.Add(b);
        }
        var missing = 0;
        for (var value = 0x80; value <= 0xBF; value++)
        {
            if (!present.Contains((byte)value) && !lostBytes.Contains((byte)value)) missing++;
        }
        return missing;
    }

    // A fragile byte that still occurs in the text evidently survived the trip, so it cannot be one of the lost ones.
    private static HashSet<byte> InferLostBytes(string text, CodePageTable table)
    {
        var lost = new HashSet<byte>(table.FragileBytes);
        foreach (var c in text)
        {
            if (c >= 0x80 && table.ByteOf(c) is { } b) lost.Remove(b);
        }
        return lost;
    }
}
