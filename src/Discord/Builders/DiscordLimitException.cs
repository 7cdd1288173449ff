using System.Globalization;

namespace DltBot.Discord.Builders;

/// <summary>
/// A payload breaks one of Discord's limits; thrown before sending instead of getting a 400 back.
/// <see cref="Path"/> names the offending field, e.g. "embed.fields[3].value".
/// </summary>
public sealed class DiscordLimitException : Exception
{
    public DiscordLimitException(string path, string problem)
        : base($"{path} {problem}")
    {
        Path = path;
    }

    public string Path { get; }

    internal static DiscordLimitException TooLong(string path, int actual, int limit, string unit = "characters") =>
        new(path, $"is {Format(actual)} {unit}; the limit is {Format(limit)}.");

    internal static DiscordLimitException TooMany(string path, int actual, int limit, string what) =>
        new(path, $"has {Format(actual)} {what}; the limit is {Format(limit)}.");

    private static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
