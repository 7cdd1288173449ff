namespace DltBot.Bot.Interactions;

/// <summary>Discord sends the user's client locale (e.g. <c>zh-CN</c>, <c>zh-TW</c>, <c>en-US</c>); replies are Chinese for zh-*.</summary>
public static class InteractionLanguage
{
    public static bool IsChinese(string? locale) =>
        locale is not null && (locale.Equals("zh", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("zh-", StringComparison.OrdinalIgnoreCase));

    /// <summary>The user's locale, else the guild's, else English.</summary>
    public static string Pick(string? userLocale, string? guildLocale) =>
        !string.IsNullOrWhiteSpace(userLocale) ? userLocale : !string.IsNullOrWhiteSpace(guildLocale) ? guildLocale : "en-US";
}
