using System.Globalization;

namespace DltBot.Catalog.Repair;

/// <summary>
/// Word-unigram model of Chinese built from a jieba-style dictionary (<c>word freq [tag]</c> per line):
/// log-probabilities of words, plus the prefixes needed to walk words character by character.
/// </summary>
public sealed class ChineseLanguageModel
{
    /// <summary>Where the app ships jieba's dictionary (copied to the output by DltBot.Catalog.csproj).</summary>
    public static string DefaultDictionaryPath => Path.Combine(AppContext.BaseDirectory, "jieba", "dict.txt");

    private static readonly Lazy<ChineseLanguageModel> Shared = new(() => Load(DefaultDictionaryPath));

    /// <summary>The model over the shipped jieba dictionary, loaded once on first use.</summary>
    public static ChineseLanguageModel Default => Shared.Value;

    // LogProbability is NaN for a string that is only the prefix of longer words.
    private readonly record struct Entry(double LogProbability, string? Tag);

    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public int WordCount { get; }

    public int MaxWordLength { get; }

    /// <summary>Log-probability given to a character the dictionary never lists as a word of its own.</summary>
    public double UnknownCharacterLogProbability { get; }

    /// <summary>Part-of-speech context between words, or null to score words independently.</summary>
    public PartOfSpeechTransitions? Transitions { get; private init; }

    private ChineseLanguageModel(Dictionary<string, Entry> entries, int wordCount, int maxWordLength, double unknownLogProbability)
    {
        _lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        WordCount = wordCount;
        MaxWordLength = maxWordLength;
        UnknownCharacterLogProbability = unknownLogProbability;
    }

    public static ChineseLanguageModel Load(string dictionaryPath)
    {
        if (!File.Exists(dictionaryPath))
        {
            throw new FileNotFoundException(
                $"The Chinese word dictionary needed to rebuild lost characters is missing: {dictionaryPath} " +
                "(it ships as jieba/dict.txt next to the app).", dictionaryPath);
        }
        using var reader = File.OpenText(dictionaryPath);
        var model = FromLines(ReadLines(reader).Concat(DomainWords()), dictionaryPath);
        var transitionsPath = Path.Combine(Path.GetDirectoryName(dictionaryPath) ?? ".", "pos_prob_trans.json");
        return File.Exists(transitionsPath) ? model.WithTransitions(PartOfSpeechTransitions.Load(transitionsPath)) : model;
    }

    public ChineseLanguageModel WithTransitions(PartOfSpeechTransitions? transitions) =>
        new(_lookup.Dictionary, WordCount, MaxWordLength, UnknownCharacterLogProbability) { Transitions = transitions };

    /// <summary>Builds the model from dictionary lines; <paramref name="sourceName"/> names the source in errors.</summary>
    public static ChineseLanguageModel FromLines(IEnumerable<string> lines, string sourceName = "dictionary")
    {
        var frequencies = new Dictionary<string, long>();
        // A word listed twice (jieba's line and a domain line) keeps the tag of its more frequent listing: 泛化 is a
        // rare verb in general text but mostly a noun-like verb (泛化能力, 优化与泛化) in the field.
        var tags = new Dictionary<string, (string Tag, long Frequency)>();
        var tagNames = new Dictionary<string, string>();
        var lineNumber = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var frequency))
            {
                throw new FormatException($"{sourceName}, line {lineNumber}: expected 'word frequency [tag]', got '{line}'.");
            }
            if (frequency <= 0) continue;
            frequencies[parts[0]] = frequencies.GetValueOrDefault(parts[0]) + frequency;
            if (parts.Length > 2 && (!tags.TryGetValue(parts[0], out var known) || frequency > known.Frequency))
            {
                tags[parts[0]] = (tagNames.TryGetValue(parts[2], out var shared) ? shared : tagNames[parts[2]] = parts[2], frequency);
            }
        }

        var total = Math.Max(1.0, frequencies.Values.Sum(f => (double)f));
        var entries = new Dictionary<string, Entry>(frequencies.Count * 2);
        var maxLength = 1;
        foreach (var (word, frequency) in frequencies)
        {
            entries[word] = new Entry(Math.Log(frequency / total), tags.TryGetValue(word, out var tag) ? tag.Tag : null);
            maxLength = Math.Max(maxLength, word.Length);
            for (var length = 1; length < word.Length; length++) entries.TryAdd(word[..length], new Entry(double.NaN, null));
        }
        // Half a count: rarer than anything listed, but not impossible.
        return new ChineseLanguageModel(entries, frequencies.Count, maxLength, Math.Log(0.5 / total));
    }

    /// <summary>True when some dictionary word starts with (or is) this text.</summary>
    public bool IsPrefix(ReadOnlySpan<char> text) => _lookup.ContainsKey(text);

    /// <summary>The word's log-probability, or null when it is not a dictionary word.</summary>
    public double? WordLogProbability(ReadOnlySpan<char> text) =>
        _lookup.TryGetValue(text, out var entry) && !double.IsNaN(entry.LogProbability) ? entry.LogProbability : null;

    /// <summary>The word's part-of-speech tag from the dictionary (e.g. "n", "uj"), or null.</summary>
    public string? WordTag(ReadOnlySpan<char> text) =>
        _lookup.TryGetValue(text, out var entry) && !double.IsNaN(entry.LogProbability) ? entry.Tag : null;

    public double CharacterLogProbability(ReadOnlySpan<char> character) =>
        WordLogProbability(character) ?? UnknownCharacterLogProbability;

    /// <summary>The field's own vocabulary, shipped inside the assembly, added to the general dictionary.</summary>
    public static IEnumerable<string> DomainWords()
    {
        using var stream = typeof(ChineseLanguageModel).Assembly.GetManifestResourceStream("DltBot.Catalog.Repair.domain-words.txt")
            ?? throw new InvalidOperationException("The embedded domain word list DltBot.Catalog.Repair.domain-words.txt is missing from the build.");
        using var reader = new StreamReader(stream);
        foreach (var line in ReadLines(reader)) yield return line;
    }

    private static IEnumerable<string> ReadLines(TextReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }
}
