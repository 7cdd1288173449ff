namespace DltBot.Storage;

/// <summary>
/// The store's faces for the paper of the week, over the same database as the curation; register each as a singleton.
/// Every method throws <see cref="StoreUnavailableException"/> when the database cannot be used.
/// </summary>
public sealed record WeeklyStores(IWeeklySettings Settings, IWeeklyOccurrences Occurrences, IWeeklyQueueStore Queue, IWeeklySuggestions Suggestions);

/// <summary>Each guild's schedule and its switches, set by moderators (and paused by the job on a permanent error).</summary>
public interface IWeeklySettings
{
    Task<WeeklySettings?> GetAsync(string guild, CancellationToken ct);

    /// <summary>
    /// Inserts or replaces the guild's schedule. Saving it enables the weekly post (<c>setup</c> checked the channel just
    /// now), so a pause is cleared; a pending skip is kept.
    /// </summary>
    Task<WeeklySettings> SaveAsync(string guild, WeeklySchedule schedule, Actor by, CancellationToken ct);

    /// <summary>Stops the schedule, keeping it; <paramref name="reason"/> is what <c>status</c> shows. False when the guild has no settings.</summary>
    Task<bool> PauseAsync(string guild, string reason, Actor by, CancellationToken ct);

    /// <summary>Restarts a paused schedule and clears its reason. False when the guild has no settings.</summary>
    Task<bool> ResumeAsync(string guild, Actor by, CancellationToken ct);

    /// <summary>Sets or clears "the next run posts nothing". False when the guild has no settings.</summary>
    Task<bool> SetSkipNextAsync(string guild, bool skip, Actor by, CancellationToken ct);

    /// <summary>Every guild with settings (paused ones too), to schedule them at start-up.</summary>
    Task<IReadOnlyList<WeeklySettings>> ListAsync(CancellationToken ct);
}

/// <summary>
/// The weekly occurrences, the exactly-once heart: an occurrence is claimed in a transaction before anything is sent,
/// and only the one claimer that won may send.
/// </summary>
public interface IWeeklyOccurrences
{
    /// <summary>
    /// Claims the occurrence <paramref name="key"/> (<c>2026-W49</c>, or <c>2026-W49+1</c> for a forced extra post) with
    /// <see cref="ClaimRule.NewOnly"/>: true only for the caller whose insert created the row; everyone else gets the
    /// existing row. Two claimers never both win, whatever process or connection they use.
    /// </summary>
    Task<ClaimResult> TryClaimAsync(string guild, string key, DateTimeOffset scheduledUtc, string claimant, CancellationToken ct);

    /// <inheritdoc cref="TryClaimAsync(string, string, DateTimeOffset, string, CancellationToken)"/>
    /// <param name="rule"><see cref="ClaimRule.AlsoUnposted"/> lets <c>post-now</c> take a week that was skipped, missed or
    /// failed; a posted or claimed occurrence is never taken.</param>
    Task<ClaimResult> TryClaimAsync(string guild, string key, DateTimeOffset scheduledUtc, string claimant, ClaimRule rule, CancellationToken ct);

    /// <summary>
    /// Moves a claim left unconfirmed by a stopped process to <paramref name="claimant"/>, if it is still
    /// <paramref name="staleClaimant"/>'s: of several restarting processes only one takes it over. Check the channel for
    /// the post first.
    /// </summary>
    Task<bool> TakeOverAsync(string guild, string key, string staleClaimant, string claimant, CancellationToken ct);

    /// <summary>
    /// Records the sent message on a claimed occurrence and, in the same transaction, takes the entry out of the queue
    /// and closes the suggestions for it. False when the occurrence is not claimed (unknown, released or finished).
    /// </summary>
    Task<bool> ConfirmPostedAsync(string guild, string key, PostedMessage post, CancellationToken ct);

    /// <summary>
    /// Finishes a claimed occurrence without a post: <see cref="OccurrenceState.Skipped"/> (which also clears the
    /// guild's skip-next flag, in the same transaction), <see cref="OccurrenceState.Missed"/> or
    /// <see cref="OccurrenceState.Failed"/>, with the reason in words. False when the occurrence is not claimed.
    /// </summary>
    Task<bool> RecordOutcomeAsync(string guild, string key, OccurrenceState state, string? detail, CancellationToken ct);

