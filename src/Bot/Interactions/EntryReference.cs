using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DltBot.Bot.Interactions;

/// <summary>
/// An entry id as it fits a select option or autocomplete value (at most 100 characters): the id itself, or for a
/// longer id a deterministic short form <c>h:</c> + hash, resolved by hashing the catalog's ids again.
/// </summary>
public static class EntryReference
{
    public const int MaxLength = 100;
    private const string HashPrefix = "h:";

    public static string For(string entryId) =>
        entryId.Length <= MaxLength && !entryId.StartsWith(HashPrefix, StringComparison.Ordinal) ? entryId : HashPrefix + Hash(entryId);

    public static bool IsShortForm(string reference) => reference.StartsWith(HashPrefix, StringComparison.Ordinal);

    /// <summary>The entry id a reference stands for, or the reference itself when it is not a short form (a typed id).</summary>
    public static string Resolve(string reference, IEnumerable<string> entryIds)
    {
        if (!reference.StartsWith(HashPrefix, StringComparison.Ordinal)) return reference;
        return entryIds.FirstOrDefault(id => For(id) == reference) ?? reference;
    }

    private static string Hash(string id) =>
        CustomIdCodec.ToBase36(BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(id))));
}
