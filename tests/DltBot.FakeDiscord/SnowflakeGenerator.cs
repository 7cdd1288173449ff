namespace DltBot.FakeDiscord;

/// <summary>Makes well-formed, strictly increasing snowflakes from the server's clock.</summary>
internal sealed class SnowflakeGenerator(TimeProvider time)
{
    private const long DiscordEpochMs = 1420070400000;
    private long _increment;

    public string Next()
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds() - DiscordEpochMs;
        var increment = Interlocked.Increment(ref _increment);
        // 22 low bits: worker/process/increment; we use them all for the counter so ids never collide.
        var id = ((ulong)Math.Max(ms, 0) << 22) | ((ulong)increment & 0x3FFFFF);
        return id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
