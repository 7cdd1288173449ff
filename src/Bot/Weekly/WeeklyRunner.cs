using System.Globalization;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Framework;
using DltBot.Catalog.Weekly;
using DltBot.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Weekly;

/// <summary>
/// Runs weekly occurrences exactly once: the occurrence is claimed in the store before anything is sent, the message
/// carries a nonce derived from guild and key with <c>enforce_nonce</c>, and the post is confirmed after it went out.
/// A claim left unconfirmed by a stopped process is finished by <see cref="RecoverAsync"/>, which looks for the post in
/// the channel before it sends. Every outcome is recorded in the store and logged.
/// </summary>
public sealed partial class WeeklyRunner : IWeeklyRunner
{
    /// <summary>How many forced extra posts one week can have (<c>2026-W49+1</c> …); far more than anyone asks for.</summary>
    public const int MaxExtraPosts = 20;

    /// <summary>
    /// A <c>post-now</c> waits for a moderator who is looking at the reply, so it retries a transient failure only this
    /// long; a scheduled run retries until its grace period ends.
    /// </summary>
    public static readonly TimeSpan PostNowRetryWindow = TimeSpan.FromMinutes(2);

    private readonly WeeklyStores stores;
    private readonly ICatalogViews catalogs;
    private readonly IWeeklyPublisher publisher;
    private readonly TimeProvider time;
    private readonly PaperOfTheWeekOptions options;
    private readonly ILogger<WeeklyRunner> logger;

    /// <param name="claimants">
    /// Who this runner claims as and which other claimants are gone; by default this process is the only one on the
    /// database (SQLite), so every other claimant is a stopped process.
    /// </param>
    /// <param name="schedule">The live triggers, paused at once when a permanent error pauses a guild; none in a host without a scheduler.</param>
    public WeeklyRunner(WeeklyStores stores, ICatalogViews catalogs, IWeeklyPublisher publisher, TimeProvider time,
        IOptions<PaperOfTheWeekOptions> options, ILogger<WeeklyRunner> logger, IWeeklyClaimants? claimants = null, IWeeklySchedule? schedule = null)
    {
        this.stores = stores;
        this.catalogs = catalogs;
        this.publisher = publisher;
        this.time = time;
        this.options = options.Value;
        this.logger = logger;
        // One claimant per process lifetime: a restarted process is a new claimant, so its start-up sees the old claims as stale.
        this.claimants = claimants ?? new SoleProcessClaimants();
        this.schedule = schedule;
    }

    private readonly IWeeklySchedule? schedule;

    private readonly IWeeklyClaimants claimants;

    /// <summary>Who this runner claims occurrences as.</summary>
    public string Claimant => claimants.Self;

    public async Task<WeeklyRunOutcome> RunAsync(WeeklyRunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var outcome = await RunCoreAsync(request, ct).ConfigureAwait(false);
        LogOutcome(request.Guild, request.Kind, outcome);
        return outcome;
    }

    public async Task<WeeklyPost?> PreviewAsync(string guild, DateTimeOffset runUtc, CancellationToken ct)
    {
        var settings = await stores.Settings.GetAsync(guild, ct).ConfigureAwait(false);
        if (settings is null) return null;
        var week = WeeklyClock.WeekOf(runUtc, settings.Schedule);
        var prepared = await PrepareAsync(settings, week, week.ToString(), runUtc, runUtc, recordPoll: false, ct).ConfigureAwait(false);
        return prepared?.Post;
    }

    public async Task RecoverAsync(CancellationToken ct)
    {
        var claims = await stores.Occurrences.UnconfirmedClaimsAsync(ct).ConfigureAwait(false);
        foreach (var claim in claims.Where(c => c.Claimant != Claimant))
        {
            try
            {
                // Another instance may be posting it right now; only a stopped claimant's claim is ours to finish.
                if (!await claimants.IsGoneAsync(claim.Claimant, ct).ConfigureAwait(false))
                {
                    LogClaimLive(logger, claim.Guild, claim.Key, claim.Claimant);
                    continue;
                }
                var outcome = await RecoverClaimAsync(claim, ct).ConfigureAwait(false);
                if (outcome is not null) LogOutcome(claim.Guild, RunKind.Scheduled, outcome);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One guild's broken claim must not keep the others from being finished.
                LogRecoveryFailed(logger, claim.Guild, claim.Key, e);
            }
        }
    }

