namespace DltBot.Catalog.Repair;

/// <summary>
/// Turns one line of mojibake back into UTF-8 bytes through the code page and cuts it into character slots,
/// spotting the sequences that lost bytes.
/// </summary>
internal sealed class DamagedLineParser(CodePageTable table, LostByteExpander expander)
{
    public List<DamagedSlot> Parse(string line)
    {
        var slots = new List<DamagedSlot>(line.Length);
        var bytes = new List<byte>(line.Length);
        var sources = new List<string>(line.Length);
        var index = 0;
        while (index < line.Length)
        {
            var width = char.IsSurrogatePair(line, index) ? 2 : 1;
            var source = line.Substring(index, width);
            if (width == 1 && table.ByteOf(line[index]) is { } b)
            {
                bytes.Add(b);
                sources.Add(source);
            }
            else
            {
                ParseRun(bytes, sources, slots);
                slots.Add(DamagedSlot.Fixed(SlotKind.Verbatim, source));
            }
            index += width;
        }
        ParseRun(bytes, sources, slots);
        return slots;
    }

    private void ParseRun(List<byte> bytes, List<string> sources, List<DamagedSlot> slots)
    {
        var run = bytes.ToArray();
        var i = 0;
        while (i < run.Length)
        {
            var b = run[i];
            if (b < 0x80)
            {
                slots.Add(DamagedSlot.Fixed(SlotKind.Verbatim, sources[i]));
                i++;
            }
            else if (Utf8Bytes.IsLead(b))
            {
                i = ParseLed(run, i, sources, slots);
            }
            else if (Utf8Bytes.IsContinuation(b) && expander.CanLoseLeads)
            {
                i = ParseOrphans(run, i, sources, slots);
            }
            else
            {
                slots.Add(DamagedSlot.Fixed(SlotKind.Unrepairable, sources[i]));
                i++;
            }
        }
        bytes.Clear();
        sources.Clear();
    }

    private int ParseLed(byte[] run, int start, List<string> sources, List<DamagedSlot> slots)
    {
        var length = Utf8Bytes.SequenceLength(run[start]);
        var end = start + 1;
        while (end < run.Length && end - start < length && Utf8Bytes.IsContinuation(run[end])) end++;
        var span = run.AsSpan(start, end - start);
        if (span.Length == length)
        {
            slots.Add(Utf8Bytes.DecodeSingle(span) is { } character
                ? DamagedSlot.Fixed(SlotKind.Reversed, character)
                : DamagedSlot.Fixed(SlotKind.Unrepairable, Join(sources, start, end)));
            return end;
        }
        AddDamaged(expander.Expand(run[start], span[1..]), length - span.Length, sources, start, end, slots);
        return end;
    }

    private int ParseOrphans(byte[] run, int start, List<string> sources, List<DamagedSlot> slots)
    {
        var end = start;
        while (end < run.Length && end - start < 3 && Utf8Bytes.IsContinuation(run[end])) end++;
        var candidates = expander.Expand(null, run.AsSpan(start, end - start));
        var lost = candidates.Count > 0 ? System.Text.Encoding.UTF8.GetByteCount(candidates[0]) - (end - start) : 0;
        AddDamaged(candidates, lost, sources, start, end, slots);
        return end;
    }

    private static void AddDamaged(IReadOnlyList<string> candidates, int lostBytes, List<string> sources, int start, int end, List<DamagedSlot> slots)
    {
        slots.Add(candidates.Count > 0
            ? new DamagedSlot(SlotKind.Damaged, candidates, lostBytes)
            : DamagedSlot.Fixed(SlotKind.Unrepairable, Join(sources, start, end)));
    }

    private static string Join(List<string> sources, int start, int end) => string.Concat(sources.GetRange(start, end - start));
}
