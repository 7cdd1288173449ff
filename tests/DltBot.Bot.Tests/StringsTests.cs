using System.Reflection;
using System.Text.RegularExpressions;
using DltBot.Bot.Localization;

namespace DltBot.Bot.Tests;

public sealed partial class StringsTests
{
    private static IEnumerable<string> DeclaredKeys() =>
        typeof(TextKey).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!);

    public static TheoryData<string> Keys() => new(DeclaredKeys());

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_key_has_English_and_Chinese_text_with_the_same_placeholders(string key)
    {
        Assert.True(Strings.All.TryGetValue(key, out var text), $"'{key}' has no entry in the string table.");
        Assert.False(string.IsNullOrWhiteSpace(text.English), $"'{key}' lacks English.");
        Assert.False(string.IsNullOrWhiteSpace(text.Chinese), $"'{key}' lacks Chinese.");
        Assert.Equal(Placeholders(text.English), Placeholders(text.Chinese));
    }

    [Fact]
    public void The_table_has_no_key_that_code_cannot_name()
    {
        var declared = DeclaredKeys().ToHashSet();
        Assert.DoesNotContain(Strings.All.Keys, k => !declared.Contains(k));
    }

    [Fact]
    public void Texts_that_are_sentences_are_actually_translated()
    {
        // Labels may coincide (a topic name pattern, a separator); a sentence that reads the same in both is a missing translation.
        var untranslated = Strings.All.Where(kv => kv.Value.English.Length > 20 && kv.Value.English == kv.Value.Chinese).Select(kv => kv.Key);
        Assert.Empty(untranslated);
    }

    [Theory]
    [InlineData("zh-CN", Language.Chinese)]
    [InlineData("zh-TW", Language.Chinese)]
    [InlineData("zh", Language.Chinese)]
    [InlineData("zh_Hans", Language.Chinese)]
    [InlineData("en-US", Language.English)]
    [InlineData("fr-FR", Language.English)]
    [InlineData("", Language.English)]
    [InlineData(null, Language.English)]
    public void Chinese_is_used_for_zh_locales_only(string? locale, Language expected) =>
        Assert.Equal(expected, Languages.FromLocale(locale));

    [Fact]
    public void Get_fills_placeholders_and_names_an_unknown_key()
    {
        Assert.Equal("主题（3 个）", Strings.Get(Language.Chinese, TextKey.TopicsTitle, 3));
        var e = Assert.Throws<KeyNotFoundException>(() => Strings.Get(Language.English, "no.such.key"));
        Assert.Contains("no.such.key", e.Message);
    }

    private static string[] Placeholders(string format) =>
        PlaceholderPattern().Matches(format).Select(m => m.Groups[1].Value).Distinct().Order().ToArray();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
