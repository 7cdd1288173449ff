using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DltBot.Catalog.Weekly;

/// <summary>
/// Each entry's place in a guild's order for a week: the first 8 bytes of SHA-256 over <c>guild|week|entry id</c>.
/// A stable hash (not <see cref="string.GetHashCode()"/>, which differs per process), so preview and post agree in any
/// process; ranking each entry on its own means adding or removing one entry changes the pick only when that entry
/// is or was the pick.
/// </summary>
public static class SeededRank
{
    public static ulong Of(string guild, IsoWeekKey week, string entryId)
    {
        ArgumentNullException.ThrowIfNull(guild);
        ArgumentNullException.ThrowIfNull(entryId);
        // The bytes of "guild|2026-W49|entry id in lowercase", built without strings: every candidate of every guild is
        // ranked in each run, so this runs thousands of times a minute at a popular hour.
        var weekText = week.ToString();
        var length = guild.Length + weekText.Length + entryId.Length + 2;
        char[]? rentedChars = null;
        var chars = length <= 256 ? stackalloc char[length] : (rentedChars = ArrayPool<char>.Shared.Rent(length)).AsSpan(0, length);
        guild.CopyTo(chars);
        chars[guild.Length] = '|';
        weekText.CopyTo(chars[(guild.Length + 1)..]);
        chars[guild.Length + 1 + weekText.Length] = '|';
        entryId.AsSpan().ToLowerInvariant(chars[(guild.Length + weekText.Length + 2)..]);

        var byteCount = Encoding.UTF8.GetByteCount(chars);
        byte[]? rentedBytes = null;
        var bytes = byteCount <= 768 ? stackalloc byte[byteCount] : (rentedBytes = ArrayPool<byte>.Shared.Rent(byteCount)).AsSpan(0, byteCount);
        Encoding.UTF8.GetBytes(chars, bytes);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        if (rentedChars is not null) ArrayPool<char>.Shared.Return(rentedChars);
        if (rentedBytes is not null) ArrayPool<byte>.Shared.Return(rentedBytes);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>The candidate ranked first for the week; ties (never seen in practice) go to the smaller id.</summary>
    public static WeeklyCandidate First(IEnumerable<WeeklyCandidate> candidates, string guild, IsoWeekKey week) =>
        candidates.Select(c => (Candidate: c, Rank: Of(guild, week, c.Id)))
            .OrderBy(x => x.Rank).ThenBy(x => x.Candidate.Id, StringComparer.OrdinalIgnoreCase)
            .First().Candidate;
}
