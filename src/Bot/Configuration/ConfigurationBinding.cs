using System.Text.RegularExpressions;

namespace DltBot.Bot.Configuration;

/// <summary>
/// Binds a configuration section and turns the binder's "Failed to convert configuration value" exception into one
/// line that names the key, the value and what it should look like.
/// </summary>
public static partial class ConfigurationBinding
{
    /// <exception cref="ConfigurationValueException">A value cannot be converted to its property's type.</exception>
    /// <param name="bind">The binder call, e.g. <c>() => section.Get&lt;DataOptions&gt;()</c> (generated per type, so it stays at the caller).</param>
    public static T Read<T>(Func<T?> bind) where T : new()
    {
        try
        {
            return bind() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationValueException(Describe(e), e);
        }
    }

    /// <summary>One line for a binding failure; the binder's own message when it is not a conversion failure.</summary>
    public static string Describe(Exception e)
    {
        var match = ConversionFailure().Match(e.Message);
        if (!match.Success) return OneLine(e.Message);
        var (value, key, type) = (match.Groups["value"].Value, match.Groups["key"].Value, match.Groups["type"].Value);
        return $"{key} '{value}' is not {Expected(type)}.";
    }

    private static string Expected(string type) => type switch
    {
        "System.TimeSpan" => "a duration (hh:mm:ss, e.g. 00:00:01.5 for 1.5 s)",
        "System.Int32" or "System.Int64" or "System.UInt64" or "System.Int16" => "a whole number",
        "System.Boolean" => "true or false",
        "System.Double" or "System.Decimal" or "System.Single" => "a number",
        _ when type.StartsWith("System.Nullable", StringComparison.Ordinal) => "a valid value",
        _ => $"a valid {type[(type.LastIndexOf('.') + 1)..]}",
    };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();
}

/// <summary>A configuration value that cannot be read as its type; the message is one line naming the key.</summary>
public sealed class ConfigurationValueException(string message, Exception inner) : Exception(message, inner);
