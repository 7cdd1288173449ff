namespace DltBot.Catalog.Repair;

internal static class CharacterClass
{
    /// <summary>A Han ideograph (CJK Unified, Extension A, or Compatibility).</summary>
    public static bool IsHan(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    public static bool IsHan(string s) => s.Length == 1 && IsHan(s[0]);
}