    /// <summary>
    /// A permanent failure (unknown channel, missing access or permission): records it as <see cref="OccurrenceState.Failed"/>
    /// and pauses the guild with <paramref name="detail"/> as the reason, in one transaction.
    /// </summary>
    Task<bool> RecordFailureAndPauseAsync(string guild, string key, string detail, CancellationToken ct);

    /// <summary>Gives up a claim after a transient failure that will be retried; only its claimant can. False otherwise.</summary>
    Task<bool> ReleaseClaimAsync(string guild, string key, string claimant, CancellationToken ct);

    Task<Occurrence?> GetAsync(string guild, string key, CancellationToken ct);

    /// <summary>The occurrence changed last (claimed, posted, skipped, missed or failed), for <c>status</c>; null before the first.</summary>
    Task<Occurrence?> LastOutcomeAsync(string guild, CancellationToken ct);

    /// <summary>The latest <paramref name="count"/> posts, newest first.</summary>
    Task<IReadOnlyList<PostRecord>> RecentPostsAsync(string guild, int count, CancellationToken ct);

    /// <summary>The current cycle's number (1 before the first post) and the entries posted in it.</summary>
    Task<PostingCycle> CurrentCycleAsync(string guild, CancellationToken ct);

    /// <summary>Claims of every guild that were never confirmed, released or finished: the start-up checks these.</summary>
    Task<IReadOnlyList<Occurrence>> UnconfirmedClaimsAsync(CancellationToken ct);

    /// <summary>Remembers the poll that followed a post. False when the occurrence is not posted.</summary>
    Task<bool> RecordPollAsync(string guild, string key, string pollMessageId, CancellationToken ct);

    /// <summary>Remembers the poll's result once read: the winning entry, or null when nobody voted. False when the occurrence has no poll.</summary>
    Task<bool> RecordPollResultAsync(string guild, string key, string? winnerEntryId, CancellationToken ct);

    /// <summary>The poll of the latest post that had one, read or not; null when none did.</summary>
    Task<PollRecord?> LatestPollAsync(string guild, CancellationToken ct);

    /// <summary>
    /// What a run's pick reads, on one connection: the queue, the current cycle, the latest <paramref name="recentCount"/>
    /// posts and the latest poll, as <see cref="IWeeklyQueueStore.ListAsync"/>, <see cref="CurrentCycleAsync"/>,
    /// <see cref="RecentPostsAsync"/> and <see cref="LatestPollAsync"/> give them.
    /// </summary>
    Task<WeeklyPickState> PickStateAsync(string guild, int recentCount, CancellationToken ct);
}

/// <summary>Entries a moderator put first in line, oldest first.</summary>
public interface IWeeklyQueueStore
{
    /// <summary>Appends the entry; false (and its place kept) when it is queued already.</summary>
    Task<bool> EnqueueAsync(string guild, string entryId, Actor by, CancellationToken ct);

    /// <summary>False when the entry was not queued.</summary>
    Task<bool> UnqueueAsync(string guild, string entryId, CancellationToken ct);

    Task<IReadOnlyList<QueuedEntry>> ListAsync(string guild, CancellationToken ct);
}

/// <summary>Members' suggestions for the coming weeks: one open suggestion per member.</summary>
public interface IWeeklySuggestions
{
    /// <summary>Records the member's suggestion, replacing their open one; gives the entry id it replaced, if any.</summary>
    Task<string?> SuggestAsync(string guild, string memberId, string entryId, CancellationToken ct);

    /// <summary>The open suggestions per entry, most suggested first (then the earliest suggested).</summary>
    Task<IReadOnlyList<SuggestionTally>> ListOpenAsync(string guild, CancellationToken ct);

    /// <summary>Closes every open suggestion of the entry; how many there were. A confirmed post does this itself.</summary>
    Task<int> CloseForEntryAsync(string guild, string entryId, CancellationToken ct);
}

/// <summary>Whether a claim may take an occurrence that already has a row.</summary>
public enum ClaimRule
{
    /// <summary>Only an occurrence nobody claimed yet: the scheduled run (a recorded outcome stands).</summary>
    NewOnly,

    /// <summary>Also one that was skipped, missed or failed: a moderator's <c>post-now</c> after fixing the cause.</summary>
    AlsoUnposted,
}

public enum OccurrenceState
{
    /// <summary>Claimed, not confirmed: a send is in flight, or the claimant stopped before it knew the outcome.</summary>
    Claimed,
    Posted,
    Skipped,
    Missed,
    Failed,
}

