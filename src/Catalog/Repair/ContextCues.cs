namespace DltBot.Catalog.Repair;

/// <summary>
/// Evidence a word-to-word model misses because it reaches further than one word, given to damaged slots as a bonus per
/// candidate (natural log). Read from a first reading of the line, then decoded again with the bonuses:
/// <list type="bullet">
/// <item>A frame opened by 在 / 从 / 于 earlier in the same clause is usually closed by a locative (在训练过程中，
/// 从数据中学习), so 中 gets a bonus there; right after the opener it gets a penalty (在不同条件下, 在不泄露数据).</item>
/// <item>A conjunction joins two nominal words (深度与宽度, 数学与人工智能). jieba tags some nouns of this kind as
/// verbs (实践, 集合), so a two-character verb counts on the right when a list or an idiom follows it; single characters
/// never count (能, 会, 是).</item>
/// </list>
/// </summary>
internal static class ContextCues
{
    // Both worth about e^2 ≈ 7 times the odds: enough to turn a close call, not to overrule clear word evidence.
    public const double FrameBonus = 2.0;
    public const double ParallelBonus = 2.0;

    private const int FrameReach = 24;

    private static bool OpensFrame(char c) => c is '在' or '从' or '于';

    private static bool ClosesClause(char c) => c is '，' or '。' or '；' or '：' or '！' or '？' or ',' or ';' or ':' or '!' or '?' or '\n' or '（' or '）' or '(' or ')' or '、' or '[' or ']';

    private static bool IsLocative(string candidate) => candidate is "中";

    private static bool IsConjunction(string candidate) => candidate is "与" or "和" or "及" or "或";

    /// <summary>Bonus per slot and candidate, or null when no cue applies to the line.</summary>
    public static double[][]? Compute(IReadOnlyList<DamagedSlot> slots, LatticeReading reading, ChineseLanguageModel model)
    {
        var text = new char[slots.Count];
        for (var k = 0; k < slots.Count; k++)
        {
            var chosen = slots[k].Candidates[reading.Chosen[k]];
            text[k] = chosen.Length == 1 ? chosen[0] : ' ';
        }
        double[][]? bonuses = null;
        for (var k = 0; k < slots.Count; k++)
        {
            if (slots[k].Kind != SlotKind.Damaged) continue;
            var candidates = slots[k].Candidates;
            for (var c = 0; c < candidates.Count; c++)
            {
                var bonus = 0.0;
                if (IsLocative(candidates[c]) && InsideFrame(text, k, model)) bonus += FrameBonus;
                if (IsLocative(candidates[c]) && ClosesEmptyFrame(text, k, candidates[c][0], model)) bonus -= FrameBonus;
                if (IsConjunction(candidates[c]) && JoinsParallelWordsWithAnyNeighbour(slots, text, k, model)) bonus += ParallelBonus;
                if (bonus == 0) continue;
                bonuses ??= new double[slots.Count][];
                bonuses[k] ??= new double[candidates.Count];
                bonuses[k][c] = bonus;
            }
        }
        return bonuses;
    }

    private static bool InsideFrame(char[] text, int k, ChineseLanguageModel model)
    {
        for (var i = k - 2; i >= 0 && i >= k - FrameReach; i--)
        {
            var c = text[i];
            if (ClosesClause(c) || c is '中') return false;
            if (OpensFrame(c)) return !PartOfWord(text, i, model);
        }
        return false;
    }

    // Right after the opener there is nothing for a locative to close: 在不同条件下, 如何在不泄露数据 (but 在中国, 从中).
    private static bool ClosesEmptyFrame(char[] text, int k, char locative, ChineseLanguageModel model)
    {
        if (k < 1 || !OpensFrame(text[k - 1])) return false;
        if (model.WordLogProbability([text[k - 1], locative]) is not null) return false;
        return k + 1 >= text.Length || model.WordLogProbability([locative, text[k + 1]]) is null;
    }

    // 潜在, 存在, 由于, 从而: the opener is only a frame when it stands as a word of its own.
    // Only a word likelier than its two characters apart counts (潜在 does; 从实 in 从实践中 does not).
    private static bool PartOfWord(char[] text, int i, ChineseLanguageModel model) =>
        (i > 0 && IsBoundWord(text.AsSpan(i - 1, 2), model)) || (i + 1 < text.Length && IsBoundWord(text.AsSpan(i, 2), model));

