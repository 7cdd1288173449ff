using System.Collections.Concurrent;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace DltBot.Catalog.Search;

/// <summary>
/// Text analysis shared by indexing and querying: Unicode word breaks, full/half width folding, lower case, accent
/// folding, overlapping CJK bigrams (Chinese has no spaces), English stop words, and optionally English stemming.
/// </summary>
internal sealed class CatalogAnalyzer(bool stem, bool cjkCharactersOnly = false) : Analyzer
{
    internal const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>Token type CJKBigramFilter gives a bigram; a lone CJK character keeps its tokenizer type.</summary>
    internal const string BigramType = "<DOUBLE>";
    internal const string SingleCjkType = "<SINGLE>";

    public static CatalogAnalyzer Stemmed { get; } = new(stem: true);
    public static CatalogAnalyzer Exact { get; } = new(stem: false);

    /// <summary>Single Chinese/Japanese/Korean characters only, so a one-character query (熵) has something to match.</summary>
    public static CatalogAnalyzer CjkCharacters { get; } = new(stem: false, cjkCharactersOnly: true);

    private static readonly string[] CjkTypes = ["<IDEOGRAPHIC>", "<HIRAGANA>", "<KATAKANA>", "<HANGUL>"];

    /// <summary>
    /// UAX#29 keeps "Networks:Downsampling" as one word (':' joins letters, as in Swedish); titles here use it as
    /// punctuation. Replaced one for one, so offsets into the original text stay right.
    /// </summary>
    public static string Prepare(string text) => text.Contains(':') ? text.Replace(':', ' ') : text;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var source = new StandardTokenizer(Version, reader);
        TokenStream stream = new CJKWidthFilter(source);
        if (cjkCharactersOnly)
            return new TokenStreamComponents(source, new TypeTokenFilter(Version, stream, CjkTypes, useWhiteList: true));
        stream = new LowerCaseFilter(Version, stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new StopFilter(Version, stream, EnglishAnalyzer.DefaultStopSet);
        if (stem)
        {
            stream = new EnglishPossessiveFilter(Version, stream);
            stream = new PorterStemFilter(stream);
        }
        return new TokenStreamComponents(source, stream);
    }

    public IReadOnlyList<AnalyzedToken> Tokens(string text, string field = "q")
    {
        var tokens = new List<AnalyzedToken>();
        using var stream = GetTokenStream(field, Prepare(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        var type = stream.AddAttribute<ITypeAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add(new AnalyzedToken(term.ToString(), type.Type, position, offset.StartOffset, offset.EndOffset));
        }
        stream.End();
        return tokens;
    }
}

/// <param name="Type">The tokenizer's type: <c>&lt;ALPHANUM&gt;</c>, <c>&lt;NUM&gt;</c>, <c>&lt;DOUBLE&gt;</c> (CJK bigram), ...</param>
internal sealed record AnalyzedToken(string Text, string Type, int Position, int Start, int End)
{
    public bool IsCjk => Type is CatalogAnalyzer.BigramType or CatalogAnalyzer.SingleCjkType or "<IDEOGRAPHIC>"
        or "<HIRAGANA>" or "<KATAKANA>" or "<HANGUL>";
}

/// <summary>The English stemmer the index uses, for one word at a time (snippets, spelling).</summary>
internal static class WordStemmer
{
    private const int CacheLimit = 50_000;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly Analyzer Porter = Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new KeywordTokenizer(reader);
        return new TokenStreamComponents(source, new PorterStemFilter(source));
    });

    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CacheBySpan =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>As <see cref="Stem(string)"/>; allocates only for a word not seen before.</summary>
    public static string Stem(ReadOnlySpan<char> lowercaseWord) =>
        CacheBySpan.TryGetValue(lowercaseWord, out var cached) ? cached : Stem(lowercaseWord.ToString());

    public static string Stem(string lowercaseWord)
    {
        if (Cache.TryGetValue(lowercaseWord, out var cached))
            return cached;
        string stem;
        using (var stream = Porter.GetTokenStream("w", lowercaseWord))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            stream.Reset();
            stem = stream.IncrementToken() ? term.ToString() : lowercaseWord;
            stream.End();
        }
        if (Cache.Count < CacheLimit)
            Cache.TryAdd(lowercaseWord, stem);
        return stem;
    }
}
