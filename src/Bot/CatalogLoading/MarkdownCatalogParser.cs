using DltBot.Catalog.Import;
using DltBot.Catalog.Repair;

namespace DltBot.Bot.CatalogLoading;

/// <summary>Repairs mojibake first (a URL may serve the damaged original), then imports.</summary>
public sealed class MarkdownCatalogParser : ICatalogParser
{
    public ParsedCatalog Parse(string markdown)
    {
        var repair = MayBeMojibake(markdown) ? MojibakeRepair.Repair(markdown) : null;
        return new ParsedCatalog(MarkdownCatalogImporter.Import(repair?.Text ?? markdown), repair);
    }

    /// <summary>
    /// A cheap look before the full repair (a few hundred ms even on clean text, too slow for every start-up).
    /// Chinese that went through a single-byte code page has almost no CJK ideographs left but many other non-ASCII
    /// letters; clean Chinese text is the other way round, and plain ASCII has nothing to repair.
    /// </summary>
    public static bool MayBeMojibake(string text)
    {
        int ideographs = 0, otherNonAscii = 0;
        foreach (var c in text)
        {
            if (c < 0x80) continue;
            if (c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF') ideographs++;
            else if (char.IsLetter(c) || char.IsSymbol(c) || char.IsPunctuation(c)) otherNonAscii++;
        }
        return otherNonAscii >= 20 && ideographs * 10 < otherNonAscii;
    }
}
