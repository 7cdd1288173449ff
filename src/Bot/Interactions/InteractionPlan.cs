using DltBot.Bot.Localization;
using DltBot.Discord.Models;

namespace DltBot.Bot.Interactions;

/// <summary>What to send if the answer is not ready in time. Autocomplete cannot be deferred at all.</summary>
public enum DeferStyle
{
    /// <summary>Never defer (autocomplete, and answers known without any work).</summary>
    None,

    /// <summary>Type 5: "thinking…" in the channel, replaced by the answer.</summary>
    Message,

    /// <summary>Type 5 with the ephemeral flag: only the user sees the answer.</summary>
    EphemeralMessage,

    /// <summary>Type 6: keep the clicked message as is until it is edited.</summary>
    Update,
}

/// <summary>How to answer one interaction: the work that produces the response, and how to defer it if it is slow.</summary>
/// <param name="Produce">The work; its token follows the interaction token's lifetime and the host's shutdown.</param>
public sealed record InteractionPlan(DeferStyle Defer, Language Language, Func<CancellationToken, ValueTask<InteractionResponse>> Produce)
{
    public static InteractionPlan Immediate(Language language, InteractionResponse response) =>
        new(DeferStyle.None, language, _ => ValueTask.FromResult(response));
}
