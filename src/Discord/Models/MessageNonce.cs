using System.Security.Cryptography;
using System.Text;

namespace DltBot.Discord.Models;

/// <summary>Makes a <see cref="MessageCreateRequest.Nonce"/> from a key of any length (Discord caps nonces at 25 characters).</summary>
public static class MessageNonce
{
    /// <summary>
    /// The same key always gives the same 24-character nonce (base64url of a SHA-256 prefix), so a retry after a
    /// crash sends the nonce the first attempt sent. A key like "potw:838486034743296000:2026-W49" is already too long to send as is.
    /// </summary>
    public static string For(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Convert.ToBase64String(hash, 0, 18).Replace('+', '-').Replace('/', '_');
    }
}
