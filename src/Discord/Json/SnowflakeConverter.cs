using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DltBot.Discord.Json;

/// <summary>Discord sends snowflakes as strings (and sometimes numbers); we read both and always write strings.</summary>
public sealed class SnowflakeConverter : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String when ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => id,
            JsonTokenType.Number when reader.TryGetUInt64(out var id) => id,
            JsonTokenType.String => throw new JsonException("Expected a snowflake (an unsigned 64-bit integer in a string) but found a string that is not one."),
            _ => throw new JsonException($"Expected a snowflake (string or number) but found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
