using DltBot.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DltBot.Bot.LinkHealth;

/// <summary>
/// The scheduled link check (<c>LinkCheck:Schedule</c>). Every outcome ends here as a log line; only a shutdown's
/// cancellation goes back to Quartz. One run at a time, on one node of a cluster.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class LinkCheckJob(LinkCheckRun run, ILogger<LinkCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("link-check", "links");
    public static readonly TriggerKey TriggerKey = new("link-check", "links");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            var summary = await run.RunAsync(null, cancellationToken).ConfigureAwait(false);
            LogDone(logger, summary.Checked, summary.Reachable, summary.Failed, summary.Inconclusive, summary.Dead, summary.Moved, summary.Took);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(logger);
            throw;
        }
        catch (StoreUnavailableException e)
        {
            LogStoreUnavailable(logger, e.Message);
        }
        catch (InvalidOperationException e)
        {
            // The catalog is not loaded yet (a catch-up fire at start): the next scheduled run checks.
            LogNotReady(logger, e.Message);
        }
    }

    [LoggerMessage(6310, LogLevel.Information, "Link check: {Checked} link(s), {Reachable} reachable, {Failed} failing, {Inconclusive} undecided; {Dead} dead, {Moved} moved; took {Took}.", EventName = "LinkCheckDone")]
    private static partial void LogDone(ILogger logger, int @checked, int reachable, int failed, int inconclusive, int dead, int moved, TimeSpan took);

    [LoggerMessage(6311, LogLevel.Warning, "Link check stopped by shutdown; what was checked is stored, the rest waits for the next run.", EventName = "LinkCheckStopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(6312, LogLevel.Error, "Link check: the store is unavailable: {Reason}", EventName = "LinkCheckStoreUnavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, string reason);

    [LoggerMessage(6313, LogLevel.Warning, "Link check skipped: {Reason}", EventName = "LinkCheckNotReady")]
    private static partial void LogNotReady(ILogger logger, string reason);
}
