using System.Text.Json;
using System.Text.Json.Serialization;
using DltBot.Catalog.Curation;

namespace DltBot.Storage;

/// <summary>The before/after fields of a log row as JSON text, readable in any SQL shell.</summary>
internal static class FieldsJson
{
    public static string? Write(EntryFields? fields) => fields is null ? null : JsonSerializer.Serialize(fields, FieldsJsonContext.Default.EntryFields);

    public static EntryFields? Read(string? json) => json is null ? null : JsonSerializer.Deserialize(json, FieldsJsonContext.Default.EntryFields);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(EntryFields))]
internal sealed partial class FieldsJsonContext : JsonSerializerContext;
