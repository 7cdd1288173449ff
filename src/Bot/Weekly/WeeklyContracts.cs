using DltBot.Catalog.Model;
using DltBot.Catalog.Weekly;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Weekly;

/// <summary>Section <c>PaperOfTheWeek</c>.</summary>
public sealed class PaperOfTheWeekOptions
{
    public const string SectionName = "PaperOfTheWeek";

    /// <summary>How late a missed occurrence may still be posted (the bot was down at the scheduled time); later it is recorded as missed.</summary>
    public TimeSpan MisfireGrace { get; set; } = TimeSpan.FromHours(12);
}

internal sealed class PaperOfTheWeekOptionsValidator : IValidateOptions<PaperOfTheWeekOptions>
{
    public ValidateOptionsResult Validate(string? name, PaperOfTheWeekOptions options) =>
        options.MisfireGrace < TimeSpan.Zero || options.MisfireGrace > TimeSpan.FromDays(6)
            ? ValidateOptionsResult.Fail($"PaperOfTheWeek:MisfireGrace must be between 00:00:00 and 6.00:00:00 (was {options.MisfireGrace}).")
            : ValidateOptionsResult.Success;
}

/// <summary>Why a run happens: the guild's weekly trigger, or a moderator's <c>post-now</c>.</summary>
public enum RunKind { Scheduled, PostNow }

/// <param name="ScheduledUtc">The occurrence's scheduled time (Quartz's scheduled fire time), or now for <c>post-now</c>.</param>
/// <param name="Force"><c>post-now force:true</c>: post even though this week was posted (an extra post under <c>2026-W49+1</c>).</param>
public sealed record WeeklyRunRequest(string Guild, DateTimeOffset ScheduledUtc, RunKind Kind, bool Force = false);

/// <summary>Where a post is: <see cref="Url"/> opens it in Discord.</summary>
public sealed record WeeklyPostLink(string Guild, string ChannelId, string MessageId, string? ThreadId)
{
    /// <summary>The message in Discord; the shell's own posts (guild <c>local</c>) were printed, so they are named instead.</summary>
    public string Url => IsLocal ? $"console post {MessageId}" : $"https://discord.com/channels/{Guild}/{ChannelId}/{MessageId}";

    public string? ThreadUrl => ThreadId is null ? null : IsLocal ? $"console thread {ThreadId}" : $"https://discord.com/channels/{Guild}/{ThreadId}";

    private bool IsLocal => Guild == Commands.Framework.Place.LocalKey;
}

/// <summary>What a run came to. Every outcome is also recorded in the store, so <c>status</c> can say it in words.</summary>
public abstract record WeeklyRunOutcome
{
    private WeeklyRunOutcome() { }

    /// <param name="ThreadProblem">Why the thread could not be made; the post stands.</param>
    public sealed record Posted(string Key, WeeklyPostLink Link, string EntryId, bool NewCycle, string? ThreadProblem) : WeeklyRunOutcome;

    /// <summary>This week was posted already (a second <c>post-now</c>, or a run that lost the race).</summary>
    public sealed record AlreadyPosted(string Key, WeeklyPostLink? Link) : WeeklyRunOutcome;

    /// <summary>A moderator's <c>skip</c> took this run.</summary>
    public sealed record Skipped(string Key) : WeeklyRunOutcome;

    /// <summary>The bot was down past the grace period.</summary>
    public sealed record Missed(string Key, DateTimeOffset ScheduledUtc) : WeeklyRunOutcome;

    /// <param name="Reason">Discord's reason in words ("missing permission Send Messages in #papers").</param>
    /// <param name="Paused">A permanent error paused the guild's schedule until a moderator runs <c>resume</c>.</param>
    public sealed record Failed(string Key, string Reason, bool Paused) : WeeklyRunOutcome;

    /// <summary>The guild has no schedule (no <c>setup</c>), or it is paused.</summary>
    public sealed record NotScheduled(string? PauseReason) : WeeklyRunOutcome;

    /// <summary>The guild's list has nothing that can be posted.</summary>
    public sealed record NothingToPost(string Key) : WeeklyRunOutcome;
}

/// <summary>Runs occurrences: the Quartz job, <c>post-now</c> and start-up recovery all go through here.</summary>
public interface IWeeklyRunner
{
    Task<WeeklyRunOutcome> RunAsync(WeeklyRunRequest request, CancellationToken ct);

    /// <summary>Exactly what the run at <paramref name="runUtc"/> would post now; nothing is claimed or sent.</summary>
    Task<WeeklyPost?> PreviewAsync(string guild, DateTimeOffset runUtc, CancellationToken ct);

