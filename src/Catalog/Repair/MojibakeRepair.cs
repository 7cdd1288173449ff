using System.Text;

namespace DltBot.Catalog.Repair;

/// <param name="Text">The repaired text (the input unchanged when it was not mojibake).</param>
/// <param name="CodePage">The code page the text went through, e.g. "windows-1254", or null when the text was clean.</param>
/// <param name="Reversed">Characters restored exactly by reversing the code page.</param>
/// <param name="Reconstructed">Characters whose lost bytes were reconstructed from context.</param>
/// <param name="Unsure">Reconstructed characters whose best candidate did not clearly beat the next one.</param>
public sealed record RepairReport(string Text, string? CodePage, int Reversed, int Reconstructed, int Unsure)
{
    /// <summary>Where each unsure character stands, for a curator to check by eye.</summary>
    public IReadOnlyList<UnsureCharacter> UnsureCharacters { get; init; } = [];

    /// <summary>Groups of bytes that no character explains; they were kept exactly as they came in.</summary>
    public int Unrepairable { get; init; }

    /// <summary>The bytes the code page lost on the way (e.g. 0x81, 0xAD), inferred from the text.</summary>
    public IReadOnlyList<byte> LostBytes { get; init; } = [];
}

/// <summary>A rebuilt character whose best candidate did not clearly beat the runner-up.</summary>
/// <param name="Line">1-based line in the repaired text.</param>
/// <param name="Column">1-based column (UTF-16 units) in the repaired text.</param>
/// <param name="Chosen">The character written.</param>
/// <param name="RunnerUp">The best other candidate.</param>
/// <param name="Margin">How many times more probable the chosen reading is than the runner-up's (natural log).</param>
public sealed record UnsureCharacter(int Line, int Column, string Chosen, string RunnerUp, double Margin);

/// <summary>Detects UTF-8 text that went through a single-byte code page and repairs it (contract).</summary>
public static class MojibakeRepair
{
    /// <summary>A choice less than this many times as likely as the runner-up's reading is reported unsure (e^2.3 ≈ 10).</summary>
    public const double UnsureLogMargin = 2.3;

    /// <summary>Repairs with the shipped jieba dictionary (loaded only when the text turns out to be mojibake).</summary>
    public static RepairReport Repair(string text) => Repair(text, () => ChineseLanguageModel.Default);

    public static RepairReport Repair(string text, ChineseLanguageModel model) => Repair(text, () => model);

    private static RepairReport Repair(string text, Func<ChineseLanguageModel> model)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fit = CodePageDetector.Detect(text);
        if (fit is null) return new RepairReport(text, null, 0, 0, 0);

        var parser = new DamagedLineParser(fit.Table, new LostByteExpander(fit.LostBytes));
        var lines = text.Split('\n');
        var repaired = new StringBuilder(text.Length);
        var unsure = new List<UnsureCharacter>();
        int reversed = 0, reconstructed = 0, unrepairable = 0;
        var parsed = lines.Select(parser.Parse).ToList();
        for (var lineIndex = 0; lineIndex < lines.Length; lineIndex++)
        {
            if (lineIndex > 0) repaired.Append('\n');
            var slots = parsed[lineIndex];
            var reading = slots.Any(slot => slot.Kind == SlotKind.Damaged)
                ? DecodeWithNeighbours(parsed, lineIndex, model())
                : LatticeReading.Trivial(slots.Count);
            var lineStart = repaired.Length;
            for (var k = 0; k < slots.Count; k++)
            {
                var slot = slots[k];
                var chosen = slot.Candidates[reading.Chosen[k]];
                switch (slot.Kind)
                {
                    case SlotKind.Reversed:
                        reversed++;
                        break;
                    case SlotKind.Unrepairable:
                        unrepairable++;
                        break;
                    case SlotKind.Damaged:
                        reconstructed++;
                        if (reading.Margins[k] < UnsureLogMargin)
                        {
                            unsure.Add(new UnsureCharacter(lineIndex + 1, repaired.Length - lineStart + 1, chosen,
                                slot.Candidates[reading.RunnerUps[k]], reading.Margins[k]));
                        }
                        break;
                }
                repaired.Append(chosen);
            }
        }
        return new RepairReport(repaired.ToString(), fit.Table.Name, reversed, reconstructed, unsure.Count)
        {
            UnsureCharacters = unsure,
            Unrepairable = unrepairable,
            LostBytes = [.. fit.LostBytes.Order()],
        };
    }

    /// <summary>Slots taken from each neighbouring line as context: Markdown wraps Chinese prose anywhere, even inside
    /// a word (拓 / 扑学), so a line's first and last characters need the other line's side of the break.</summary>
    private const int NeighbourContext = 6;

    // Decodes the line with the end of the previous line and the start of the next one around it; only the line's own
    // slots are kept. A neighbour's lost characters stay open candidates there, decided again on their own line.
    private static LatticeReading DecodeWithNeighbours(List<List<DamagedSlot>> lines, int index, ChineseLanguageModel model)
    {
        var before = index > 0 ? TrimmedEnd(lines[index - 1]) : [];
        var after = index + 1 < lines.Count ? TrimmedStart(lines[index + 1]) : [];
        var line = lines[index];
        if (before.Count == 0 && after.Count == 0) return Decode(line, model);
        // A Windows line end stays out of the way, so the line's last character meets the next line's first.
        var own = EndsWithCarriageReturn(line) ? line.Count - 1 : line.Count;
        var reading = Decode([.. before, .. line.Take(own), .. after], model);
        var range = new Range(before.Count, before.Count + own);
        var result = LatticeReading.Trivial(line.Count);
        reading.Chosen[range].CopyTo(result.Chosen, 0);
        reading.Margins[range].CopyTo(result.Margins, 0);
        reading.RunnerUps[range].CopyTo(result.RunnerUps, 0);
        if (own < line.Count) result.RunnerUps[own] = -1;
        return result;
    }

    private static bool EndsWithCarriageReturn(List<DamagedSlot> line) => line.Count > 0 && line[^1].Candidates[0] == "\r";

    private static IReadOnlyList<DamagedSlot> TrimmedEnd(List<DamagedSlot> line)
    {
        var end = EndsWithCarriageReturn(line) ? line.Count - 1 : line.Count;
        return [.. line.Take(end).Skip(Math.Max(0, end - NeighbourContext))];
    }

    private static IReadOnlyList<DamagedSlot> TrimmedStart(List<DamagedSlot> line) => [.. line.Take(NeighbourContext)];

    // A first reading gives the context that the cues reaching beyond one word need; the second decides with them.
    private static LatticeReading Decode(IReadOnlyList<DamagedSlot> slots, ChineseLanguageModel model)
    {
        var first = CandidateLattice.Decode(slots, model);
        var bonuses = ContextCues.Compute(slots, first, model);
        return bonuses is null ? first : CandidateLattice.Decode(slots, model, bonuses);
    }
}
