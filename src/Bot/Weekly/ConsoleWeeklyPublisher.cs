using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;

namespace DltBot.Bot.Weekly;

/// <summary>
/// The shell's weekly posts (guild <c>local</c>): printed to the writer it is given, with made-up ids. Nothing can
/// refuse it, so it never throws and never lacks a permission.
/// </summary>
public sealed class ConsoleWeeklyPublisher(TextWriter output) : IWeeklyPublisher
{
    private readonly ConcurrentDictionary<string, string> postsByNonce = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WeeklyPoll> polls = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long lastId;

    public Task<string> SendPostAsync(string channelId, WeeklyPost post, string nonce, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(post);
        var id = postsByNonce.GetOrAdd(nonce, _ =>
        {
            var entry = post.Entry;
            var lines = new List<string> { "", $"── {post.Header} ──" };
            if (post.RoleId is { } role) lines.Add($"@{role}");
            lines.Add(entry.Url is { } url ? $"{entry.Title}  <{url}>" : entry.Title);
            var about = string.Join(" · ", new[] { post.Section.Topic.English is { Length: > 0 } t ? t : post.Section.Title, entry.Year?.ToString(CultureInfo.InvariantCulture) }.OfType<string>());
            lines.Add(about);
            if (!string.IsNullOrWhiteSpace(entry.Description)) lines.Add(entry.Description.Trim());
            lines.Add($"({WeeklyPostComposer.Footer(entry.Id, post.Key)})");
            Write(lines);
            return NextId("post");
        });
        return Task.FromResult(id);
    }

    public Task<string> StartThreadAsync(string channelId, string messageId, WeeklyPost post, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(post);
        Write([$"  Thread: {post.ThreadName}", .. WeeklyPostComposer.PromptMessage(post.Prompts).Split('\n').Select(l => "    " + l)]);
        return Task.FromResult(NextId("thread"));
    }

    public Task<string> SendPollAsync(string channelId, WeeklyPoll poll, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(poll);
        var lines = new List<string> { $"  Poll ({poll.DurationHours} h): {poll.Question}" };
        lines.AddRange(poll.Answers.Select((a, i) => $"    {i + 1}. {a.Text}  [{a.EntryId}]"));
        Write(lines);
        var id = NextId("poll");
        polls[id] = poll;
        return Task.FromResult(id);
    }

    public Task<string?> FindPostAsync(string channelId, string nonce, CancellationToken ct) =>
        Task.FromResult(postsByNonce.TryGetValue(nonce, out var id) ? id : null);

    /// <summary>Nobody votes in the shell: a poll it printed reads as closed with no votes.</summary>
    public Task<WeeklyPollResults?> ReadPollAsync(string channelId, string pollMessageId, CancellationToken ct) =>
        Task.FromResult(polls.TryGetValue(pollMessageId, out var poll)
            ? new WeeklyPollResults(poll.Answers.Select(_ => 0).ToList(), Final: true, poll.Answers.Select(a => a.EntryId).ToList())
            : null);

    public Task<IReadOnlyList<string>> MissingPermissionsAsync(string guild, string channelId, bool thread, bool poll, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    private string NextId(string kind) => $"local-{kind}-{Interlocked.Increment(ref lastId).ToString(CultureInfo.InvariantCulture)}";

    private void Write(IEnumerable<string> lines)
    {
        // Whole posts at a time: a run firing while the shell prints must not interleave its lines.
        lock (gate)
        {
            foreach (var line in lines) output.WriteLine(line);
            output.Flush();
        }
    }
}
