using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Weekly;

/// <summary><c>/dlt week</c>: this week's paper with its thread, and the picks before it.</summary>
public sealed class WeekCommand(IWeeklyOccurrences occurrences) : ICommand
{
    public const int Earlier = 5;

    private static readonly CommandText None = new("No paper of the week has been posted here yet.", "这里还没有发布过每周论文。");
    private static readonly CommandText Title = new("Paper of the week · {0}: {1}", "每周论文 · {0}：{1}");
    private static readonly CommandText PostLine = new("Post: {0}", "帖子：{0}");
    private static readonly CommandText ThreadLine = new("Discussion: {0}", "讨论：{0}");
    private static readonly CommandText EarlierLine = new("Before: {0}", "之前：{0}");

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("week"),
        new("week", "本周", "本週"),
        new("This week's paper and the last picks", "本周论文和之前的选择", "本週論文和之前的選擇"),
        []);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var language = context.Language;
        var guild = WeeklyReplies.Guild(context);
        var posts = await occurrences.RecentPostsAsync(guild, Earlier + 1, cancellationToken).ConfigureAwait(false);
        if (posts.Count == 0) return new InfoReply(language, None.In(language), [], []);

        var latest = posts[0];
        var lines = new List<string> { ModReplies.Format(language, PostLine, WeeklyReplies.Link(guild, latest)) };
        if (new WeeklyPostLink(guild, latest.ChannelId, latest.MessageId, latest.ThreadId).ThreadUrl is { } thread)
            lines.Add(ModReplies.Format(language, ThreadLine, thread));
        lines.AddRange(posts.Skip(1).Select(p => ModReplies.Format(language, EarlierLine, $"{p.Key} · {TitleOf(context, p.EntryId)} · {WeeklyReplies.Link(guild, p)}")));
        return new InfoReply(language, ModReplies.Format(language, Title, latest.Key, TitleOf(context, latest.EntryId)), [], lines);
    });

    private static string TitleOf(CommandContext context, string entryId) => context.Catalog.Index.Find(entryId)?.Entry.Title ?? entryId;
}
