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
        var text = $"{guild}|{week}|{entryId.ToLowerInvariant()}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>The candidate ranked first for the week; ties (never seen in practice) go to the smaller id.</summary>
    public static WeeklyCandidate First(IEnumerable<WeeklyCandidate> candidates, string guild, IsoWeekKey week) =>
        candidates.Select(c => (Candidate: c, Rank: Of(guild, week, c.Id)))
            .OrderBy(x => x.Rank).ThenBy(x => x.Candidate.Id, StringComparer.OrdinalIgnoreCase)
            .First().Candidate;
}
