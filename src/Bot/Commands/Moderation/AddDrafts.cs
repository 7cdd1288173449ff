using System.Collections.Concurrent;
using System.Security.Cryptography;
using DltBot.Bot.Commands.Framework;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>An add waiting for the moderator's Confirm: the arguments <c>/dlt-mod add</c> will run with.</summary>
public sealed record AddDraft(ulong RequesterId, string PlaceKey, RawArguments Arguments);

/// <summary>
/// Adds previewed from arXiv, waiting for Confirm. They live in memory for as long as the preview's buttons can be used
/// (the 15 minutes of an interaction token); a draft that is gone (expired, or the bot restarted) asks to run the
/// command again. Taking a draft is atomic, so a double click adds once.
/// </summary>
public sealed class AddDrafts(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private const int Capacity = 1000;
    private const string TokenAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    private readonly ConcurrentDictionary<string, (AddDraft Draft, DateTimeOffset Expires)> drafts = new(StringComparer.Ordinal);

    /// <returns>The token the Confirm and Cancel buttons carry.</returns>
    public string Keep(AddDraft draft)
    {
        DropExpired();
        var token = RandomNumberGenerator.GetString(TokenAlphabet, 12);
        drafts[token] = (draft, time.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The draft, without taking it; null when it is gone.</summary>
    public AddDraft? Find(string token) =>
        drafts.TryGetValue(token, out var kept) && kept.Expires > time.GetUtcNow() ? kept.Draft : null;

    /// <summary>Takes the draft away; only one caller ever gets it.</summary>
    public AddDraft? Take(string token) =>
        drafts.TryRemove(token, out var kept) && kept.Expires > time.GetUtcNow() ? kept.Draft : null;

    private void DropExpired()
    {
        var now = time.GetUtcNow();
        foreach (var (token, kept) in drafts)
        {
            if (kept.Expires <= now) drafts.TryRemove(token, out _);
        }
        // A flood of previews nobody confirms must not grow without bound: the oldest go first.
        if (drafts.Count < Capacity) return;
        foreach (var (token, _) in drafts.OrderBy(d => d.Value.Expires).Take(drafts.Count - Capacity + 1))
            drafts.TryRemove(token, out _);
    }
}
