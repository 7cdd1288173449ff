using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using DltBot.Bot.Localization;
using DltBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Interactions;

/// <summary>
/// The one door every interaction goes through, whichever way it arrived (gateway or HTTP): plan, answer, and keep
/// track of the answers still being worked on so a shutdown can let them finish.
/// </summary>
/// <remarks>
/// Shutdown is two steps. <see cref="StopAccepting"/> (at ApplicationStopping) refuses new interactions. <see cref="DrainAsync"/>
/// (a hosted service that stops after the gateway) waits for the rest, then gives up on what is left, logging each one.
/// Answers are cancelled only by that give-up, never by ApplicationStopping itself: a deferred command's edit is exactly
/// what must still go out while the host stops.
/// </remarks>
public sealed partial class InteractionDispatcher(InteractionRouter router, InteractionResponder responder, ILogger<InteractionDispatcher> logger) : IDisposable
{
    public void Dispose() => _giveUp.Dispose();

    private readonly ConcurrentDictionary<Task, Interaction> _inFlight = new();
    private readonly CancellationTokenSource _giveUp = new();
    private volatile bool _accepting = true;
    private readonly Lock _drainLock = new();
    private Task? _drain;

    public int InFlight => _inFlight.Count;

    /// <summary>False once shutdown began: new interactions are not answered (Http mode replies 503).</summary>
    public bool IsAccepting => _accepting;

    /// <summary>Starts answering; the returned task ends when the answer (including a deferred edit) is sent.</summary>
    /// <param name="cancellationToken">Only for a caller that must give up early; shutdown is handled here.</param>
    /// <returns>Null when shutdown has begun and the interaction was not taken.</returns>
    public Task? DispatchAsync(Interaction interaction, IInitialResponseSink sink, CancellationToken cancellationToken = default)
    {
        if (!_accepting)
        {
            LogRefused(logger, interaction.Id, InteractionResponder.Describe(interaction));
            return null;
        }

        InteractionPlan plan;
        try
        {
            plan = router.Plan(interaction);
        }
        catch (Exception e)
        {
            var captured = ExceptionDispatchInfo.Capture(e);
            plan = new InteractionPlan(DeferStyle.EphemeralMessage, Languages.FromLocale(interaction.Locale), _ =>
            {
                captured.Throw();
                return default;
            });
        }

        var giveUp = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _giveUp.Token)
            : null;
        var task = responder.RespondAsync(interaction, plan, sink, giveUp?.Token ?? _giveUp.Token);
        _inFlight.TryAdd(task, interaction);
        _ = task.ContinueWith(t =>
        {
            _inFlight.TryRemove(t, out _);
            giveUp?.Dispose();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Refuses every interaction from now on; those already taken go on.</summary>
    public void StopAccepting() => _accepting = false;

    /// <summary>
    /// Stops accepting, waits for answers still being worked on (at most <paramref name="timeout"/> on <paramref name="time"/>),
    /// then logs each one still unfinished and gives it up. Only the first call drains; later ones (the host runs its
    /// stop sequence again when it is stopped twice) wait for that one.
    /// </summary>
    public Task DrainAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        lock (_drainLock)
            return _drain ??= DrainOnceAsync(timeout, time, cancellationToken);
    }

    private async Task DrainOnceAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        StopAccepting();
        var pending = _inFlight.ToArray();
        if (pending.Length > 0)
        {
            using var timerCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            // The timer exists before the log line, so whoever reacts to the line can move a fake clock past it.
            var deadline = Task.Delay(timeout, time, timerCancel.Token);
            LogDraining(logger, pending.Length, timeout);
            var all = Task.WhenAll(pending.Select(p => p.Key));
            await Task.WhenAny(all, deadline).ConfigureAwait(false);
            await timerCancel.CancelAsync().ConfigureAwait(false);
            foreach (var (_, interaction) in pending.Where(p => !p.Key.IsCompleted))
                LogUnfinished(logger, interaction.Id, InteractionResponder.Describe(interaction), timeout);
        }
        await _giveUp.CancelAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 5010, EventName = "InteractionUnfinished", Level = LogLevel.Warning,
        Message = "Interaction {InteractionId} ({What}) was still being answered {Timeout} after shutdown began; given up, the user gets no answer.")]
    private static partial void LogUnfinished(ILogger logger, ulong interactionId, string what, TimeSpan timeout);

    [LoggerMessage(EventId = 5011, EventName = "InteractionDraining", Level = LogLevel.Information,
        Message = "Shutting down: waiting up to {Timeout} for {Count} answer(s) in progress.")]
    private static partial void LogDraining(ILogger logger, int count, TimeSpan timeout);

    [LoggerMessage(EventId = 5012, EventName = "InteractionRefusedAtShutdown", Level = LogLevel.Warning,
        Message = "Interaction {InteractionId} ({What}) arrived while shutting down; not answered.")]
    private static partial void LogRefused(ILogger logger, ulong interactionId, string what);
}