    private async Task<WeeklyRunOutcome> RunCoreAsync(WeeklyRunRequest request, CancellationToken ct)
    {
        var settings = await stores.Settings.GetAsync(request.Guild, ct).ConfigureAwait(false);
        if (settings is null) return new WeeklyRunOutcome.NotScheduled(null);
        // A paused schedule stops the trigger's runs; a moderator's post-now is an explicit request and still posts.
        if (settings.Paused && request.Kind == RunKind.Scheduled) return new WeeklyRunOutcome.NotScheduled(settings.PauseReason);

        var week = WeeklyClock.WeekOf(request.ScheduledUtc, settings.Schedule);
        var claim = await ClaimAsync(request, week, ct).ConfigureAwait(false);
        if (!claim.Claimed)
        {
            // Quartz fires a dead instance's interrupted run again on a live one (RequestRecovery): the claim is still
            // the dead instance's, and this run finishes it as start-up recovery would.
            if (claim.Occurrence is { State: OccurrenceState.Claimed } held && held.Claimant != Claimant &&
                await claimants.IsGoneAsync(held.Claimant, ct).ConfigureAwait(false))
                return await RecoverClaimAsync(held, ct).ConfigureAwait(false) ?? Existing(held, settings);
            return Existing(claim.Occurrence, settings);
        }

        var occurrence = claim.Occurrence;
        var now = time.GetUtcNow();
        if (request.Kind == RunKind.Scheduled && settings.SkipNext)
            return await FinishWithoutPostAsync(occurrence, OccurrenceState.Skipped, "skipped by a moderator", ct).ConfigureAwait(false);
        if (request.Kind == RunKind.Scheduled && now > occurrence.ScheduledUtc + options.MisfireGrace)
            return await FinishWithoutPostAsync(occurrence, OccurrenceState.Missed, MissedReason(occurrence.ScheduledUtc, now), ct).ConfigureAwait(false);

        var deadline = request.Kind == RunKind.PostNow ? now + PostNowRetryWindow : occurrence.ScheduledUtc + options.MisfireGrace;
        return await PostClaimedAsync(settings, week, occurrence, deadline, found: null, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The scheduled run claims its week only when nobody did. <c>post-now</c> may also take a week that was skipped,
    /// missed or failed; with <c>force</c> it takes the first free extra key when the week was posted.
    /// </summary>
    private async Task<ClaimResult> ClaimAsync(WeeklyRunRequest request, IsoWeekKey week, CancellationToken ct)
    {
        var occurrences = stores.Occurrences;
        if (request.Kind == RunKind.Scheduled)
            return await occurrences.TryClaimAsync(request.Guild, week.ToString(), request.ScheduledUtc, Claimant, ClaimRule.NewOnly, ct).ConfigureAwait(false);

        var claim = await occurrences.TryClaimAsync(request.Guild, week.ToString(), request.ScheduledUtc, Claimant, ClaimRule.AlsoUnposted, ct).ConfigureAwait(false);
        for (var n = 1; !claim.Claimed && request.Force && n <= MaxExtraPosts; n++)
            claim = await occurrences.TryClaimAsync(request.Guild, week.Extra(n), request.ScheduledUtc, Claimant, ClaimRule.AlsoUnposted, ct).ConfigureAwait(false);
        return claim;
    }

    /// <summary>What an occurrence somebody else claimed came to, or is coming to.</summary>
    private static WeeklyRunOutcome Existing(Occurrence occurrence, WeeklySettings settings) => occurrence.State switch
    {
        OccurrenceState.Posted => new WeeklyRunOutcome.AlreadyPosted(occurrence.Key, LinkOf(occurrence.Guild, occurrence.Post!)),
        OccurrenceState.Claimed => new WeeklyRunOutcome.AlreadyPosted(occurrence.Key, null),
        OccurrenceState.Skipped => new WeeklyRunOutcome.Skipped(occurrence.Key),
        OccurrenceState.Missed => new WeeklyRunOutcome.Missed(occurrence.Key, occurrence.ScheduledUtc),
        _ => new WeeklyRunOutcome.Failed(occurrence.Key, occurrence.Detail ?? "failed", settings.Paused),
    };

    private async Task<WeeklyRunOutcome?> RecoverClaimAsync(Occurrence claim, CancellationToken ct)
    {
        var settings = await stores.Settings.GetAsync(claim.Guild, ct).ConfigureAwait(false);
        if (settings is null)
        {
            if (!await stores.Occurrences.TakeOverAsync(claim.Guild, claim.Key, claim.Claimant, Claimant, ct).ConfigureAwait(false)) return null;
            return await FinishWithoutPostAsync(claim, OccurrenceState.Failed, "the weekly post was switched off before this occurrence finished", ct).ConfigureAwait(false);
        }

        // Look before sending: the stopped process may have posted and died before it could confirm.
        var channel = settings.Schedule.ChannelId;
        string? found = null;
        try
        {
            found = await publisher.FindPostAsync(channel, WeeklyNonce.For(claim.Guild, claim.Key), ct).ConfigureAwait(false);
        }
        catch (WeeklyPublishException e)
        {
            LogFindFailed(logger, claim.Guild, claim.Key, e.Message);
        }

        if (!await stores.Occurrences.TakeOverAsync(claim.Guild, claim.Key, claim.Claimant, Claimant, ct).ConfigureAwait(false)) return null;
        if (found is not null) LogFoundAfterRestart(logger, claim.Guild, claim.Key, found);

        var now = time.GetUtcNow();
        var deadline = claim.ScheduledUtc + options.MisfireGrace;
        if (found is null && now > deadline)
            return await FinishWithoutPostAsync(claim, OccurrenceState.Missed, MissedReason(claim.ScheduledUtc, now), ct).ConfigureAwait(false);

        var week = IsoWeekKey.TryParse(claim.Key, out var parsed) ? parsed : WeeklyClock.WeekOf(claim.ScheduledUtc, settings.Schedule);
        var retryUntil = deadline > now + PostNowRetryWindow ? deadline : now + PostNowRetryWindow;
        return await PostClaimedAsync(settings, week, claim, retryUntil, found, ct).ConfigureAwait(false);
    }

    /// <summary>Composes, sends (unless <paramref name="found"/> says it went out already), makes the thread, confirms, then the poll.</summary>
    private async Task<WeeklyRunOutcome> PostClaimedAsync(
        WeeklySettings settings, IsoWeekKey week, Occurrence occurrence, DateTimeOffset deadline, string? found, CancellationToken ct)
    {
        var (guild, key) = (occurrence.Guild, occurrence.Key);
        var from = Later(time.GetUtcNow(), occurrence.ScheduledUtc);
        var prepared = await PrepareAsync(settings, week, key, occurrence.ScheduledUtc, from, recordPoll: true, ct).ConfigureAwait(false);
        if (prepared is null)
        {
            await stores.Occurrences.RecordOutcomeAsync(guild, key, OccurrenceState.Failed,
                "nothing to post: the server's list has no entry with a link of its own", ct).ConfigureAwait(false);
            return new WeeklyRunOutcome.NothingToPost(key);
        }

        var post = prepared.Post;
        var channel = settings.Schedule.ChannelId;
        string messageId;
        try
        {
            messageId = found ?? await SendWithRetryAsync(channel, post, WeeklyNonce.For(guild, key), deadline, ct).ConfigureAwait(false);
        }
        catch (WeeklyPublishException e) when (e.Failure == PublishFailure.Permanent)
        {
            await stores.Occurrences.RecordFailureAndPauseAsync(guild, key, e.Message, ct).ConfigureAwait(false);
            await PauseTriggerAsync(guild, ct).ConfigureAwait(false);
            return new WeeklyRunOutcome.Failed(key, e.Message, Paused: true);
        }
        catch (WeeklyPublishException e)
        {
            await stores.Occurrences.RecordOutcomeAsync(guild, key, OccurrenceState.Failed, e.Message, ct).ConfigureAwait(false);
            return new WeeklyRunOutcome.Failed(key, e.Message, Paused: false);
        }

        var (threadId, threadProblem) = post.Thread
            ? await StartThreadAsync(channel, messageId, post, alreadySent: found is not null, ct).ConfigureAwait(false)
            : (null, null);

        var record = new PostedMessage(channel, messageId, threadId, post.Entry.Id, prepared.Pick.CycleAfter(prepared.Cycle), ThreadProblem: threadProblem);
        if (!await ConfirmAsync(guild, key, record, deadline, ct).ConfigureAwait(false))
            LogConfirmLost(logger, guild, key, messageId);

        foreach (var stale in prepared.Pick.StaleQueue)
            await stores.Queue.UnqueueAsync(guild, stale, ct).ConfigureAwait(false);

        if (post.Poll is { } poll) await SendPollAsync(guild, key, channel, poll, ct).ConfigureAwait(false);

        return new WeeklyRunOutcome.Posted(key, LinkOf(guild, record), post.Entry.Id, post.NewCycle, threadProblem);
    }

    /// <summary>
    /// Brings the guild's live trigger in step with the pause just stored, so next week's slot does not fire at all. If the
    /// scheduler cannot be reached the store still says paused: that run would post nothing, and the start-up sync pauses it.
    /// </summary>
    private async Task PauseTriggerAsync(string guild, CancellationToken ct)
    {
        if (schedule is null) return;
        try
        {
            await schedule.ApplyAsync(guild, await stores.Settings.GetAsync(guild, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogTriggerNotPaused(logger, guild, e);
        }
    }

    /// Records the sent post. The message is out, so a database that is away for a moment (a restart, a failover) must
    /// not leave the occurrence claimed for good by a live instance, which nothing would ever finish: the confirmation is
    /// tried again, 1 s apart and doubling up to 30 s, until <paramref name="deadline"/>.
    /// </summary>
    private async Task<bool> ConfirmAsync(string guild, string key, PostedMessage record, DateTimeOffset deadline, CancellationToken ct)
    {
        var delay = ConfirmRetryFirst;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await stores.Occurrences.ConfirmPostedAsync(guild, key, record, ct).ConfigureAwait(false)) return true;
                // A confirmation whose connection broke while committing may have landed after all.
                return attempt > 1 && await stores.Occurrences.GetAsync(guild, key, ct).ConfigureAwait(false) is { State: OccurrenceState.Posted } done
                    && done.Post?.MessageId == record.MessageId;
            }
            catch (StoreUnavailableException e) when (time.GetUtcNow() + delay <= deadline)
            {
                LogConfirmRetrying(logger, guild, key, record.MessageId, delay, e.Message);
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
                delay = delay * 2 > ConfirmRetryMax ? ConfirmRetryMax : delay * 2;
            }
        }
    }

    private static readonly TimeSpan ConfirmRetryFirst = TimeSpan.FromSeconds(1), ConfirmRetryMax = TimeSpan.FromSeconds(30);

    /// <summary>Sends the post, retrying transient failures with exponential backoff until <paramref name="deadline"/>.</summary>
    private async Task<string> SendWithRetryAsync(string channel, WeeklyPost post, string nonce, DateTimeOffset deadline, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await publisher.SendPostAsync(channel, post, nonce, ct).ConfigureAwait(false);
            }
            catch (WeeklyPublishException e) when (e.Failure == PublishFailure.Transient)
            {
                var delay = WeeklyBackoff.Delay(attempt);
                if (time.GetUtcNow() + delay > deadline)
                    throw new WeeklyPublishException(PublishFailure.Transient,
                        $"Discord kept failing until the retry window ended ({attempt + 1} attempts): {e.Message}", e);
                LogRetrying(logger, post.Guild, post.Key, attempt + 1, delay, e.Message);
                await Task.Delay(delay, time, ct).ConfigureAwait(false);
            }

            // The failed attempt may have landed after all (a timeout after Discord took it); the nonce finds it.
            try
            {
                if (await publisher.FindPostAsync(channel, nonce, ct).ConfigureAwait(false) is { } landed) return landed;
            }
            catch (WeeklyPublishException)
            {
                // Looking is best effort; the resend carries the same enforced nonce.
            }
        }
    }

    private async Task<(string? ThreadId, string? Problem)> StartThreadAsync(
        string channel, string messageId, WeeklyPost post, bool alreadySent, CancellationToken ct)
    {
        try
        {
            return (await publisher.StartThreadAsync(channel, messageId, post, ct).ConfigureAwait(false), null);
        }
        catch (WeeklyPublishException e) when (alreadySent && e.Failure == PublishFailure.Rejected)
        {
            // The stopped process made the thread before it died; a thread started from a message has the message's id.
            return (messageId, null);
        }
        catch (WeeklyPublishException e)
        {
            LogThreadFailed(logger, post.Guild, post.Key, e.Message);
            return (null, $"the thread could not be created: {e.Message}");
        }
    }

    private async Task SendPollAsync(string guild, string key, string channel, WeeklyPoll poll, CancellationToken ct)
    {
        try
        {
            var pollId = await publisher.SendPollAsync(channel, poll, ct).ConfigureAwait(false);
            await stores.Occurrences.RecordPollAsync(guild, key, pollId, ct).ConfigureAwait(false);
        }
        catch (WeeklyPublishException e)
        {
            // The post stands; next week's pick falls back to the queue and the seeded order.
            LogPollFailed(logger, guild, key, e.Message);
        }
    }

    private async Task<WeeklyRunOutcome> FinishWithoutPostAsync(Occurrence occurrence, OccurrenceState state, string detail, CancellationToken ct)
    {
        await stores.Occurrences.RecordOutcomeAsync(occurrence.Guild, occurrence.Key, state, detail, ct).ConfigureAwait(false);
        return state switch
        {
            OccurrenceState.Skipped => new WeeklyRunOutcome.Skipped(occurrence.Key),
            OccurrenceState.Missed => new WeeklyRunOutcome.Missed(occurrence.Key, occurrence.ScheduledUtc),
            _ => new WeeklyRunOutcome.Failed(occurrence.Key, detail, Paused: false),
        };
    }

    /// <summary>
    /// The pick and the post as the run would make them. Preview and run call this with the same inputs, so they agree;
    /// only the run records the poll result it reads.
    /// </summary>
    private async Task<PreparedPost?> PrepareAsync(
        WeeklySettings settings, IsoWeekKey week, string key, DateTimeOffset scheduledUtc, DateTimeOffset fromUtc, bool recordPoll, CancellationToken ct)
    {
        var guild = settings.Guild;
        var list = catalogs.ViewFor(PlaceOf(guild)).List;
        var (queue, cycle, recentPosts, latestPoll) = await stores.Occurrences.PickStateAsync(guild, WeeklySelection.TopicMemory, ct).ConfigureAwait(false);
        var recent = recentPosts.Select(p => p.EntryId).ToList();
        var winner = await PollWinnerAsync(guild, week, recentPosts, latestPoll, recordPoll, ct).ConfigureAwait(false);

        var pick = WeeklySelection.Pick(new WeeklyPickInput(list, guild, week, queue, winner, cycle.PostedEntryIds, recent));
        if (pick is null) return null;

        WeeklyPoll? poll = null;
        if (settings.Schedule.Poll)
        {
            var posted = new HashSet<string>(pick.StartsNewCycle ? [] : cycle.PostedEntryIds, StringComparer.OrdinalIgnoreCase) { pick.Entry.Id };
            var suggestions = (await stores.Suggestions.ListOpenAsync(guild, ct).ConfigureAwait(false)).Select(s => s.EntryId).ToList();
            var next = new WeeklyPickInput(list, guild, week.Next(), queue.Where(id => !Same(id, pick.Entry.Id)).ToList(), null, posted, [pick.Entry.Id, .. recent]);
            var candidates = WeeklySelection.PollCandidates(next, suggestions);
            if (candidates.Count >= WeeklySelection.MinPollCandidates)
                poll = WeeklyPostComposer.Poll(candidates, WeeklyPostComposer.PollHours(fromUtc, WeeklyClock.NextRunAfter(settings.Schedule, scheduledUtc)));
        }

        var schedule = settings.Schedule;
        var post = new WeeklyPost(guild, key, WeeklyPostComposer.Header(week, pick.StartsNewCycle), pick.Entry, pick.Candidate.Section, pick.Reason,
            pick.StartsNewCycle, schedule.RoleId, schedule.Thread, WeeklyPostComposer.ThreadName(week, pick.Entry.Title),
            WeeklyPostComposer.Prompts(pick.Candidate.Kind), poll);
        return new PreparedPost(post, pick, cycle.Number);
    }

    /// <summary>
    /// The winner of the poll that followed the latest post, reading its results the first time (a run records them; a
    /// preview only looks). A poll older than the latest post was for an earlier week and no longer counts.
    /// </summary>
    private async Task<string?> PollWinnerAsync(
        string guild, IsoWeekKey week, IReadOnlyList<PostRecord> recentPosts, PollRecord? latest, bool record, CancellationToken ct)
    {
        if (latest is null || recentPosts.Count == 0 || recentPosts[0].Key != latest.Key) return null;
        if (latest.ResultsRead) return latest.WinnerEntryId;

        WeeklyPollResults? results;
        try
        {
            results = await publisher.ReadPollAsync(latest.ChannelId, latest.PollMessageId, ct).ConfigureAwait(false);
        }
        catch (WeeklyPublishException e)
        {
            LogPollReadFailed(logger, guild, latest.Key, e.Message);
            return null;
        }

        string? winner = null;
        if (results?.EntryIds is { } ids && ids.Count == results.Votes.Count)
            winner = WeeklySelection.PollWinner(ids.Zip(results.Votes, KeyValuePair.Create).ToList(), guild, week);
        else if (results is not null)
            LogPollUnmatched(logger, guild, latest.Key);

        // A poll still open gives its current leader to a preview or an early run, but only final counts are kept.
        if (record && (results is null || results.Final))
            await stores.Occurrences.RecordPollResultAsync(guild, latest.Key, winner, ct).ConfigureAwait(false);
        return winner;
    }

    internal static Place PlaceOf(string guild) =>
        guild == Place.LocalKey ? Place.Local
        : ulong.TryParse(guild, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? Place.Guild(id, null)
        : new Place(guild, null, null);

    private string MissedReason(DateTimeOffset scheduledUtc, DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture,
        $"missed: the bot was offline at {scheduledUtc:yyyy-MM-dd HH:mm} UTC and back {Hours(now - scheduledUtc)} later, past the grace period of {Hours(options.MisfireGrace)}");

    private static string Hours(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");

    private static WeeklyPostLink LinkOf(string guild, PostedMessage post) => new(guild, post.ChannelId, post.MessageId, post.ThreadId);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private void LogOutcome(string guild, RunKind kind, WeeklyRunOutcome outcome)
    {
        switch (outcome)
        {
            case WeeklyRunOutcome.Posted p: LogPosted(logger, guild, p.Key, p.EntryId, p.Link.MessageId, kind); break;
            case WeeklyRunOutcome.AlreadyPosted a: LogAlreadyPosted(logger, guild, a.Key, kind); break;
            case WeeklyRunOutcome.Skipped s: LogSkipped(logger, guild, s.Key); break;
            case WeeklyRunOutcome.Missed m: LogMissed(logger, guild, m.Key, m.ScheduledUtc); break;
            case WeeklyRunOutcome.Failed { Paused: true } f: LogFailedAndPaused(logger, guild, f.Key, f.Reason); break;
            case WeeklyRunOutcome.Failed f: LogFailed(logger, guild, f.Key, f.Reason); break;
            case WeeklyRunOutcome.NotScheduled n: LogNotScheduled(logger, guild, kind, n.PauseReason ?? "no schedule"); break;
            case WeeklyRunOutcome.NothingToPost n: LogNothingToPost(logger, guild, n.Key); break;
        }
    }

    [LoggerMessage(7100, LogLevel.Information, "Paper of the week {Key} posted in guild {Guild}: {EntryId} (message {MessageId}, {Kind})", EventName = "WeeklyPosted")]
    private static partial void LogPosted(ILogger logger, string guild, string key, string entryId, string messageId, RunKind kind);

    [LoggerMessage(7101, LogLevel.Information, "Paper of the week {Key} of guild {Guild} was posted already; nothing sent ({Kind})", EventName = "WeeklyAlreadyPosted")]
    private static partial void LogAlreadyPosted(ILogger logger, string guild, string key, RunKind kind);

    [LoggerMessage(7102, LogLevel.Information, "Paper of the week {Key} of guild {Guild} skipped by a moderator", EventName = "WeeklySkipped")]
    private static partial void LogSkipped(ILogger logger, string guild, string key);

    [LoggerMessage(7103, LogLevel.Warning, "Paper of the week {Key} of guild {Guild} missed: scheduled at {ScheduledUtc}, past the grace period", EventName = "WeeklyMissed")]
    private static partial void LogMissed(ILogger logger, string guild, string key, DateTimeOffset scheduledUtc);

    [LoggerMessage(7104, LogLevel.Warning, "Paper of the week {Key} of guild {Guild} failed: {Reason}", EventName = "WeeklyFailed")]
    private static partial void LogFailed(ILogger logger, string guild, string key, string reason);

    [LoggerMessage(7105, LogLevel.Error, "Paper of the week {Key} of guild {Guild} failed and the schedule is paused until a moderator resumes it: {Reason}", EventName = "WeeklyFailedAndPaused")]
    private static partial void LogFailedAndPaused(ILogger logger, string guild, string key, string reason);

    [LoggerMessage(7106, LogLevel.Information, "Paper of the week not run for guild {Guild} ({Kind}): {Why}", EventName = "WeeklyNotScheduled")]
    private static partial void LogNotScheduled(ILogger logger, string guild, RunKind kind, string why);

    [LoggerMessage(7107, LogLevel.Warning, "Paper of the week {Key} of guild {Guild}: the list has nothing that can be posted", EventName = "WeeklyNothingToPost")]
    private static partial void LogNothingToPost(ILogger logger, string guild, string key);

    [LoggerMessage(7108, LogLevel.Warning, "Paper of the week {Key} of guild {Guild}: attempt {Attempt} failed ({Reason}); retrying in {Delay}", EventName = "WeeklyRetrying")]
    private static partial void LogRetrying(ILogger logger, string guild, string key, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(7109, LogLevel.Warning, "Paper of the week {Key} of guild {Guild} posted, but its thread failed: {Reason}", EventName = "WeeklyThreadFailed")]
    private static partial void LogThreadFailed(ILogger logger, string guild, string key, string reason);

    [LoggerMessage(7110, LogLevel.Warning, "Paper of the week {Key} of guild {Guild} posted, but its poll failed: {Reason}", EventName = "WeeklyPollFailed")]
    private static partial void LogPollFailed(ILogger logger, string guild, string key, string reason);

    [LoggerMessage(7111, LogLevel.Warning, "The poll after {Key} of guild {Guild} could not be read: {Reason}", EventName = "WeeklyPollReadFailed")]
    private static partial void LogPollReadFailed(ILogger logger, string guild, string key, string reason);

    [LoggerMessage(7112, LogLevel.Warning, "The poll after {Key} of guild {Guild} does not say which entries its answers are; its votes are ignored", EventName = "WeeklyPollUnmatched")]
    private static partial void LogPollUnmatched(ILogger logger, string guild, string key);

    [LoggerMessage(7113, LogLevel.Error, "Paper of the week {Key} of guild {Guild} was sent (message {MessageId}) but its claim was gone when confirming", EventName = "WeeklyConfirmLost")]
    private static partial void LogConfirmLost(ILogger logger, string guild, string key, string messageId);

    [LoggerMessage(7118, LogLevel.Warning, "Paper of the week {Key} of guild {Guild} was sent (message {MessageId}) but could not be recorded yet ({Reason}); trying again in {Delay}", EventName = "WeeklyConfirmRetrying")]
    private static partial void LogConfirmRetrying(ILogger logger, string guild, string key, string messageId, TimeSpan delay, string reason);

    [LoggerMessage(7114, LogLevel.Information, "Paper of the week {Key} of guild {Guild} was found in the channel after a restart (message {MessageId}); not sent again", EventName = "WeeklyFoundAfterRestart")]
    private static partial void LogFoundAfterRestart(ILogger logger, string guild, string key, string messageId);

    [LoggerMessage(7115, LogLevel.Warning, "Could not look for the post of {Key} of guild {Guild} after a restart: {Reason}", EventName = "WeeklyFindFailed")]
    private static partial void LogFindFailed(ILogger logger, string guild, string key, string reason);

    [LoggerMessage(7117, LogLevel.Information, "Paper of the week {Key} of guild {Guild} is claimed by the running instance {Claimant}; left to it", EventName = "WeeklyClaimLive")]
    private static partial void LogClaimLive(ILogger logger, string guild, string key, string claimant);

    [LoggerMessage(7119, LogLevel.Warning, "Guild {Guild} is paused, but its trigger could not be paused now; its runs post nothing until resume", EventName = "WeeklyTriggerNotPaused")]
    private static partial void LogTriggerNotPaused(ILogger logger, string guild, Exception exception);

    [LoggerMessage(7116, LogLevel.Error, "Could not finish the unconfirmed occurrence {Key} of guild {Guild}", EventName = "WeeklyRecoveryFailed")]
    private static partial void LogRecoveryFailed(ILogger logger, string guild, string key, Exception exception);

    private sealed record PreparedPost(WeeklyPost Post, WeeklyPick Pick, long Cycle);
}

/// <summary>Waits between attempts after a transient failure: 30 s, doubling, at most 30 min.</summary>
public static class WeeklyBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(30);

    public static TimeSpan Delay(int attempt) =>
        attempt >= 16 ? Max : TimeSpan.FromTicks(Math.Min(First.Ticks << attempt, Max.Ticks));
}
