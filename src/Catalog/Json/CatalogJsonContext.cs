using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DltBot.Catalog.Export;

namespace DltBot.Catalog.Json;

/// <summary>
/// Source-generated (de)serialization for every JSON shape the catalog reads or writes, so none of it needs runtime
/// reflection (trimming and AOT stay possible, and the first export does not pay for building serializers).
/// </summary>
[JsonSerializable(typeof(CatalogExporter.JsonReadingList))]
[JsonSerializable(typeof(Dictionary<string, TopicData?>))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, double>>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext
{
    /// <summary>The JSON export: indented camelCase, CJK, emoji and punctuation unescaped (the file is UTF-8, never HTML).</summary>
    public static CatalogJsonContext Export { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>topics.json is edited by hand: names match in any case, comments and trailing commas are allowed.</summary>
    public static CatalogJsonContext HandEdited { get; } = new(new JsonSerializerOptions
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    });
}

/// <summary>One topic of topics.json, keyed by the heading as written.</summary>
internal sealed record TopicData(string English, string Chinese, List<string>? Aliases);
