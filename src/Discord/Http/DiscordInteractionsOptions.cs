using System.Globalization;

namespace DltBot.Discord.Http;

/// <summary>Settings of the HTTP interactions endpoint, bound from the <c>Discord</c> configuration section.</summary>
public sealed class DiscordInteractionsOptions
{
    public const string SectionName = "Discord";

    /// <summary>The application's Ed25519 public key, 64 hex characters (<c>Discord:PublicKey</c>).</summary>
    public string PublicKey { get; set; } = "";

    /// <summary>Bodies above this many bytes get 413 (<c>Discord:MaxInteractionBodyBytes</c>); interactions are a few KiB.</summary>
    public int MaxInteractionBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Requests whose X-Signature-Timestamp is further than this from now get 401, so a captured request cannot be
    /// replayed later (<c>Discord:MaxInteractionTimestampSkew</c>).
    /// </summary>
    public TimeSpan MaxInteractionTimestampSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Throws with a message naming the setting when a value cannot work; the key itself is checked by the verifier.</summary>
    public void Validate()
    {
        if (MaxInteractionBodyBytes < 1024)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:{nameof(MaxInteractionBodyBytes)} must be at least 1024 bytes but is {MaxInteractionBodyBytes}."));
        }

        if (MaxInteractionTimestampSkew <= TimeSpan.Zero)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:{nameof(MaxInteractionTimestampSkew)} must be positive but is {MaxInteractionTimestampSkew}."));
        }
    }
}
