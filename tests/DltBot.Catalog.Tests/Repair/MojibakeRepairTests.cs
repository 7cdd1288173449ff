using System.Text;
using DltBot.Catalog.Repair;

namespace DltBot.Catalog.Tests.Repair;

public sealed class MojibakeRepairTests
{
    // Share of the lost characters of the samples that must come back right. Measured: 1254 137/141 (97.2 %),
    // 1252 109/111 (98.2 %), 1250 102/102 (1254 now 139/141); the floor leaves room for dictionary updates, not for regressions.
    private const double AccuracyFloor = 0.95;

    // Share of the lost 不 / 中 / 与 of ChineseSamples.FunctionWords that must come back right through windows-1254.
    // Measured: 44/48 with the context cues (在…中 frames, noun与noun); 22/40 of the first 40 without them.
    private const double FunctionWordFloor = 0.90;

    public static TheoryData<int> CodePages => [1254, 1252, 1250];

    [Theory]
    [MemberData(nameof(CodePages))]
    public void Detects_the_code_page_the_text_went_through(int codePage)
    {
        var damaged = CodePageDamage.Apply(ChineseSamples.All, codePage);

        var report = MojibakeRepair.Repair(damaged);

        Assert.Equal($"windows-{codePage}", report.CodePage);
    }

    [Theory]
    [MemberData(nameof(CodePages))]
    public void Rebuilds_nearly_all_lost_characters(int codePage)
    {
        var original = ChineseSamples.All;
        var lostPositions = CodePageDamage.DamagedPositions(original, codePage);

        var report = MojibakeRepair.Repair(CodePageDamage.Apply(original, codePage));

        Assert.Equal(original.Length, report.Text.Length);
        var wrong = lostPositions.Where(i => report.Text[i] != original[i]).Select(i => $"{original[i]}→{report.Text[i]}").ToList();
        var accuracy = 1.0 - (double)wrong.Count / lostPositions.Count;
        Assert.True(accuracy >= AccuracyFloor,
            $"{codePage}: {lostPositions.Count - wrong.Count}/{lostPositions.Count} right ({accuracy:P1}); wrong: {string.Join(' ', wrong)}");
        Assert.Equal(lostPositions.Count, report.Reconstructed);
    }

    [Fact]
    public void Tells_apart_the_function_words_that_lose_the_same_byte()
    {
        var original = ChineseSamples.FunctionWords;
        var positions = CodePageDamage.DamagedPositions(original, 1254).Where(i => original[i] is '不' or '中' or '与').ToList();

        var report = MojibakeRepair.Repair(CodePageDamage.Apply(original, 1254));

        var wrong = positions.Where(i => report.Text[i] != original[i])
            .Select(i => $"{original[Math.Max(0, i - 3)..i]}[{original[i]}→{report.Text[i]}]{original[(i + 1)..Math.Min(original.Length, i + 4)]}").ToList();
        var accuracy = 1.0 - (double)wrong.Count / positions.Count;
        Assert.True(positions.Count >= 40, $"the sample should exercise many 不/中/与, found {positions.Count}");
        Assert.True(accuracy >= FunctionWordFloor,
            $"{positions.Count - wrong.Count}/{positions.Count} right ({accuracy:P1}); wrong: {string.Join(' ', wrong)}");
    }

    [Theory]
    [MemberData(nameof(CodePages))]
    public void Leaves_every_undamaged_character_and_line_as_it_was(int codePage)
    {
        var original = ChineseSamples.All;
        var lost = CodePageDamage.DamagedPositions(original, codePage).ToHashSet();

        var repaired = MojibakeRepair.Repair(CodePageDamage.Apply(original, codePage)).Text;

        Assert.Equal(original.Split('\n').Length, repaired.Split('\n').Length);
        Assert.Equal(original.Length, repaired.Length);
        for (var i = 0; i < original.Length; i++)
        {
            if (!lost.Contains(i)) Assert.True(original[i] == repaired[i], $"character {i} changed: '{original[i]}' became '{repaired[i]}'");
        }
    }

    [Fact]
    public void Counts_exact_reversals_and_rebuilt_characters()
    {
        var original = ChineseSamples.Approximation;
        var nonAscii = original.Count(c => c >= 0x80);
        var lost = CodePageDamage.DamagedPositions(original, 1254).Count;

        var report = MojibakeRepair.Repair(CodePageDamage.Apply(original, 1254));

        Assert.Equal(lost, report.Reconstructed);
        Assert.Equal(nonAscii - lost, report.Reversed);
        Assert.InRange(report.Unsure, 0, report.Reconstructed);
        Assert.Equal(report.Unsure, report.UnsureCharacters.Count);
        Assert.Contains((byte)0xAD, report.LostBytes);
    }

