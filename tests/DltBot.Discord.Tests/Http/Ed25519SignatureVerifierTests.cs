using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DltBot.Discord.Http;

namespace DltBot.Discord.Tests.Http;

public sealed class Ed25519SignatureVerifierTests
{
    // Published synthetic test vector of this project (docs: shared/discord/payloads/ed25519); a throwaway test key.
    private const string VectorPublicKey = "6d49d6e4050471a59f7d4654a04ea3f546c4f23a4b2abbb6ae2d4e5312610c98";
    private const string VectorSeed = "1ee173e136deb1f55d92cd1a1a0c08b73fa24f19391f571637521e5b9182ad12";
    private const string VectorTimestamp = "1784538000";
    private const string VectorSignature =
        "a5d87187781fbd28ab1f86f8725fda436a9b46e2743e276a8c1caeb848901b057a56ab97e9466a940d0a588555ade97f2fdf6ddaa2b35392ebf7b5c42d70680a";

    // The exact 445 signed bytes of the vector's PING body (no trailing newline).
    private const string VectorPingBody =
        """{"application_id":"1085140814004224007","entitlements":[],"id":"1528687912550535763","token":"aW50ZXJhY3Rpb246MTUyODY4NzkxMjU1MDUzNTc2MzpqODhPQm9mRDRJNUhxU2xjc0N5T1JxbThhSWEwdVZxSXN3TkVyZVRFTFNuR2NMb29HUEpJM05QVFBjSGE5Z3ZsUkl1Y2NBckFsd3M5UWM3R1c3aWJ5blFlWlc","type":1,"user":{"avatar":null,"avatar_decoration_data":null,"discriminator":"0","global_name":"App Owner","id":"640658398248962882","public_flags":0,"username":"app.owner"},"version":1}""";

    private const string ChineseBody =
        """{"type":2,"id":"1528687912550535764","data":{"name":"dlt","options":[{"type":1,"name":"search","options":[{"type":3,"name":"query","value":"泛化 误差界 grokking"}]}]},"locale":"zh-CN"}""";

    private static readonly Ed25519SignatureVerifier Vector = new(VectorPublicKey);
    private static byte[] PingBytes => Encoding.UTF8.GetBytes(VectorPingBody);

    [Fact]
    public void Published_vector_body_is_the_documented_445_bytes() => Assert.Equal(445, PingBytes.Length);

    [Fact]
    public void Published_vector_verifies() => Assert.True(Vector.Verify(VectorSignature, VectorTimestamp, PingBytes));

    [Fact]
    public void Signing_the_vector_with_its_seed_reproduces_the_published_signature()
    {
        using var signer = TestSigner.FromSeedHex(VectorSeed);

        Assert.Equal(VectorPublicKey, signer.PublicKeyHex);
        Assert.Equal(VectorSignature, signer.Sign(VectorTimestamp, PingBytes));
    }

    public static TheoryData<string, string, string, string> InvalidVectorCases => new()
    {
        { "signature-last-bit-flipped", VectorSignature[..^1] + "b", VectorTimestamp, VectorPingBody },
        { "timestamp-changed", VectorSignature, "1784538001", VectorPingBody },
        { "body-trailing-newline", VectorSignature, VectorTimestamp, VectorPingBody + "\n" },
        { "body-reserialized-with-spaces", VectorSignature, VectorTimestamp, Reserialized(VectorPingBody, indented: true) },
        { "malformed-signature-hex", "zz" + VectorSignature[2..], VectorTimestamp, VectorPingBody },
        { "short-signature", VectorSignature[..^2], VectorTimestamp, VectorPingBody },
        { "long-signature", VectorSignature + "00", VectorTimestamp, VectorPingBody },
        { "odd-length-signature", VectorSignature[..^1], VectorTimestamp, VectorPingBody },
        { "empty-signature", "", VectorTimestamp, VectorPingBody },
        { "empty-timestamp", VectorSignature, "", VectorPingBody },
        { "timestamp-with-space", VectorSignature, " " + VectorTimestamp, VectorPingBody },
        { "signature-over-body-only", VectorSignature, "", "" },
    };

    [Theory]
    [MemberData(nameof(InvalidVectorCases))]
    public void Invalid_cases_are_false_not_exceptions(string name, string signature, string timestamp, string body)
    {
        Assert.False(Vector.Verify(signature, timestamp, Encoding.UTF8.GetBytes(body)), name);
    }

    [Fact]
    public void Uppercase_signature_hex_is_accepted() =>
        Assert.True(Vector.Verify(VectorSignature.ToUpperInvariant(), VectorTimestamp, PingBytes));

    [Fact]
    public void Null_headers_are_false() =>
        Assert.False(Vector.Verify(null, null, PingBytes));

    [Fact]
    public void Another_public_key_rejects_the_vector()
    {
        using var other = TestSigner.Generate();

        Assert.False(new Ed25519SignatureVerifier(other.PublicKeyHex).Verify(VectorSignature, VectorTimestamp, PingBytes));
    }

    [Fact]
    public void Generated_key_signs_raw_utf8_and_re_escaped_non_ascii_fails()
    {
        using var signer = TestSigner.Generate();
        var verifier = new Ed25519SignatureVerifier(signer.PublicKeyHex);
        var raw = Encoding.UTF8.GetBytes(ChineseBody);
        var signature = signer.Sign("1784539805", raw);
        var escaped = Encoding.UTF8.GetBytes(Reserialized(ChineseBody, indented: false));

        Assert.True(verifier.Verify(signature, "1784539805", raw));
        Assert.Contains("\\u", Encoding.UTF8.GetString(escaped), StringComparison.Ordinal);
        Assert.False(verifier.Verify(signature, "1784539805", escaped));
    }

    [Fact]
    public void Seeded_key_verifies_its_own_non_ascii_body()
    {
        using var signer = TestSigner.FromSeedHex(VectorSeed);
        var raw = Encoding.UTF8.GetBytes(ChineseBody);

        Assert.True(Vector.Verify(signer.Sign("1784539805", raw), "1784539805", raw));
    }

    [Theory]
    [InlineData(null, "not set")]
    [InlineData("", "not set")]
    [InlineData("   ", "not set")]
    [InlineData("6d49d6e4050471a59f7d4654a04ea3f546c4f23a4b2abbb6ae2d4e5312610c9", "has 63")]
    [InlineData("6d49d6e4050471a59f7d4654a04ea3f546c4f23a4b2abbb6ae2d4e5312610c9800", "has 66")]
    [InlineData("zz49d6e4050471a59f7d4654a04ea3f546c4f23a4b2abbb6ae2d4e5312610c98", "hex digits")]
    public void Bad_public_key_fails_at_construction_naming_the_setting(string? key, string detail)
    {
        var error = Assert.Throws<ArgumentException>(() => new Ed25519SignatureVerifier(key));

        Assert.Contains("Discord:PublicKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
    }

    private static string Reserialized(string json, bool indented)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = indented,
            Encoder = indented ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default,
        }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
