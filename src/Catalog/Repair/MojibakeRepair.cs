namespace DltBot.Catalog.Repair;

/// <param name="Text">The repaired text (the input unchanged when it was not mojibake).</param>
/// <param name="CodePage">The code page the text went through, e.g. "windows-1254", or null when the text was clean.</param>
/// <param name="Reversed">Characters restored exactly by reversing the code page.</param>
/// <param name="Reconstructed">Characters whose lost bytes were reconstructed from context.</param>
/// <param name="Unsure">Reconstructed characters whose best candidate did not clearly beat the next one.</param>
public sealed record RepairReport(string Text, string? CodePage, int Reversed, int Reconstructed, int Unsure);

/// <summary>Detects UTF-8 text that went through a single-byte code page and repairs it (contract).</summary>
public static class MojibakeRepair
{
    public static RepairReport Repair(string text) => throw new NotImplementedException();
}
