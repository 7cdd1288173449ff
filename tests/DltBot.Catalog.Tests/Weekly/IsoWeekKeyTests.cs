using DltBot.Catalog.Weekly;

namespace DltBot.Catalog.Tests.Weekly;

public sealed class IsoWeekKeyTests
{
    [Theory]
    [InlineData(2026, 12, 3, "2026-W49")]
    [InlineData(2027, 1, 1, "2026-W53")] // a Friday: still the last ISO week of 2026, which has 53
    [InlineData(2025, 12, 29, "2026-W01")] // a Monday in December that starts 2026's first week
    [InlineData(2026, 1, 4, "2026-W01")]
    public void A_local_date_gets_the_iso_week_key(int year, int month, int day, string expected)
    {
        Assert.Equal(expected, IsoWeekKey.Of(new DateOnly(year, month, day)).ToString());
    }

    [Fact]
    public void The_week_is_that_of_the_guilds_zone_not_of_utc()
    {
        // Sunday 2026-12-06 23:30 in Tokyo is 14:30 UTC the same day; Monday 00:30 in Tokyo is still Sunday in UTC.
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        var mondayInTokyo = new DateTimeOffset(2026, 12, 6, 15, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026-W50", IsoWeekKey.Of(mondayInTokyo, tokyo).ToString());
        Assert.Equal("2026-W49", IsoWeekKey.Of(mondayInTokyo, TimeZoneInfo.Utc).ToString());
    }

    [Fact]
    public void Keys_parse_back_and_extra_posts_have_a_suffix()
    {
        var week = new IsoWeekKey(2026, 49);

        Assert.Equal("2026-W49+1", week.Extra(1));
        Assert.True(IsoWeekKey.TryParse("2026-W49", out var parsed));
        Assert.Equal(week, parsed);
        Assert.True(IsoWeekKey.TryParse("2026-W49+2", out var extra));
        Assert.Equal(week, extra);
        Assert.Equal("W49", week.WeekLabel);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-49")]
    [InlineData("2026-W54")]
    [InlineData("2025-W53")] // 2025 has 52 ISO weeks
    [InlineData("2026-W00")]
    [InlineData("20x6-W10")]
    public void Malformed_keys_do_not_parse(string? text)
    {
        Assert.False(IsoWeekKey.TryParse(text, out _));
    }

    [Fact]
    public void Next_and_previous_cross_year_ends()
    {
        Assert.Equal(new IsoWeekKey(2027, 1), new IsoWeekKey(2026, 53).Next());
        Assert.Equal(new IsoWeekKey(2026, 53), new IsoWeekKey(2027, 1).Previous());
        Assert.Equal(new IsoWeekKey(2026, 2), new IsoWeekKey(2026, 1).Next());
    }
}
