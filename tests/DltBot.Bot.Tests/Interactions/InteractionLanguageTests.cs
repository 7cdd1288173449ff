using DltBot.Bot.Interactions;

namespace DltBot.Bot.Tests.Interactions;

public sealed class InteractionLanguageTests
{
    [Theory]
    [InlineData("zh-CN", true)]
    [InlineData("zh-TW", true)]
    [InlineData("ZH-cn", true)]
    [InlineData("en-US", false)]
    [InlineData("ja", false)]
    [InlineData("zhx", false)]
    [InlineData(null, false)]
    public void Chinese_for_zh_locales_only(string? locale, bool chinese) => Assert.Equal(chinese, InteractionLanguage.IsChinese(locale));

    [Theory]
    [InlineData("zh-TW", "en-US", "zh-TW")]
    [InlineData(null, "zh-CN", "zh-CN")]
    [InlineData("", null, "en-US")]
    public void The_user_locale_wins_over_the_guild_locale(string? user, string? guild, string expected) =>
        Assert.Equal(expected, InteractionLanguage.Pick(user, guild));
}