/// <summary>What a guild's weekly post looks like and when it runs, as <c>setup</c> set it.</summary>
/// <param name="LocalTime">The time of day in <paramref name="TimeZoneId"/>, in whole minutes.</param>
/// <param name="TimeZoneId">An IANA zone id (<c>Europe/Berlin</c>).</param>
/// <param name="RoleId">The role the post mentions, if any.</param>
/// <param name="Thread">Open a discussion thread from the post.</param>
/// <param name="Poll">Follow the post with a poll for the next pick.</param>
public sealed record WeeklySchedule(string ChannelId, DayOfWeek Day, TimeOnly LocalTime, string TimeZoneId, string? RoleId, bool Thread, bool Poll);

/// <summary>A guild's schedule with its switches.</summary>
/// <param name="PauseReason">Why it is paused, in words (<c>missing permission Send Messages in #papers</c>); null when not paused.</param>
/// <param name="SkipNext">The next run posts nothing.</param>
public sealed record WeeklySettings(
    string Guild, WeeklySchedule Schedule, bool Paused, string? PauseReason, bool SkipNext, DateTimeOffset UpdatedUtc, string UpdatedBy);

/// <summary>One weekly occurrence of a guild.</summary>
/// <param name="Key">The ISO week of the scheduled time in the guild's zone (<c>2026-W49</c>), or a forced extra post's key (<c>2026-W49+1</c>).</param>
/// <param name="Post">The message, once <see cref="OccurrenceState.Posted"/>.</param>
/// <param name="Detail">Why it was skipped, missed or failed, or what went wrong with the thread of a post; null when nothing did.</param>
/// <param name="FinishedUtc">When it was posted, skipped, missed or failed.</param>
public sealed record Occurrence(
    string Guild, string Key, DateTimeOffset ScheduledUtc, OccurrenceState State, string Claimant, DateTimeOffset ClaimedUtc,
    PostedMessage? Post, string? Detail, DateTimeOffset? FinishedUtc);

/// <summary>The outcome of a claim: whether this caller won, and the occurrence as it now is.</summary>
public sealed record ClaimResult(bool Claimed, Occurrence Occurrence);

/// <summary>A sent post.</summary>
/// <param name="ThreadId">The discussion thread, when one was made.</param>
/// <param name="Cycle">The cycle number the post belongs to (the current one, or the next when the pick starts a new cycle).</param>
/// <param name="PollMessageId">The poll that followed, when it was sent with the post.</param>
/// <param name="ThreadProblem">Why the thread could not be made, in words; the post stands.</param>
public sealed record PostedMessage(
    string ChannelId, string MessageId, string? ThreadId, string EntryId, long Cycle, string? PollMessageId = null, string? ThreadProblem = null);

/// <summary>One post for <c>/dlt week</c> and <c>status</c>; its link is <c>https://discord.com/channels/{guild}/{channel}/{message}</c>.</summary>
public sealed record PostRecord(string Guild, string Key, string EntryId, string ChannelId, string MessageId, string? ThreadId, long Cycle, DateTimeOffset PostedUtc);

/// <summary>The current cycle: a new one starts when every entry has been posted.</summary>
public sealed record PostingCycle(long Number, IReadOnlySet<string> PostedEntryIds);

/// <summary>What a run's pick reads from the store.</summary>
/// <param name="Queue">Queued entry ids, oldest first.</param>
/// <param name="RecentPosts">The latest posts, newest first.</param>
/// <param name="LatestPoll">The poll of the latest post that had one; null when none did.</param>
public sealed record WeeklyPickState(IReadOnlyList<string> Queue, PostingCycle Cycle, IReadOnlyList<PostRecord> RecentPosts, PollRecord? LatestPoll);

/// <summary>A queued entry.</summary>
public sealed record QueuedEntry(string EntryId, DateTimeOffset QueuedUtc, string QueuedBy);

/// <summary>How many members suggest an entry, and since when.</summary>
public sealed record SuggestionTally(string EntryId, int Count, DateTimeOffset FirstSuggestedUtc);

/// <summary>The poll that followed a post.</summary>
/// <param name="Key">The occurrence whose post the poll followed.</param>
/// <param name="ResultsRead">The next run read its final results; <paramref name="WinnerEntryId"/> is then the winner (null: no votes).</param>
public sealed record PollRecord(string Guild, string Key, string ChannelId, string PollMessageId, bool ResultsRead, string? WinnerEntryId);
