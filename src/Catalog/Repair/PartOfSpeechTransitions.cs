using System.Text.Json;
using DltBot.Catalog.Json;

namespace DltBot.Catalog.Repair;

/// <summary>
/// How likely one word's part of speech is to follow another's, from jieba's part-of-speech HMM
/// (<c>pos_prob_trans.json</c>: log-probabilities between states such as "E-n" → "S-f", where B/E/S mark the first,
/// last and only character of a word). This is the context a word-unigram model lacks: after a noun, 中 (locative)
/// followed by 的 is far likelier than 不 (adverb) followed by 的.
/// </summary>
public sealed class PartOfSpeechTransitions
{
    /// <summary>Share of each transition taken from the plain frequency of the next state, so unseen pairs are not impossible.</summary>
    private const double Smoothing = 0.05;

    private readonly Dictionary<string, int> _stateIds;
    private readonly double[,] _adjustment;
    private readonly double[] _wordStartShare;
    private readonly Dictionary<char, IReadOnlyList<(int State, double LogShare)>> _singleStates = [];

    private PartOfSpeechTransitions(Dictionary<string, int> stateIds, double[,] adjustment, double[] wordStartShare)
    {
        _stateIds = stateIds;
        _adjustment = adjustment;
        _wordStartShare = wordStartShare;
    }

    /// <summary>
    /// The parts of speech a character takes when it stands alone as a word, with log P(state | character), from jieba's
    /// emission table (<c>pos_prob_emit.json</c>: state → character → log P(character | state)); empty when unknown.
    /// Function words need this: 与 is a preposition in the dictionary but a conjunction in "理论与实践".
    /// </summary>
    public IReadOnlyList<(int State, double LogShare)> SingleCharacterStates(char character) =>
        _singleStates.GetValueOrDefault(character) ?? [];

    public PartOfSpeechTransitions WithEmissions(Stream json, string sourceName = "emissions")
    {
        Dictionary<string, Dictionary<string, double>>? table;
        try
        {
            table = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.DictionaryStringDictionaryStringDouble);
        }
        catch (JsonException error)
        {
            throw new FormatException($"{sourceName}: not a state → character → log-probability table ({error.Message}).", error);
        }
        var joint = new Dictionary<char, List<(int State, double Weight)>>();
        foreach (var (state, row) in table ?? [])
        {
            if (!state.StartsWith("S-", StringComparison.Ordinal) || !_stateIds.TryGetValue(state, out var id)) continue;
            foreach (var (character, logProbability) in row)
            {
                if (character.Length != 1) continue;
                if (!joint.TryGetValue(character[0], out var states)) joint[character[0]] = states = [];
                states.Add((id, Math.Exp(logProbability) * _wordStartShare[id]));
            }
        }
        var result = new PartOfSpeechTransitions(_stateIds, _adjustment, _wordStartShare);
        foreach (var (character, states) in joint)
        {
            var total = states.Sum(x => x.Weight);
            result._singleStates[character] = [.. states
                .Where(x => x.Weight >= MinimumStateShare * total)
                .Select(x => (x.State, Math.Log(x.Weight / total)))];
        }
        return result;
    }

    private const double MinimumStateShare = 0.05;

    public const int NoState = -1;

    public static PartOfSpeechTransitions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The part-of-speech transition table is missing: {path} (it ships as jieba/pos_prob_trans.json).", path);
        }
        PartOfSpeechTransitions transitions;
        using (var stream = File.OpenRead(path)) transitions = FromJson(stream, path);
        var emissionsPath = Path.Combine(Path.GetDirectoryName(path) ?? ".", "pos_prob_emit.json");
        if (!File.Exists(emissionsPath)) return transitions;
        using var emissions = File.OpenRead(emissionsPath);
        return transitions.WithEmissions(emissions, emissionsPath);
    }

    public static PartOfSpeechTransitions FromJson(Stream json, string sourceName = "transitions")
    {
        Dictionary<string, Dictionary<string, double>>? table;
        try
        {
            table = JsonSerializer.Deserialize(json, CatalogJsonContext.Default.DictionaryStringDictionaryStringDouble);
        }
        catch (JsonException error)
        {
            throw new FormatException($"{sourceName}: not a state → state → log-probability table ({error.Message}).", error);
        }
        if (table is null || table.Count == 0) throw new FormatException($"{sourceName}: the transition table is empty.");

        var states = table.Keys.Concat(table.Values.SelectMany(row => row.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        var ids = states.Select((state, id) => (state, id)).ToDictionary(x => x.state, x => x.id);
        var probability = new double[states.Count, states.Count];
        foreach (var (from, row) in table)
        {
            var total = row.Values.Sum(Math.Exp);
            foreach (var (to, logProbability) in row) probability[ids[from], ids[to]] = Math.Exp(logProbability) / total;
        }

        var wordStart = StationaryShare(probability, states.Select(s => s.StartsWith("B-", StringComparison.Ordinal) || s.StartsWith("S-", StringComparison.Ordinal)).ToArray());
        var adjustment = new double[states.Count, states.Count];
        for (var from = 0; from < states.Count; from++)
        {
            for (var to = 0; to < states.Count; to++)
            {
                if (wordStart[to] <= 0) continue;
                adjustment[from, to] = Math.Log((1 - Smoothing) * probability[from, to] + Smoothing * wordStart[to]) - Math.Log(wordStart[to]);
            }
        }
        return new PartOfSpeechTransitions(ids, adjustment, wordStart);
    }

    /// <summary>The state id of a word with this tag: its first state ("B-"/"S-") or last state ("E-"/"S-").</summary>
    public int StateOf(string tag, int wordLength, bool first)
    {
        var prefix = wordLength == 1 ? "S-" : first ? "B-" : "E-";
        return _stateIds.TryGetValue(prefix + tag, out var id) ? id : NoState;
    }

    /// <summary>log P(next word's first state | previous word's last state) − log P(first state): 0 when either is unknown.</summary>
    public double Adjustment(int previousLast, int nextFirst) =>
        previousLast == NoState || nextFirst == NoState ? 0 : _adjustment[previousLast, nextFirst];

    // How often each word-starting state occurs in the long run of the chain, normalised over word-starting states.
    private static double[] StationaryShare(double[,] probability, bool[] isWordStart)
    {
        var n = isWordStart.Length;
        var share = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var round = 0; round < 200; round++)
        {
            // Half of the mass stays put (a "lazy" chain): same long-run shares, but no oscillation between B/E states.
            var next = share.Select(x => x / 2).ToArray();
            for (var from = 0; from < n; from++)
            {
                for (var to = 0; to < n; to++) next[to] += share[from] * probability[from, to] / 2;
            }
            var sum = next.Sum();
            share = [.. next.Select(x => sum > 0 ? x / sum : 1.0 / n)];
        }
        var startTotal = Enumerable.Range(0, n).Where(i => isWordStart[i]).Sum(i => share[i]);
        return [.. Enumerable.Range(0, n).Select(i => isWordStart[i] && startTotal > 0 ? share[i] / startTotal : 0)];
    }
}
