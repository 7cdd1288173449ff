using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using NSec.Cryptography;

namespace DltBot.FakeDiscord;

/// <summary>
/// Plays Discord's side of the HTTP interactions endpoint: a fresh Ed25519 key pair whose public key the endpoint
/// under test is configured with, and signed POSTs (X-Signature-Ed25519 over timestamp + raw body).
/// </summary>
public sealed class FakeInteractionSigner : IDisposable
{
    private readonly Key _key;

    private FakeInteractionSigner(Key key) => _key = key;

    /// <summary>Hex public key for <c>Discord:PublicKey</c>.</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public static FakeInteractionSigner Create() =>
        new(Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    /// <summary>Hex signature of the UTF-8 timestamp followed by <paramref name="body"/>.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var timestampBytes = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[timestampBytes.Length + body.Length];
        timestampBytes.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(timestampBytes.Length));
        return Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, message));
    }

    /// <summary>A signed POST of <paramref name="json"/> (sent byte for byte as UTF-8) stamped with <paramref name="signedAt"/>.</summary>
    public HttpRequestMessage CreateRequest(Uri endpoint, string json, DateTimeOffset signedAt)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.UserAgent.ParseAdd("Discord-Interactions/1.0 (+https://discord.com)");
        return request;
    }

    public void Dispose() => _key.Dispose();
}
