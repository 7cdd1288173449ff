using DltBot.Bot.Localization;
using DltBot.Discord.Builders;
using DltBot.Discord.Models;
using DltBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Interactions;

/// <summary>Where the first (and only) acknowledgment goes: the REST callback (gateway mode) or the HTTP reply body.</summary>
public interface IInitialResponseSink
{
    Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken);
}

/// <summary>Gateway mode: the first answer is POST /interactions/{id}/{token}/callback.</summary>
public sealed class RestCallbackSink(IDiscordRestClient rest) : IInitialResponseSink
{
    public Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken) =>
        rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken);
}

/// <summary>Http mode: the first answer is the body of Discord's POST; the endpoint awaits <see cref="Response"/>.</summary>
public sealed class HttpReplySink : IInitialResponseSink
{
    private readonly TaskCompletionSource<InteractionResponse> _response = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<InteractionResponse> Response => _response.Task;

    public Task SendAsync(Interaction interaction, InteractionResponse response, CancellationToken cancellationToken)
    {
        if (!_response.TrySetResult(response))
            throw new InvalidOperationException($"Interaction {interaction.Id} was already answered; a second acknowledgment would fail with 40060.");
        return Task.CompletedTask;
    }

    internal void Abandon(Exception reason) => _response.TrySetException(reason);
}

