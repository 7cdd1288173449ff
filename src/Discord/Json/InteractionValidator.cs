using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using DltBot.Discord.Models;

namespace DltBot.Discord.Json;

/// <summary>
/// Reads an incoming interaction (HTTP endpoint body or gateway INTERACTION_CREATE "d") and checks what the
/// deserializer cannot: ids and token present, data matching the type, no duplicate option names, no unpaired
/// UTF-16 surrogates anywhere. Failures come back as one line naming what is wrong and where, never as exceptions,
/// because a malformed interaction is bad input, not a crash.
/// </summary>
public static class InteractionValidator
{
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out Interaction? interaction, [NotNullWhen(false)] out string? error)
    {
        interaction = null;
        error = FindUnpairedSurrogate(utf8Json);
        if (error is not null)
        {
            return false;
        }

        try
        {
            interaction = JsonSerializer.Deserialize(utf8Json, DiscordJsonContext.Default.Interaction);
        }
        catch (JsonException e)
        {
            error = Describe(e);
            return false;
        }
        catch (InvalidOperationException e)
        {
            error = "$: " + e.Message;
            return false;
        }

        if (interaction is null)
        {
            error = "$: the interaction is JSON null";
            return false;
        }

        error = Validate(interaction);
        if (error is not null)
        {
            interaction = null;
            return false;
        }

        return true;
    }

    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out Interaction? interaction, [NotNullWhen(false)] out string? error) =>
        TryRead(Encoding.UTF8.GetBytes(element.GetRawText()), out interaction, out error);

    /// <summary>Null when the interaction is usable; otherwise what is wrong, with its JSON path.</summary>
    public static string? Validate(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.Id == 0)
        {
            return "$.id: must be a non-zero snowflake";
        }

        if (string.IsNullOrEmpty(interaction.Token))
        {
            return "$.token: missing or empty";
        }

        var data = interaction.Data;
        switch (interaction.Type)
        {
            case InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete when string.IsNullOrEmpty(data?.Name):
                return "$.data.name: missing on a command interaction";
            case InteractionType.MessageComponent or InteractionType.ModalSubmit when string.IsNullOrEmpty(data?.CustomId):
                return "$.data.custom_id: missing on a component or modal interaction";
        }

        return FindDuplicateOption(data?.Options, "$.data.options");
    }

    private static string? FindDuplicateOption(IReadOnlyList<InteractionDataOption>? options, string path)
    {
        if (options is null)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (string.IsNullOrEmpty(option.Name))
            {
                return $"{path}[{i}].name: missing or empty";
            }

            if (!seen.Add(option.Name))
            {
                return $"{path}[{i}].name: duplicate option name '{option.Name}'";
            }

            if (FindDuplicateOption(option.Options, $"{path}[{i}].options") is { } nested)
            {
                return nested;
            }
        }

        return null;
    }

    /// <summary>
    /// Unpaired surrogates (e.g. <c>"\ud800"</c>) are valid JSON escapes but not text: they break UTF-8 encoding
    /// wherever the string goes next (logs, replies), so they are refused up front, anywhere in the payload.
    /// </summary>
    private static string? FindUnpairedSurrogate(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        var property = "$";
        try
        {
            while (reader.Read())
            {
                var where = reader.TokenType == JsonTokenType.PropertyName ? $"a property name after '{property}'" : $"the value of '{property}'";
                if (reader.TokenType == JsonTokenType.PropertyName && !reader.ValueIsEscaped)
                {
                    property = reader.GetString()!;
                }

                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                {
                    continue;
                }

                string text;
                try
                {
                    text = reader.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    return $"{where} (byte {reader.TokenStartIndex}): unpaired UTF-16 surrogate";
                }

                if (HasUnpairedSurrogate(text))
                {
                    return $"{where} (byte {reader.TokenStartIndex}): unpaired UTF-16 surrogate";
                }

                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = text;
                }
            }
        }
        catch (JsonException)
        {
            return null; // not JSON at all: the deserializer names the problem with a path
        }

        return null;
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }

        return $"{e.Path ?? "$"}: {message.ReplaceLineEndings(" ")}";
    }
}