    /// <summary>At start: finishes occurrences a stopped process claimed but never confirmed (finds the post in the channel, or sends it).</summary>
    Task RecoverAsync(CancellationToken ct);
}

/// <summary>A weekly post as it will appear, whatever surface shows it.</summary>
/// <param name="Header">"Paper of the week · 2026-W49".</param>
/// <param name="ThreadName">At most 100 characters: "W49 · Omnigrok: Grokking Beyond Algorithmic Data".</param>
/// <param name="Prompts">Two or three discussion prompts for the thread's first message, suited to the entry's kind.</param>
/// <param name="Poll">The poll that follows the post, when the guild has polls on and there are enough candidates.</param>
public sealed record WeeklyPost(
    string Guild,
    string Key,
    string Header,
    Entry Entry,
    Section Section,
    PickReason Reason,
    bool NewCycle,
    string? RoleId,
    bool Thread,
    string ThreadName,
    IReadOnlyList<string> Prompts,
    WeeklyPoll? Poll);

/// <param name="Answers">3 to 5 answers, each at most 55 characters.</param>
/// <param name="DurationHours">Closes the poll before the next run.</param>
public sealed record WeeklyPoll(string Question, IReadOnlyList<WeeklyPollAnswer> Answers, int DurationHours);

/// <param name="Url">The entry's link, listed beside the poll (answers cannot carry links).</param>
public sealed record WeeklyPollAnswer(string EntryId, string Text, string? Url = null);

/// <summary>How a publishing failure should be handled.</summary>
public enum PublishFailure
{
    /// <summary>5xx, 429, timeouts: try again with backoff within the grace period.</summary>
    Transient,

    /// <summary>Unknown channel, missing access, missing permissions: pause the guild until a moderator fixes it.</summary>
    Permanent,

    /// <summary>Discord refused the request itself; retrying will not help, but it is not the moderators' doing.</summary>
    Rejected,
}

/// <summary>A post, thread, poll or read that did not go through.</summary>
public sealed class WeeklyPublishException(PublishFailure failure, string reason, Exception? inner = null) : Exception(reason, inner)
{
    public PublishFailure Failure { get; } = failure;
}

/// <summary>
/// Where weekly posts go: Discord's REST API, or the console when the shell runs. Every method throws
/// <see cref="WeeklyPublishException"/> for what the platform refused or could not do.
/// </summary>
public interface IWeeklyPublisher
{
    /// <summary>Sends the post's message (embed, role mention limited to that role) with the nonce enforced; returns its id.</summary>
    Task<string> SendPostAsync(string channelId, WeeklyPost post, string nonce, CancellationToken ct);

    /// <summary>Starts the discussion thread from the post (auto-archive one week) and posts the prompts in it; returns the thread id.</summary>
    Task<string> StartThreadAsync(string channelId, string messageId, WeeklyPost post, CancellationToken ct);

    /// <summary>Sends the poll after the post; returns the poll message's id.</summary>
    Task<string> SendPollAsync(string channelId, WeeklyPoll poll, CancellationToken ct);

    /// <summary>The id of a recent message in the channel that carries this nonce (a post sent before a restart), or null.</summary>
    Task<string?> FindPostAsync(string channelId, string nonce, CancellationToken ct);

    /// <summary>Votes per answer (by position, 0-based) of a poll, and whether they are final; null when the poll is gone.</summary>
    Task<WeeklyPollResults?> ReadPollAsync(string channelId, string pollMessageId, CancellationToken ct);

    /// <summary>The permissions the bot lacks in the channel for this kind of post, by name ("Send Messages"); empty when none.</summary>
    Task<IReadOnlyList<string>> MissingPermissionsAsync(string guild, string channelId, bool thread, bool poll, CancellationToken ct);
}

/// <param name="EntryIds">The entries the answers stand for, in the same order, when the publisher could tell (Discord
/// keeps only the answer texts; the poll message lists the ids beside them); null when it could not.</param>
public sealed record WeeklyPollResults(IReadOnlyList<int> Votes, bool Final, IReadOnlyList<string>? EntryIds = null);

/// <summary>The guilds' weekly triggers (Quartz). Trigger times come from the settings in the store.</summary>
public interface IWeeklySchedule
{
    /// <summary>
    /// Makes the guild's trigger match its settings: created, replaced when day, time or zone changed, paused or resumed,
    /// or deleted when <paramref name="settings"/> is null. Unchanged settings leave the trigger (and its misfire state) alone.
    /// </summary>
    Task ApplyAsync(string guild, Storage.WeeklySettings? settings, CancellationToken ct);

    /// <summary>The guild's next run, or null when it has no active trigger.</summary>
    Task<DateTimeOffset?> NextRunAsync(string guild, CancellationToken ct);
}
