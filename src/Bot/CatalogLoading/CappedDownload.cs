using System.Buffers;
using System.Globalization;

namespace DltBot.Bot.CatalogLoading;

/// <summary>Reads a response body into memory, but never more than a limit: a server that never stops sending must not
/// take the bot's memory with it.</summary>
public static class CappedDownload
{
    private const int ChunkSize = 64 * 1024;

    /// <returns>The body, or null when it is longer than <paramref name="maxBytes"/> (reading stops at the limit).</returns>
    public static async Task<byte[]?> ReadAsync(Stream body, long maxBytes, long? expectedLength, CancellationToken cancellationToken)
    {
        var initial = (int)Math.Min(expectedLength ?? ChunkSize, Math.Min(maxBytes, int.MaxValue - 1));
        using var collected = new MemoryStream(initial);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            while (true)
            {
                // Never ask for more than one byte past the limit, so even a single huge read cannot overshoot.
                var wanted = (int)Math.Min(chunk.Length, maxBytes - collected.Length + 1);
                var read = await body.ReadAsync(chunk.AsMemory(0, wanted), cancellationToken);
                if (read == 0) return collected.ToArray();
                if (collected.Length + read > maxBytes) return null;
                collected.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>10485760 as "10 MB", 1536 as "1.5 KB": the size as a person would say it.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
