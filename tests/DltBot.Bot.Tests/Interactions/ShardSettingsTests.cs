using DltBot.Bot.Interactions;

namespace DltBot.Bot.Tests.Interactions;

public sealed class ShardSettingsTests
{
    private static DiscordBotOptions Options(int count, string? ids) => new() { Mode = "Console", ShardCount = count, ShardIds = ids };

    [Theory]
    [InlineData("0-3", new[] { 0, 1, 2, 3 })]
    [InlineData("0,2,5", new[] { 0, 2, 5 })]
    [InlineData(" 4 - 5 , 0 ", new[] { 0, 4, 5 })]
    [InlineData("7", new[] { 7 })]
    public void Ids_and_ranges_are_read_in_order(string text, int[] expected) =>
        Assert.Equal(expected, ShardIdParser.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_setting_means_every_shard(string? text)
    {
        Assert.Null(ShardIdParser.Parse(text));
        Assert.Null(Options(4, text).Sharding.ShardIds);
    }

    [Theory]
    [InlineData(0, "0-", "Discord:ShardIds part '0-' is not a shard id or range")]
    [InlineData(0, "a,b", "Discord:ShardIds part 'a' is not a shard id or range")]
    [InlineData(0, "0,,1", "Discord:ShardIds part '' is not a shard id or range")]
    [InlineData(0, "-1", "Discord:ShardIds part '-1' is not a shard id or range")]
    [InlineData(0, "3-1", "Discord:ShardIds range '3-1' runs backwards")]
    [InlineData(0, "0-2,2", "Discord:ShardIds '0-2,2' lists shard 2 twice")]
    [InlineData(0, "0-99999999", "Discord:ShardIds part '0-99999999' is not a shard id or range")]
    [InlineData(4, "0-4", "Discord:ShardIds lists shard 4, but Discord:ShardCount is 4 (ids run from 0 to 3)")]
    [InlineData(-1, null, "Discord:ShardCount -1 must be between 1 and")]
    public void A_bad_setting_is_one_line_naming_the_key(int count, string? ids, string expected)
    {
        var problem = Assert.Single(Options(count, ids).Problems());
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_settings_become_the_gateways_sharding()
    {
        var options = Options(8, "4-7");
        Assert.Empty(options.Problems());
        Assert.Equal(8, options.Sharding.ShardCount);
        Assert.Equal([4, 5, 6, 7], options.Sharding.ShardIds);
    }
}
