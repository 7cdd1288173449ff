namespace DltBot.Catalog.Repair;

/// <summary>The best reading of a line: a chosen candidate per slot, and how clearly each damaged slot's choice won.</summary>
/// <param name="Margins">For damaged slots: log-probability lead of the best reading over the best reading that puts
/// any other candidate there (infinity when there was no other candidate); 0 elsewhere.</param>
/// <param name="RunnerUps">For damaged slots with other candidates: the candidate of that best other reading; else -1.</param>
internal sealed record LatticeReading(int[] Chosen, double[] Margins, int[] RunnerUps)
{
    public static LatticeReading Trivial(int slots) => new(new int[slots], new double[slots], new int[slots]);
}

/// <summary>
/// Chooses among the candidates of damaged slots jointly: a Viterbi search over every segmentation of the line into
/// dictionary words and single characters, so adjacent lost characters are rebuilt together (e.g. both of 持续).
/// Words score by their unigram probability plus, when the model has them, part-of-speech transitions from the
/// previous word. Forward and backward scores give each candidate's best possible reading, which measures how sure
/// a choice is.
/// </summary>
internal sealed class CandidateLattice
{
    private readonly IReadOnlyList<DamagedSlot> _slots;
    private readonly ChineseLanguageModel _model;
    private readonly PartOfSpeechTransitions? _transitions;
    private readonly List<Edge>[] _edgesByStart;
    private readonly List<int> _choices = [];
    private readonly double[][]? _bonuses;

    /// <summary>Single characters at least this probable (about 1 in 8,000 dictionary tokens) get all their parts of speech.</summary>
    private const double FunctionWordLogProbability = -9;

    private readonly record struct Edge(int Start, int End, double Weight, int FirstState, int LastState, int ChoiceOffset);

    private CandidateLattice(IReadOnlyList<DamagedSlot> slots, ChineseLanguageModel model, double[][]? bonuses)
    {
        _slots = slots;
        _bonuses = bonuses;
        _model = model;
        _transitions = model.Transitions;
        _edgesByStart = new List<Edge>[slots.Count];
        for (var i = 0; i < slots.Count; i++) _edgesByStart[i] = [];
    }

    /// <param name="bonuses">Optional extra log-score per slot and candidate (see <see cref="ContextCues"/>).</param>
    public static LatticeReading Decode(IReadOnlyList<DamagedSlot> slots, ChineseLanguageModel model, double[][]? bonuses = null)
    {
        var lattice = new CandidateLattice(slots, model, bonuses);
        lattice.AddEdges();
        return lattice.Read();
    }

    private void AddEdges()
    {
        var buffer = new char[_model.MaxWordLength];
        var choice = new int[_model.MaxWordLength];
        for (var start = 0; start < _slots.Count; start++)
        {
            var candidates = _slots[start].Candidates;
            for (var c = 0; c < candidates.Count; c++)
            {
                choice[0] = c;
                var logProbability = SingleLogProbability(start, candidates[c]);
                var functionWordStates = FunctionWordStates(candidates[c], logProbability);
                if (functionWordStates.Count == 0)
                {
                    var (first, last) = SingleStates(start, candidates[c]);
                    AddEdge(start, start + 1, logProbability, first, last, choice.AsSpan(0, 1));
                }
                foreach (var (state, logShare) in functionWordStates)
                {
                    AddEdge(start, start + 1, logProbability + logShare, state, state, choice.AsSpan(0, 1));
                }
            }
            ExtendWords(start, start, buffer, choice, 0);
        }
    }

    private void ExtendWords(int start, int position, char[] buffer, int[] choice, int length)
    {
        if (position >= _slots.Count || length >= buffer.Length) return;
        var candidates = _slots[position].Candidates;
        for (var c = 0; c < candidates.Count; c++)
        {
            if (!CharacterClass.IsHan(candidates[c])) continue;
            buffer[length] = candidates[c][0];
            var word = buffer.AsSpan(0, length + 1);
            if (!_model.IsPrefix(word)) continue;
            choice[length] = c;
            if (length >= 1 && _model.WordLogProbability(word) is { } logProbability)
            {
                var tag = _model.WordTag(word);
                AddEdge(start, position + 1, logProbability, State(tag, length + 1, first: true), State(tag, length + 1, first: false),
                    choice.AsSpan(0, length + 1));
            }
            ExtendWords(start, position + 1, buffer, choice, length + 1);
        }
    }

