using System.Threading.Channels;
using DltBot.Bot.Weekly;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests.Weekly;

/// <summary>A fake clock that tells the test about each timer, so a retry's backoff is advanced exactly, without sleeping.</summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> timers = Channel.CreateUnbounded<TimeSpan>();
    private Task<TimeSpan>? nextTimer;

    public List<TimeSpan> Waited { get; } = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Runs <paramref name="task"/> to its end, advancing the clock by each timer it waits on.</summary>
    public async Task<T> DriveAsync<T>(Task<T> task)
    {
        while (true)
        {
            nextTimer ??= timers.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(task, nextTimer) == task) return await task;
            var due = await nextTimer;
            nextTimer = null;
            Waited.Add(due);
            Advance(due);
        }
    }
}

/// <summary>
/// A publisher that behaves like Discord where the runner cares: an enforced nonce returns the earlier message instead
/// of posting again, failures can be scripted per call, and polls keep votes a test sets.
/// </summary>
internal sealed class FakeWeeklyPublisher : IWeeklyPublisher
{
    private readonly Dictionary<string, string> byNonce = [];
    private readonly Dictionary<string, (WeeklyPoll Poll, int[] Votes, bool Final)> polls = [];
    private int lastId = 1000;

    public List<(string Channel, WeeklyPost Post, string Nonce, string MessageId)> Posts { get; } = [];
    public List<(string MessageId, WeeklyPost Post)> Threads { get; } = [];
    public List<(string MessageId, WeeklyPoll Poll)> Polls { get; } = [];
    public int SendAttempts { get; private set; }

    /// <summary>Thrown by the next send attempts, one each, before anything is posted.</summary>
    public Queue<WeeklyPublishException> SendFailures { get; } = new();

    /// <summary>Thrown by every send attempt while set.</summary>
    public WeeklyPublishException? AlwaysFail { get; set; }

    public WeeklyPublishException? ThreadFailure { get; set; }

    /// <summary>The process "dies" right after Discord took the post: the post is there, the caller never hears back.</summary>
    public bool CrashAfterNextSend { get; set; }

    /// <summary>Whether the channel's history shows nonces (Discord does not promise it).</summary>
    public bool HistoryShowsNonces { get; set; } = true;

    public Task<string> SendPostAsync(string channelId, WeeklyPost post, string nonce, CancellationToken ct)
    {
        SendAttempts++;
        if (AlwaysFail is { } always) throw always;
        if (SendFailures.TryDequeue(out var failure)) throw failure;
        if (!byNonce.TryGetValue(nonce, out var id))
        {
            id = NextId();
            byNonce[nonce] = id;
            Posts.Add((channelId, post, nonce, id));
        }
        if (CrashAfterNextSend)
        {
            CrashAfterNextSend = false;
            throw new OperationCanceledException("the process stopped");
        }
        return Task.FromResult(id);
    }

    public Task<string> StartThreadAsync(string channelId, string messageId, WeeklyPost post, CancellationToken ct)
    {
        if (ThreadFailure is { } failure) throw failure;
        Threads.Add((messageId, post));
        return Task.FromResult(messageId);
    }

    public Task<string> SendPollAsync(string channelId, WeeklyPoll poll, CancellationToken ct)
    {
        var id = NextId();
        Polls.Add((id, poll));
        polls[id] = (poll, new int[poll.Answers.Count], false);
        return Task.FromResult(id);
    }

    public int FindCalls { get; private set; }

    public Task<string?> FindPostAsync(string channelId, string nonce, CancellationToken ct)
    {
        FindCalls++;
        return Task.FromResult(HistoryShowsNonces && byNonce.TryGetValue(nonce, out var id) ? id : null);
    }

    public Task<WeeklyPollResults?> ReadPollAsync(string channelId, string pollMessageId, CancellationToken ct) =>
        Task.FromResult(polls.TryGetValue(pollMessageId, out var p)
            ? new WeeklyPollResults(p.Votes, p.Final, p.Poll.Answers.Select(a => a.EntryId).ToList())
            : null);

    public Task<IReadOnlyList<string>> MissingPermissionsAsync(string guild, string channelId, bool thread, bool poll, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public void Vote(string pollMessageId, string entryId, int votes, bool final = true)
    {
        var p = polls[pollMessageId];
        var index = p.Poll.Answers.ToList().FindIndex(a => a.EntryId == entryId);
        p.Votes[index] = votes;
        polls[pollMessageId] = p with { Final = final };
    }

    private string NextId() => (++lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
