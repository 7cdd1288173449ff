using System.Buffers;
using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace DltBot.Discord.Http;

/// <summary>
/// Checks Discord's interaction signatures: Ed25519 over the UTF-8 timestamp immediately followed by the raw body.
/// Malformed input is just "not verified"; only a bad configured key throws, at construction.
/// </summary>
public sealed class Ed25519SignatureVerifier
{
    public const string PublicKeySetting = "Discord:PublicKey";
    private const int PublicKeyHexLength = 64;
    private const int SignatureHexLength = 128;
    private const int SignatureBytes = 64;
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly PublicKey _publicKey;

    /// <param name="publicKeyHex">The application's public key from the Developer Portal: 64 hex characters.</param>
    /// <exception cref="ArgumentException">The key is missing, not 64 hex characters, or not a valid Ed25519 key.</exception>
    public Ed25519SignatureVerifier(string? publicKeyHex)
    {
        var key = publicKeyHex?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException(
                $"{PublicKeySetting} is not set: copy the application's public key (64 hex characters) from the Discord Developer Portal.",
                nameof(publicKeyHex));
        }

        if (key.Length != PublicKeyHexLength)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{PublicKeySetting} must be 64 hex characters (a 32-byte Ed25519 key) but has {key.Length}."),
                nameof(publicKeyHex));
        }

        Span<byte> raw = stackalloc byte[PublicKeyHexLength / 2];
        if (Convert.FromHexString(key, raw, out _, out _) != OperationStatus.Done)
        {
            throw new ArgumentException($"{PublicKeySetting} must contain only hex digits 0-9 and a-f.", nameof(publicKeyHex));
        }

        if (!PublicKey.TryImport(Algorithm, raw, KeyBlobFormat.RawPublicKey, out var imported) || imported is null)
        {
            throw new ArgumentException($"{PublicKeySetting} is not a valid Ed25519 public key.", nameof(publicKeyHex));
        }

        _publicKey = imported;
    }

    /// <summary>True only when <paramref name="signatureHex"/> is a valid signature of timestamp + body.</summary>
    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (signatureHex is null || timestamp is null || signatureHex.Length != SignatureHexLength)
        {
            return false;
        }

        Span<byte> signature = stackalloc byte[SignatureBytes];
        if (Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done || written != SignatureBytes)
        {
            return false;
        }

        var timestampLength = Encoding.UTF8.GetByteCount(timestamp);
        var rented = ArrayPool<byte>.Shared.Rent(timestampLength + body.Length);
        try
        {
            var message = rented.AsSpan(0, timestampLength + body.Length);
            Encoding.UTF8.GetBytes(timestamp, message);
            body.CopyTo(message[timestampLength..]);
            return Algorithm.Verify(_publicKey, message, signature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
