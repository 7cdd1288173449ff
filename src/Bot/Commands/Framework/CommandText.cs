using DltBot.Bot.Localization;

namespace DltBot.Bot.Commands.Framework;

/// <summary>
/// A text a command shows about itself (a name or a description) in the three locales Discord gets from us. Replies
/// use <see cref="Language"/>; Traditional Chinese here only feeds Discord's <c>zh-TW</c> localizations.
/// </summary>
public sealed record CommandText(string English, string SimplifiedChinese, string TraditionalChinese)
{
    /// <summary>The same text in both Chinese scripts (names such as "arXiv", or characters the scripts share).</summary>
    public CommandText(string english, string chinese) : this(english, chinese, chinese)
    {
    }

    public string In(Language language) => language == Language.Chinese ? SimplifiedChinese : English;

    /// <summary>Discord's localization map for this text.</summary>
    public IReadOnlyDictionary<string, string> DiscordLocalizations() => new Dictionary<string, string>
    {
        ["zh-CN"] = SimplifiedChinese,
        ["zh-TW"] = TraditionalChinese,
    };
}