    [Fact]
    public void Rebuilds_adjacent_lost_characters_together()
    {
        // 持 (E6 8C 81) and 续 (E7 BB AD) both lose a byte through windows-1254.
        var damaged = CodePageDamage.Apply("我们会持续更新这个列表。整理了一些深度学习的理论相关内容。", 1254);

        var report = MojibakeRepair.Repair(damaged);

        Assert.Equal("我们会持续更新这个列表。整理了一些深度学习的理论相关内容。", report.Text);
    }

    [Theory]
    [InlineData("深度学习的理论相关内容，持续更新。")]
    [InlineData("# Deep Learning Theory\n1. [Recent advances](https://arxiv.org/pdf/2012.10931.pdf) (2021)\n")]
    [InlineData("Café, naïve, Größe, Petar Veličković, Weinan È, 🔥 — “quoted”")]
    [InlineData("")]
    public void Passes_clean_text_through_unchanged(string clean)
    {
        var report = MojibakeRepair.Repair(clean);

        Assert.Equal(clean, report.Text);
        Assert.Null(report.CodePage);
        Assert.Equal(0, report.Reversed + report.Reconstructed + report.Unsure);
    }

    [Fact]
    public void Repairing_repaired_text_changes_nothing()
    {
        var repaired = MojibakeRepair.Repair(CodePageDamage.Apply(ChineseSamples.All, 1254)).Text;

        var again = MojibakeRepair.Repair(repaired);

        Assert.Null(again.CodePage);
        Assert.Equal(repaired, again.Text);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Reads_a_word_across_a_wrapped_line(string lineEnd)
    {
        // 参 (E5 8F 82) loses 0x8F; alone at the end of its line it reads as 厂, with the next line's 考 it is 参考.
        var original = ChineseSamples.Generalization + lineEnd + "以下笔记整理自公开课程，仅供参" + lineEnd + "考，欢迎指正。" + lineEnd;

        var repaired = MojibakeRepair.Repair(CodePageDamage.Apply(original, 1254)).Text;

        Assert.Contains("仅供参" + lineEnd + "考", repaired, StringComparison.Ordinal);
    }

    [Fact]
    public void Keeps_windows_line_endings()
    {
        var original = ChineseSamples.MarkdownList.Replace("\n", "\r\n", StringComparison.Ordinal);

        var repaired = MojibakeRepair.Repair(CodePageDamage.Apply(original, 1254)).Text;

        Assert.Equal(original.Count(c => c == '\r'), repaired.Count(c => c == '\r'));
        Assert.Equal(original.Split("\r\n").Length, repaired.Split("\r\n").Length);
    }

    [Fact]
    public void Reports_where_the_unsure_characters_are()
    {
        var report = MojibakeRepair.Repair(CodePageDamage.Apply(ChineseSamples.All, 1254));
        var lines = report.Text.Split('\n');

        Assert.NotEmpty(report.UnsureCharacters);
        Assert.All(report.UnsureCharacters, unsure =>
        {
            Assert.Equal(unsure.Chosen, lines[unsure.Line - 1].Substring(unsure.Column - 1, unsure.Chosen.Length));
            Assert.NotEqual(unsure.Chosen, unsure.RunnerUp);
            Assert.InRange(unsure.Margin, 0, MojibakeRepair.UnsureLogMargin);
        });
    }

    [Fact]
    public void Repairs_latin_mojibake_without_lost_bytes()
    {
        var damaged = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes("Café naïve résumé"));

        var report = MojibakeRepair.Repair(damaged);

        Assert.Equal("Café naïve résumé", report.Text);
        Assert.NotNull(report.CodePage);
        Assert.Equal(4, report.Reversed);
    }

    [Fact]
    public void Keeps_characters_the_code_page_cannot_explain()
    {
        // A stray CJK character typed into mojibake later cannot come from any single-byte code page: kept as is.
        var damaged = CodePageDamage.Apply(ChineseSamples.Generalization, 1254) + "注";

        var report = MojibakeRepair.Repair(damaged);

        Assert.Equal("windows-1254", report.CodePage);
        Assert.EndsWith("。注", report.Text);
    }
}