    private double SingleLogProbability(int index, string candidate)
    {
        if (CharacterClass.IsHan(candidate)) return _model.CharacterLogProbability(candidate);
        if (_slots[index].Kind != SlotKind.Damaged) return 0;
        return NonHanPrior.LogProbability(candidate, FixedNeighbour(index - 1, last: true), FixedNeighbour(index + 1, last: false));
    }

    // Part-of-speech states of a one-slot token, as (state when entered, state when left).
    // Latin words and numbers in Chinese prose behave as nouns and numerals (用 SGD 训练, 2021 年). Of punctuation only
    // a sentence end is entered as jieba's "x", which rewards sentence-final words (吗？); transitions out of "x", and
    // "x" for commas and brackets, proved misleading on the seed.
    private (int First, int Last) SingleStates(int index, string candidate)
    {
        if (CharacterClass.IsHan(candidate))
        {
            var state = State(_model.WordTag(candidate), 1, first: true);
            return (state, state);
        }
        var c = candidate[0];
        if (char.IsAsciiLetterOrDigit(c) && _slots[index].Kind == SlotKind.Verbatim)
        {
            var tag = char.IsAsciiDigit(c) ? "m" : "n";
            var startsWord = !IsSameAsciiClass(index - 1, c);
            var endsWord = !IsSameAsciiClass(index + 1, c);
            var length = startsWord && endsWord ? 1 : 2;
            return (startsWord ? State(tag, length, first: true) : PartOfSpeechTransitions.NoState,
                endsWord ? State(tag, length, first: false) : PartOfSpeechTransitions.NoState);
        }
        return IsSentenceEnd(c) ? (State("x", 1, first: true), PartOfSpeechTransitions.NoState) : (PartOfSpeechTransitions.NoState, PartOfSpeechTransitions.NoState);
    }

    private static bool IsSentenceEnd(char c) => c is '。' or '？' or '！' or '?' or '!';

    // Common single characters (function words above all) play several parts of speech; each gets its own edge.
    // Rare characters keep their one dictionary tag: their corpus statistics are too thin and let them win by accident.
    private IReadOnlyList<(int State, double LogShare)> FunctionWordStates(string candidate, double logProbability) =>
        _transitions is not null && CharacterClass.IsHan(candidate) && logProbability >= FunctionWordLogProbability
            ? _transitions.SingleCharacterStates(candidate[0])
            : [];

    private bool IsSameAsciiClass(int index, char c)
    {
        if (index < 0 || index >= _slots.Count || _slots[index].Kind != SlotKind.Verbatim) return false;
        var other = _slots[index].Candidates[0][0];
        return char.IsAsciiDigit(c) ? char.IsAsciiDigit(other) : char.IsAsciiLetter(other);
    }

    private int State(string? tag, int length, bool first) =>
        tag is null || _transitions is null ? PartOfSpeechTransitions.NoState : _transitions.StateOf(tag, length, first);

    private double Transition(int previousLast, int nextFirst) => _transitions?.Adjustment(previousLast, nextFirst) ?? 0;

    private char? FixedNeighbour(int index, bool last)
    {
        if (index < 0 || index >= _slots.Count || _slots[index].Kind == SlotKind.Damaged) return null;
        var text = _slots[index].Candidates[0];
        return last ? text[^1] : text[0];
    }

    private void AddEdge(int start, int end, double weight, int firstState, int lastState, ReadOnlySpan<int> choice)
    {
        if (_bonuses is not null)
        {
            for (var k = 0; k < choice.Length; k++) weight += _bonuses[start + k]?[choice[k]] ?? 0;
        }
        _edgesByStart[start].Add(new Edge(start, end, weight, firstState, lastState, _choices.Count));
        foreach (var c in choice) _choices.Add(c);
    }

