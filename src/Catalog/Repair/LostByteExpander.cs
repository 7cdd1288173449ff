namespace DltBot.Catalog.Repair;

/// <summary>
/// Lists the characters a broken UTF-8 fragment can have come from, by putting lost byte values back at every
/// position the UTF-8 structure allows.
/// </summary>
internal sealed class LostByteExpander(IReadOnlySet<byte> lostBytes)
{
    /// <summary>More lost bytes per character would make the candidates little better than guessing.</summary>
    public const int MaxLostPerCharacter = 2;

    private readonly byte[] _lostContinuations = [.. lostBytes.Where(Utf8Bytes.IsContinuation).Order()];
    private readonly byte[] _lostLeads = [.. lostBytes.Where(Utf8Bytes.IsLead).Order()];

    public bool CanLoseLeads => _lostLeads.Length > 0;

    /// <param name="lead">The surviving lead byte, or null when the lead itself was lost.</param>
    /// <param name="continuations">The surviving continuation bytes, in order.</param>
    public IReadOnlyList<string> Expand(byte? lead, ReadOnlySpan<byte> continuations)
    {
        var found = new List<string>();
        if (lead is { } survivingLead)
        {
            AddCompletions(survivingLead, continuations, lostAlready: 0, found);
        }
        else
        {
            foreach (var lostLead in _lostLeads) AddCompletions(lostLead, continuations, lostAlready: 1, found);
        }
        return found;
    }

    private void AddCompletions(byte lead, ReadOnlySpan<byte> continuations, int lostAlready, List<string> found)
    {
        var length = Utf8Bytes.SequenceLength(lead);
        var missing = length - 1 - continuations.Length;
        if (missing < 0 || missing + lostAlready > MaxLostPerCharacter || missing + lostAlready == 0) return;
        if (missing > 0 && _lostContinuations.Length == 0) return;

        var sequence = new byte[length];
        sequence[0] = lead;
        var survivors = continuations.ToArray();
        foreach (var lostPositions in Positions(length - 1, missing))
        {
            FillAndCollect(sequence, survivors, lostPositions, 0, found);
        }
    }

    // Tries every lost-byte value at every chosen position (positions are 0-based among the continuation bytes).
    private void FillAndCollect(byte[] sequence, byte[] survivors, int[] lostPositions, int assigned, List<string> found)
    {
        if (assigned == lostPositions.Length)
        {
            var next = 0;
            for (var p = 0; p < sequence.Length - 1; p++)
            {
                if (Array.IndexOf(lostPositions, p) < 0) sequence[p + 1] = survivors[next++];
            }
            if (Utf8Bytes.DecodeSingle(sequence) is { } character && !found.Contains(character)) found.Add(character);
            return;
        }
        foreach (var value in _lostContinuations)
        {
            sequence[lostPositions[assigned] + 1] = value;
            FillAndCollect(sequence, survivors, lostPositions, assigned + 1, found);
        }
    }

    private static IEnumerable<int[]> Positions(int slots, int count)
    {
        if (count == 0)
        {
            yield return [];
            yield break;
        }
        for (var first = 0; first < slots; first++)
        {
            foreach (var rest in Positions(slots, count - 1))
            {
                if (rest.Length == 0 || rest[0] > first) yield return [first, .. rest];
            }
        }
    }
}
