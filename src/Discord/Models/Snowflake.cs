namespace DltBot.Discord.Models;

public static class Snowflake
{
    private const long DiscordEpochMilliseconds = 1420070400000;

    /// <summary>When the object with this id was created (the top 42 bits are milliseconds since 2015-01-01).</summary>
    public static DateTimeOffset CreatedAt(ulong id) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(id >> 22) + DiscordEpochMilliseconds);
}
