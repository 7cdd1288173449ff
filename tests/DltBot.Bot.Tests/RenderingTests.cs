using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using DltBot.Bot.Rendering;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Tests;

public sealed class RenderingTests
{
    [Theory]
    [InlineData("abc", 3)]
    [InlineData("优化", 4)]
    [InlineData("SGD 优化", 8)]
    [InlineData("（全角）", 8)]
    public void Chinese_characters_take_two_terminal_columns(string text, int width) => Assert.Equal(width, TextWidth.Of(text));

    [Fact]
    public void Truncation_counts_columns_and_marks_the_cut()
    {
        Assert.Equal("深度学…", TextWidth.Truncate("深度学习理论", 7));
        Assert.Equal("short", TextWidth.Truncate("short", 7));
    }

    [Fact]
    public void Topic_table_columns_line_up_with_mixed_scripts()
    {
        var reply = new TopicListReply(Language.English, "Topics (2)", [new("a", "Overview", "综述", 3), new("b", "Deep modeling", "深度建模", 12)]);
        var output = new StringWriter { NewLine = "\n" };
        ConsoleRenderer.Render(reply, output);
        var rows = output.ToString().TrimEnd().Split('\n').Skip(1).ToList();
        // Every row (header included) ends at the same terminal column.
        Assert.Single(rows.Select(TextWidth.Of).Distinct());
    }

    [Theory]
    [InlineData("2020", 2020, 2020)]
    [InlineData("2019-2022", 2019, 2022)]
    [InlineData("2019..2022", 2019, 2022)]
    [InlineData("2019–2022", 2019, 2022)]
    [InlineData(" 2019 - 2022 ", 2019, 2022)]
    public void Year_ranges_accept_the_usual_spellings(string text, int from, int to) =>
        Assert.Equal(new YearRange(from, to), YearRanges.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("20")]
    [InlineData("1800")]
    [InlineData("2022-2019")]
    [InlineData("2019-2020-2021")]
    [InlineData("last year")]
    public void Year_ranges_reject_the_rest(string text) => Assert.Null(YearRanges.Parse(text));
}
