namespace DltBot.Catalog.Repair;

internal enum SlotKind
{
    /// <summary>Taken over verbatim: ASCII, or a character the code page cannot have produced.</summary>
    Verbatim,
    /// <summary>A complete UTF-8 sequence, restored exactly.</summary>
    Reversed,
    /// <summary>A sequence that lost bytes; one of several candidates must be chosen.</summary>
    Damaged,
    /// <summary>Bytes that explain no character even with lost bytes added back; kept as they were.</summary>
    Unrepairable,
}

/// <summary>One character position of the repaired text and the characters that may stand there.</summary>
/// <param name="Candidates">Possible characters; exactly one unless <see cref="Kind"/> is Damaged.</param>
/// <param name="LostBytes">How many bytes of this character were lost (Damaged only).</param>
internal sealed record DamagedSlot(SlotKind Kind, IReadOnlyList<string> Candidates, int LostBytes = 0)
{
    public static DamagedSlot Fixed(SlotKind kind, string text) => new(kind, [text]);
}
