using DltBot.Catalog.Repair;

namespace DltBot.Catalog.Tests.Repair;

public sealed class RepairPartsTests
{
    [Fact]
    public void Code_page_table_marks_undefined_bytes_and_the_soft_hyphen_as_fragile()
    {
        var table = CodePageTable.Create(1254);

        Assert.Equal("windows-1254", table.Name);
        Assert.Contains((byte)0x81, table.FragileBytes);
        Assert.Contains((byte)0xAD, table.FragileBytes);
        Assert.DoesNotContain((byte)0xA6, table.FragileBytes);
        Assert.Equal((byte)0xF0, table.ByteOf('ğ'));
        Assert.Null(table.ByteOf('中'));
    }

    [Fact]
    public void Expander_puts_lost_bytes_back_only_where_utf8_allows()
    {
        var expander = new LostByteExpander(new HashSet<byte> { 0x81, 0xAD });

        // 持 = E6 8C 81 lost its last byte; E6 81 8C (恌) is the other legal place for the lost byte.
        var candidates = expander.Expand(0xE6, [0x8C]);

        Assert.Contains("持", candidates);
        Assert.Contains("恌", candidates);
        Assert.All(candidates, c => Assert.Equal(3, System.Text.Encoding.UTF8.GetByteCount(c)));
        Assert.Empty(expander.Expand(0xF0, [])); // three lost bytes in one character are beyond rebuilding
    }

    [Fact]
    public void Language_model_scores_dictionary_words_above_unknown_strings()
    {
        var model = ChineseLanguageModel.FromLines(["深度 1000 n", "学习 2000 v", "深度学习 500 n", "学 300 v"]);

        Assert.True(model.IsPrefix("深度学"));
        Assert.NotNull(model.WordLogProbability("深度学习"));
        Assert.Null(model.WordLogProbability("深度学"));
        Assert.True(model.CharacterLogProbability("学") > model.CharacterLogProbability("偦"));
    }

    [Fact]
    public void Language_model_names_the_broken_dictionary_line()
    {
        var error = Assert.Throws<FormatException>(() => ChineseLanguageModel.FromLines(["深度 1000 n", "学习"], "dict.txt"));

        Assert.Contains("dict.txt, line 2", error.Message);
    }

    [Fact]
    public void Missing_dictionary_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "dict.txt");

        var error = Assert.Throws<FileNotFoundException>(() => ChineseLanguageModel.Load(path));

        Assert.Contains(path, error.Message);
    }
}