    private readonly record struct Best(double Score, int EdgeStart, int EdgeIndex, int PreviousState);

    private LatticeReading Read()
    {
        var n = _slots.Count;
        // forward[i][state]: best score of slots [0, i) whose last word ends in that part-of-speech state.
        var forward = new Dictionary<int, Best>[n + 1];
        for (var i = 0; i <= n; i++) forward[i] = [];
        forward[0][PartOfSpeechTransitions.NoState] = new Best(0, -1, -1, PartOfSpeechTransitions.NoState);
        for (var i = 0; i < n; i++)
        {
            var edges = _edgesByStart[i];
            for (var e = 0; e < edges.Count; e++)
            {
                var edge = edges[e];
                var target = forward[edge.End];
                foreach (var (state, best) in forward[i])
                {
                    var score = best.Score + Transition(state, edge.FirstState) + edge.Weight;
                    if (!target.TryGetValue(edge.LastState, out var current) || score > current.Score)
                    {
                        target[edge.LastState] = new Best(score, i, e, state);
                    }
                }
            }
        }

        // backward[i][state]: best score of slots [i, n) after a word ending in that state.
        var backward = new Dictionary<int, double>[n + 1];
        backward[n] = forward[n].Keys.ToDictionary(state => state, _ => 0.0);
        for (var i = n - 1; i >= 0; i--)
        {
            backward[i] = [];
            foreach (var state in forward[i].Keys)
            {
                var best = double.NegativeInfinity;
                foreach (var edge in _edgesByStart[i])
                {
                    if (backward[edge.End].TryGetValue(edge.LastState, out var rest))
                    {
                        best = Math.Max(best, Transition(state, edge.FirstState) + edge.Weight + rest);
                    }
                }
                backward[i][state] = best;
            }
        }

        var chosen = new int[n];
        var (endState, endBest) = forward[n].MaxBy(pair => pair.Value.Score);
        for (int position = n, state = endState; position > 0;)
        {
            var step = forward[position][state];
            var edge = _edgesByStart[step.EdgeStart][step.EdgeIndex];
            for (var k = edge.Start; k < edge.End; k++) chosen[k] = _choices[edge.ChoiceOffset + k - edge.Start];
            position = edge.Start;
            state = step.PreviousState;
        }

        var (margins, runnerUps) = Margins(forward, backward, chosen, endBest.Score);
        return new LatticeReading(chosen, margins, runnerUps);
    }

    private (double[] Margins, int[] RunnerUps) Margins(Dictionary<int, Best>[] forward, Dictionary<int, double>[] backward, int[] chosen, double best)
    {
        var n = _slots.Count;
        var bestOther = new double[n];
        var runnerUps = new int[n];
        Array.Fill(bestOther, double.NegativeInfinity);
        Array.Fill(runnerUps, -1);
        foreach (var edges in _edgesByStart)
        {
            foreach (var edge in edges)
            {
                if (!HasDamage(edge) || !backward[edge.End].TryGetValue(edge.LastState, out var rest)) continue;
                var total = double.NegativeInfinity;
                foreach (var (state, before) in forward[edge.Start])
                {
                    total = Math.Max(total, before.Score + Transition(state, edge.FirstState) + edge.Weight + rest);
                }
                for (var k = edge.Start; k < edge.End; k++)
                {
                    var candidate = _choices[edge.ChoiceOffset + k - edge.Start];
                    if (_slots[k].Kind == SlotKind.Damaged && candidate != chosen[k] && total > bestOther[k])
                    {
                        bestOther[k] = total;
                        runnerUps[k] = candidate;
                    }
                }
            }
        }
        var margins = new double[n];
        for (var k = 0; k < n; k++)
        {
            if (_slots[k].Kind == SlotKind.Damaged) margins[k] = best - bestOther[k];
        }
        return (margins, runnerUps);
    }

    private bool HasDamage(Edge edge)
    {
        for (var k = edge.Start; k < edge.End; k++)
        {
            if (_slots[k].Kind == SlotKind.Damaged) return true;
        }
        return false;
    }
}