/// <summary>
/// Answers an interaction exactly once and never late. Commands and clicks run on <see cref="InteractionWorkers.Commands"/>
/// (dedicated threads, bounded queue) and race a TimeProvider timer; when the timer wins the interaction is deferred first
/// and the answer becomes an edit of the original response. Because command work never occupies the thread pool, the
/// timer and the acknowledgment always find a pool thread. When the workers and their queue are full the user is told
/// at once that the bot is busy. Autocomplete runs on workers of its own and gets an empty list when they are full.
/// Failures become a short ephemeral apology carrying a reference that also appears in the log.
/// </summary>
/// <remarks>
/// The token given to <see cref="RespondAsync"/> means "give up": it cancels the work, the acknowledgment and the edit.
/// It is not the host's ApplicationStopping token; shutdown first lets answers finish (see <see cref="InteractionDispatcher"/>).
/// </remarks>
public sealed partial class InteractionResponder(
    IDiscordRestClient rest, TimeProvider time, DiscordBotOptions options, InteractionWorkers workers, ILogger<InteractionResponder> logger)
{
    /// <summary>How long Discord accepts follow-ups with an interaction's token.</summary>
    public static readonly TimeSpan InteractionTokenLifetime = TimeSpan.FromMinutes(15);

    public async Task RespondAsync(Interaction interaction, InteractionPlan plan, IInitialResponseSink sink, CancellationToken cancellationToken)
    {
        if (plan.Defer == DeferStyle.None)
        {
            await RespondWithoutDeferringAsync(interaction, plan, sink, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var timerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The timer starts before the work, so a test that waits for the work to begin can advance a fake clock safely.
        var deadline = Task.Delay(options.DeferAfter, time, timerCancel.Token);
        // The work may go on for as long as the interaction token lives, and stops when the answer is given up.
        using var expiry = new CancellationTokenSource(InteractionTokenLifetime, time);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        if (!workers.Commands.TryRun(ct => ProduceValidatedAsync(plan, ct), lifetime.Token, out var work))
        {
            await timerCancel.CancelAsync().ConfigureAwait(false);
            LogBusy(logger, interaction.Id, Describe(interaction), workers.Commands.Workers);
            var busy = InteractionResponse.Message(DiscordReplyRenderer.Notice(plan.Language, DiscordTexts.Busy));
            await AcknowledgeAsync(interaction, busy, sink, cancellationToken).ConfigureAwait(false);
            return;
        }

        var first = await Task.WhenAny(work, deadline).ConfigureAwait(false);
        if (first == work)
        {
            await timerCancel.CancelAsync().ConfigureAwait(false);
            var response = work.IsCompletedSuccessfully ? work.Result : Failed(interaction, plan, Error(work), deferred: false);
            await AcknowledgeAsync(interaction, response, sink, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!await AcknowledgeAsync(interaction, Deferral(plan.Defer), sink, cancellationToken).ConfigureAwait(false))
            return;
        LogDeferred(logger, interaction.Id, options.DeferAfter);

        InteractionResponse final;
        try
        {
            final = await work.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            final = Failed(interaction, plan, e, deferred: true);
        }
        await EditOriginalAsync(interaction, final, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Autocomplete on its own workers (empty under overload); anything else here is an answer known without work.</summary>
    private async Task RespondWithoutDeferringAsync(Interaction interaction, InteractionPlan plan, IInitialResponseSink sink, CancellationToken cancellationToken)
    {
        InteractionResponse response;
        if (interaction.Type == InteractionType.ApplicationCommandAutocomplete)
        {
            if (workers.Autocomplete.TryRun(ct => ProduceValidatedAsync(plan, ct), cancellationToken, out var work))
            {
                try
                {
                    response = await work.ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    response = Failed(interaction, plan, e, deferred: false);
                }
            }
            else
            {
                LogAutocompleteShed(logger, interaction.Id);
                response = InteractionResponse.Autocomplete([]);
            }
        }
        else
        {
            try
            {
                response = await ProduceValidatedAsync(plan, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                response = Failed(interaction, plan, e, deferred: false);
            }
        }
        await AcknowledgeAsync(interaction, response, sink, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<InteractionResponse> ProduceValidatedAsync(InteractionPlan plan, CancellationToken cancellationToken)
    {
        var response = await plan.Produce(cancellationToken).ConfigureAwait(false);
        // A response over Discord's limits is our bug; it becomes an apology here instead of a 400 there.
        MessageValidator.Validate(response);
        return response;
    }

    private static Exception Error(Task task) =>
        task.Exception?.GetBaseException() ?? new OperationCanceledException("The answer was given up before it was ready.");

    /// <summary>What an interaction was, for logs: "/dlt show", "autocomplete /dlt show", "component dlt:p:…", "ping".</summary>
    public static string Describe(Interaction interaction)
    {
        var data = interaction.Data;
        var command = data?.Name is { } name ? "/" + string.Join(' ', [name, .. data.ResolveSubcommand().SubcommandPath]) : "";
        return interaction.Type switch
        {
            InteractionType.Ping => "ping",
            InteractionType.ApplicationCommand => command,
            InteractionType.ApplicationCommandAutocomplete => "autocomplete " + command,
            InteractionType.MessageComponent => "component " + data?.CustomId,
            InteractionType.ModalSubmit => "modal " + data?.CustomId,
            _ => "interaction type " + (int)interaction.Type,
        };
    }

    private static InteractionResponse Deferral(DeferStyle style) => style switch
    {
        DeferStyle.Update => InteractionResponse.DeferredUpdate(),
        DeferStyle.EphemeralMessage => InteractionResponse.Deferred(ephemeral: true),
        _ => InteractionResponse.Deferred(),
    };

    private InteractionResponse Failed(Interaction interaction, InteractionPlan plan, Exception error, bool deferred)
    {
        var reference = ReferenceOf(interaction);
        LogCommandFailed(logger, error, reference, interaction.Id, interaction.Data?.Name ?? interaction.Data?.CustomId);
        if (plan.Defer == DeferStyle.None && interaction.Type == InteractionType.ApplicationCommandAutocomplete)
            return InteractionResponse.Autocomplete([]);
        return InteractionResponse.Message(DiscordReplyRenderer.Apology(plan.Language, reference));
    }

    /// <summary>Short and unique per interaction, so a user's screenshot finds the log line.</summary>
    public static string ReferenceOf(Interaction interaction) => CustomIdCodec.ToBase36(interaction.Id);

    /// <returns>False when Discord refused it: nothing more may be sent for this interaction.</returns>
    private async Task<bool> AcknowledgeAsync(Interaction interaction, InteractionResponse response, IInitialResponseSink sink, CancellationToken cancellationToken)
    {
        try
        {
            await sink.SendAsync(interaction, response, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DiscordRestException e) when (e.IsAlreadyAcknowledged)
        {
            LogAnsweredElsewhere(logger, interaction.Id);
        }
        catch (DiscordRestException e) when (e.IsUnknownInteraction)
        {
            LogExpired(logger, interaction.Id);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAckFailed(logger, e, interaction.Id, ReferenceOf(interaction));
        }
        return false;
    }

    private async Task EditOriginalAsync(Interaction interaction, InteractionResponse final, CancellationToken cancellationToken)
    {
        // The same message the first answer would have been, files included.
        var edit = final.Data?.ToOriginalEdit() ?? new MessageEditRequest { Content = "", Embeds = [], Components = [] };
        try
        {
            await rest.EditOriginalResponseAsync(interaction.ApplicationId, interaction.Token, edit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogEditFailed(logger, e, interaction.Id, ReferenceOf(interaction));
        }
    }

    [LoggerMessage(EventId = 5001, EventName = "InteractionDeferred", Level = LogLevel.Debug,
        Message = "Interaction {InteractionId} was not done after {DeferAfter}; deferred, the answer follows as an edit.")]
    private static partial void LogDeferred(ILogger logger, ulong interactionId, TimeSpan deferAfter);

    [LoggerMessage(EventId = 5007, EventName = "InteractionBusy", Level = LogLevel.Warning,
        Message = "Interaction {InteractionId} ({What}) answered 'busy': all {Workers} command workers and their queue are full.")]
    private static partial void LogBusy(ILogger logger, ulong interactionId, string what, int workers);

    [LoggerMessage(EventId = 5008, EventName = "AutocompleteShed", Level = LogLevel.Debug,
        Message = "Autocomplete {InteractionId} got no choices: the autocomplete workers are full.")]
    private static partial void LogAutocompleteShed(ILogger logger, ulong interactionId);

    [LoggerMessage(EventId = 5002, EventName = "InteractionFailed", Level = LogLevel.Error,
        Message = "Command failed (reference {Reference}, interaction {InteractionId}, {What}); the user got an apology.")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, string reference, ulong interactionId, string? what);

    [LoggerMessage(EventId = 5003, EventName = "InteractionAnsweredElsewhere", Level = LogLevel.Warning,
        Message = "Interaction {InteractionId} was already acknowledged (40060): another instance answered first. Not retried; is a second bot running on this token?")]
    private static partial void LogAnsweredElsewhere(ILogger logger, ulong interactionId);

    [LoggerMessage(EventId = 5004, EventName = "InteractionExpired", Level = LogLevel.Warning,
        Message = "Interaction {InteractionId} expired before the first answer (10062, the 3 s deadline passed). Not retried.")]
    private static partial void LogExpired(ILogger logger, ulong interactionId);

    [LoggerMessage(EventId = 5005, EventName = "InteractionAckFailed", Level = LogLevel.Error,
        Message = "Could not acknowledge interaction {InteractionId} (reference {Reference}).")]
    private static partial void LogAckFailed(ILogger logger, Exception exception, ulong interactionId, string reference);

    [LoggerMessage(EventId = 5006, EventName = "InteractionEditFailed", Level = LogLevel.Error,
        Message = "Could not edit the deferred answer of interaction {InteractionId} (reference {Reference}).")]
    private static partial void LogEditFailed(ILogger logger, Exception exception, ulong interactionId, string reference);
}
