using System.Text;
using NSec.Cryptography;

namespace DltBot.Discord.Tests.Http;

/// <summary>Signs bodies the way Discord does (Ed25519 over timestamp + raw body) with a key made for the test.</summary>
internal sealed class TestSigner : IDisposable
{
    private readonly Key _key;

    private TestSigner(Key key) => _key = key;

    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public static TestSigner Generate() =>
        new(Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    public static TestSigner FromSeedHex(string seedHex) =>
        new(Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(seedHex), KeyBlobFormat.RawPrivateKey));

    public string Sign(string timestamp, byte[] body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(timestamp), .. body]));

    public void Dispose() => _key.Dispose();
}
