using System.Text.Encodings.Web;
using System.Text.Json;

namespace DltBot.FakeDiscord;

internal static class FakeJson
{
    /// <summary>Like Discord: non-ASCII text goes out as raw UTF-8, not \u escapes.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