    private static bool IsBoundWord(ReadOnlySpan<char> pair, ChineseLanguageModel model) =>
        model.WordLogProbability(pair) is { } together &&
        together > model.CharacterLogProbability(pair[..1]) + model.CharacterLogProbability(pair[1..]);

    // A lost neighbour was read without the conjunction (与步长 read as 不来长), so each of its candidates gets a say.
    private static bool JoinsParallelWordsWithAnyNeighbour(IReadOnlyList<DamagedSlot> slots, char[] text, int k, ChineseLanguageModel model)
    {
        if (JoinsParallelWords(text, k, model)) return true;
        foreach (var neighbour in (int[])[k - 1, k + 1])
        {
            if (neighbour < 0 || neighbour >= slots.Count || slots[neighbour].Kind != SlotKind.Damaged) continue;
            var kept = text[neighbour];
            var found = false;
            foreach (var candidate in slots[neighbour].Candidates)
            {
                if (candidate.Length != 1 || candidate[0] == kept) continue;
                text[neighbour] = candidate[0];
                found = JoinsParallelWords(text, k, model);
                if (found) break;
            }
            text[neighbour] = kept;
            if (found) return true;
        }
        return false;
    }

    private static bool JoinsParallelWords(char[] text, int k, ChineseLanguageModel model)
    {
        var left = WordEndingAt(text, k - 1, model);
        var right = WordStartingAt(text, k + 1, model);
        if (left is null || right is null || left.Value.Text == right.Value.Text) return false;
        if (!IsNominal(left.Value.Tag) || right.Value.Text.Length < 2) return false;
        if (IsNominal(right.Value.Tag)) return true;
        // A verb after the conjunction is read as a noun only when a list or a set phrase follows it (集合 in
        // 图与集合、网格, 实践 in 理论与实践紧密结合); a verb ending the clause is the common 模型不收敛。, 结论不成立。
        var next = k + 1 + right.Value.Text.Length;
        if (right.Value.Tag is not "v" || next >= text.Length) return false;
        if (text[next] == '、') return true;
        return WordStartingAt(text, next, model)?.Tag is "i";
    }

    private static bool IsNominal(string? tag) => tag is not null && (tag[0] == 'n' || tag is "vn" or "an" or "eng" or "j" or "l");

    private readonly record struct Word(string Text, string? Tag);

    private static Word? WordEndingAt(char[] text, int end, ChineseLanguageModel model)
    {
        if (end < 0) return null;
        if (char.IsAsciiLetterOrDigit(text[end])) return new Word(AsciiRun(text, end, -1), char.IsAsciiDigit(text[end]) ? "m" : "eng");
        if (!CharacterClass.IsHan(text[end])) return null;
        for (var length = Math.Min(model.MaxWordLength, end + 1); length >= 1; length--)
        {
            var span = text.AsSpan(end - length + 1, length);
            if (model.WordLogProbability(span) is not null) return new Word(new string(span), model.WordTag(span));
        }
        return null;
    }

    private static Word? WordStartingAt(char[] text, int start, ChineseLanguageModel model)
    {
        if (start >= text.Length) return null;
        if (char.IsAsciiLetterOrDigit(text[start])) return new Word(AsciiRun(text, start, +1), char.IsAsciiDigit(text[start]) ? "m" : "eng");
        if (!CharacterClass.IsHan(text[start])) return null;
        for (var length = Math.Min(model.MaxWordLength, text.Length - start); length >= 1; length--)
        {
            var span = text.AsSpan(start, length);
            if (model.WordLogProbability(span) is not null) return new Word(new string(span), model.WordTag(span));
        }
        return null;
    }

    private static string AsciiRun(char[] text, int from, int step)
    {
        var i = from;
        while (i + step >= 0 && i + step < text.Length && char.IsAsciiLetterOrDigit(text[i + step])) i += step;
        return step > 0 ? new string(text, from, i - from + 1) : new string(text, i, from - i + 1);
    }
}
