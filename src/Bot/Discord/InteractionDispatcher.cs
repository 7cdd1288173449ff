using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using DltBot.Bot.Localization;
using DltBot.Discord.Models;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Discord;

/// <summary>
/// The one door every interaction goes through, whichever way it arrived (gateway or HTTP): plan, answer, and keep
/// track of the work still running so a shutdown can wait for it.
/// </summary>
public sealed partial class InteractionDispatcher(InteractionRouter router, InteractionResponder responder, ILogger<InteractionDispatcher> logger)
{
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();

    public int InFlight => _inFlight.Count;

    /// <summary>Starts answering; the returned task ends when the answer (including a deferred edit) is sent.</summary>
    public Task DispatchAsync(Interaction interaction, IInitialResponseSink sink, CancellationToken cancellationToken)
    {
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

        var task = responder.RespondAsync(interaction, plan, sink, cancellationToken);
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Waits for answers still being worked on, at most <paramref name="timeout"/>.</summary>
    public async Task DrainAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0) return;
        try
        {
            await Task.WhenAll(pending).WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            LogDrainTimeout(logger, pending.Count(t => !t.IsCompleted), timeout);
        }
    }

    [LoggerMessage(EventId = 5010, EventName = "InteractionDrainTimeout", Level = LogLevel.Warning,
        Message = "{Count} interaction answer(s) still running after {Timeout} at shutdown; leaving them.")]
    private static partial void LogDrainTimeout(ILogger logger, int count, TimeSpan timeout);
}
