using System.Globalization;
using System.Text;

namespace DltBot.Catalog.Repair;

/// <summary>
/// Prior log-probabilities for candidate characters that are not Han ideographs: the punctuation of Chinese text,
/// letters with diacritics in names, and the long tail of symbols and invisible characters that a lost byte can
/// also produce but that real text almost never contains.
/// </summary>
internal static class NonHanPrior
{
    // Rough shares of all tokens in Chinese prose (comma and full stop dominate).
    private static readonly Dictionary<char, double> ChinesePunctuation = new()
    {
        ['，'] = 0.05, ['。'] = 0.03, ['、'] = 0.012, ['“'] = 0.005, ['”'] = 0.005, ['：'] = 0.004, ['（'] = 0.003,
        ['）'] = 0.003, ['；'] = 0.002, ['？'] = 0.002, ['！'] = 0.002, ['《'] = 0.002, ['》'] = 0.002, ['‘'] = 0.001,
        ['’'] = 0.002, ['—'] = 0.001, ['…'] = 0.001, ['·'] = 0.0005, ['【'] = 0.0005, ['】'] = 0.0005, ['「'] = 0.0003,
        ['」'] = 0.0003, ['『'] = 0.0001, ['』'] = 0.0001, ['〈'] = 0.0001, ['〉'] = 0.0001, ['–'] = 0.0003, ['•'] = 0.0002,
        ['～'] = 0.0002, ['％'] = 0.0002, ['　'] = 0.0005,
    };

    // Letters that carry most diacritics in European names and words.
    private const string CommonAccentedLetters =
        "éèêëáàâäãåçíìîïóòôöõøúùûüñýšžčćđłńśźżąęőűřěůťďňăşţğıÉÈÁÖÜÇŠŽČĆŁŚŻØÅ";

    public static double LogProbability(string candidate, char? before, char? after)
    {
        var rune = Rune.GetRuneAt(candidate, 0);
        if (rune.IsBmp && ChinesePunctuation.TryGetValue((char)rune.Value, out var share)) return Math.Log(share);
        var category = Rune.GetUnicodeCategory(rune);
        var logProbability = category switch
        {
            UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter when IsLatin(rune) =>
                CommonAccentedLetters.Contains(candidate, StringComparison.Ordinal) ? -9.0 : -13.0,
            UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter => -15.0,
            UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
                or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.DashPunctuation
                or UnicodeCategory.OtherPunctuation => -13.0,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.OtherSymbol
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.OtherNumber or UnicodeCategory.LetterNumber => -16.0,
            UnicodeCategory.ModifierSymbol or UnicodeCategory.ModifierLetter => -18.0,
            _ => -30.0,
        };
        return logProbability + CasePenalty(rune, before, after);
    }

    // Inside a word, a capital after a small letter is much rarer than another small letter.
    private static double CasePenalty(Rune rune, char? before, char? after)
    {
        if (!Rune.IsUpper(rune)) return 0;
        var lowerAround = (before is { } b && char.IsLower(b)) || (after is { } a && char.IsLower(a));
        return lowerAround ? -5.0 : 0;
    }

    private static bool IsLatin(Rune rune) => rune.Value is >= 0x00C0 and <= 0x024F;
}
