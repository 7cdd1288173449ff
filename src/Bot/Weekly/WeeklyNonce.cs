using DltBot.Discord.Models;

namespace DltBot.Bot.Weekly;

/// <summary>
/// The nonce a weekly post is sent with: the same guild and occurrence key always give the same nonce, so a resend after
/// a crash is deduplicated by Discord (<c>enforce_nonce</c>) and found again in the channel.
/// </summary>
public static class WeeklyNonce
{
    public static string For(string guild, string key) => MessageNonce.For($"potw:{guild}:{key}");
}
