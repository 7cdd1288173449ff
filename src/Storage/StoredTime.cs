using System.Globalization;

namespace DltBot.Storage;

/// <summary>
/// Times are stored as ISO 8601 UTC text with seven fractional digits: the same in every engine, and text order is
/// time order.
/// </summary>
internal static class StoredTime
{
    private const string Format_ = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(Format_, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        new(DateTime.ParseExact(text, Format_, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
