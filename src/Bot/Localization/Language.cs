namespace DltBot.Bot.Localization;

/// <summary>The languages replies are written in.</summary>
public enum Language { English, Chinese }

public static class Languages
{
    /// <summary>Chinese for any zh-* locale (zh, zh-CN, zh-TW, zh-Hans...), English otherwise.</summary>
    public static Language FromLocale(string? locale) =>
        locale is not null && (locale.Equals("zh", StringComparison.OrdinalIgnoreCase)
                               || locale.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)
                               || locale.StartsWith("zh_", StringComparison.OrdinalIgnoreCase))
            ? Language.Chinese
            : Language.English;
}
