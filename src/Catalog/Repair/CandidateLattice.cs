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
/// Forward and backward scores give each candidate's best possible reading, which measures how sure a choice is.
/// </summary>
internal sealed class CandidateLattice
{
    private readonly IReadOnlyList<DamagedSlot> _slots;
    private readonly ChineseLanguageModel _model;
    private readonly List<Edge>[] _edgesByStart;
    private readonly List<int> _choices = [];

    private readonly record struct Edge(int Start, int End, double Weight, int ChoiceOffset);

    private CandidateLattice(IReadOnlyList<DamagedSlot> slots, ChineseLanguageModel model)
    {
        _slots = slots;
        _model = model;
        _edgesByStart = new List<Edge>[slots.Count];
        for (var i = 0; i < slots.Count; i++) _edgesByStart[i] = [];
    }

    public static LatticeReading Decode(IReadOnlyList<DamagedSlot> slots, ChineseLanguageModel model)
    {
        var lattice = new CandidateLattice(slots, model);
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
                AddEdge(start, start + 1, SingleLogProbability(start, candidates[c]), choice.AsSpan(0, 1));
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
                AddEdge(start, position + 1, logProbability, choice.AsSpan(0, length + 1));
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

    private char? FixedNeighbour(int index, bool last)
    {
        if (index < 0 || index >= _slots.Count || _slots[index].Kind == SlotKind.Damaged) return null;
        var text = _slots[index].Candidates[0];
        return last ? text[^1] : text[0];
    }

    private void AddEdge(int start, int end, double weight, ReadOnlySpan<int> choice)
    {
        _edgesByStart[start].Add(new Edge(start, end, weight, _choices.Count));
        foreach (var c in choice) _choices.Add(c);
    }

    private LatticeReading Read()
    {
        var n = _slots.Count;
        var forward = new double[n + 1];
        var backward = new double[n + 1];
        Array.Fill(forward, double.NegativeInfinity);
        forward[0] = 0;
        for (var i = 0; i < n; i++)
        {
            foreach (var edge in _edgesByStart[i]) forward[edge.End] = Math.Max(forward[edge.End], forward[i] + edge.Weight);
        }
        for (var i = n - 1; i >= 0; i--)
        {
            backward[i] = double.NegativeInfinity;
            foreach (var edge in _edgesByStart[i]) backward[i] = Math.Max(backward[i], edge.Weight + backward[edge.End]);
        }

        var chosen = new int[n];
        for (var i = 0; i < n;)
        {
            var best = _edgesByStart[i].MaxBy(edge => edge.Weight + backward[edge.End]);
            for (var k = best.Start; k < best.End; k++) chosen[k] = _choices[best.ChoiceOffset + k - best.Start];
            i = best.End;
        }
        var (margins, runnerUps) = Margins(forward, backward, chosen);
        return new LatticeReading(chosen, margins, runnerUps);
    }

    private (double[] Margins, int[] RunnerUps) Margins(double[] forward, double[] backward, int[] chosen)
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
                var total = forward[edge.Start] + edge.Weight + backward[edge.End];
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
            if (_slots[k].Kind == SlotKind.Damaged) margins[k] = backward[0] - bestOther[k];
        }
        return (margins, runnerUps);
    }
}
