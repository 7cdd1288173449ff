using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DltBot.Discord.Models;

/// <summary>A choice value: Discord allows a string, an integer or a number, written as the matching JSON type.</summary>
[JsonConverter(typeof(ChoiceValueConverter))]
public readonly record struct ChoiceValue
{
    private ChoiceValue(string? text, double? number)
    {
        Text = text;
        Number = number;
    }

    public string? Text { get; }
    public double? Number { get; }

    public static ChoiceValue FromString(string text) => new(text, null);
    public static ChoiceValue FromNumber(double number) => new(null, number);

    public static implicit operator ChoiceValue(string text) => FromString(text);
    public static implicit operator ChoiceValue(long number) => FromNumber(number);
    public static implicit operator ChoiceValue(double number) => FromNumber(number);

    public override string ToString() => Text ?? Number?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}

public sealed class ChoiceValueConverter : JsonConverter<ChoiceValue>
{
    public override ChoiceValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => ChoiceValue.FromString(reader.GetString()!),
            JsonTokenType.Number => ChoiceValue.FromNumber(reader.GetDouble()),
            _ => throw new JsonException($"A choice value must be a string or a number, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, ChoiceValue value, JsonSerializerOptions options)
    {
        if (value.Text is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.Number is { } number && number == Math.Floor(number) && Math.Abs(number) < 9007199254740992d)
        {
            writer.WriteNumberValue((long)number);
        }
        else
        {
            writer.WriteNumberValue(value.Number ?? 0);
        }
    }
}
