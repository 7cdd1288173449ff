using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Catalog;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary><c>/dlt-mod add url:… [title:] [topic:] [year:] [note:] [reason:] [force:]</c>: a new entry for this server.</summary>
public sealed class AddEntryCommand(Curator curator, TimeProvider time) : ICommand
{
    /// <summary>Where an entry goes when the moderator names no topic and the list has this section.</summary>
    public const string FallbackTopic = "Others";

    private static readonly CommandText Added = new("Added {0}", "已添加 {0}");
    private static readonly CommandText Duplicate = new(
        "{0} is already in this server's list as {1} ({2}); add force:true to add it anyway",
        "{0} 已在本服务器的书单中：{1}（{2}）；如仍要添加，请加上 force:true");
    private static readonly CommandText NeedsTitle = new(
        "title is missing; give the entry a title (title: …)", "缺少 title；请给条目一个标题（title: …）");
    private static readonly CommandText NeedsTopic = new(
        "topic is missing; name the topic it belongs to (topic: …; /dlt topics lists them)", "缺少 topic；请指定所属主题（topic: …；用 /dlt topics 查看）");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("add"),
        new("add", "添加", "新增"),
        new("Add an entry to this server's list", "向本服务器的书单添加条目", "向本伺服器的書單新增條目"),
        [
            new("url", OptionKind.String, new("url", "链接", "連結"), new("Its link (an arXiv id works too)", "链接（也可以是 arXiv 编号）", "連結（也可以是 arXiv 編號）"),
                Required: true, Positional: true, MaxLength: EntryInput.UrlMaxLength, What: new("a link", "一个链接"), Example: "https://arxiv.org/abs/2301.02679"),
            new("title", OptionKind.String, new("title", "标题", "標題"), new("Its title", "标题", "標題"), MaxLength: EntryInput.TitleMaxLength),
            DltCommandSet.TopicOption("topic", new("The topic it belongs to", "所属主题", "所屬主題")),
            new("year", OptionKind.Integer, new("year", "年份", "年份"), new("Its year", "年份", "年份"), MinValue: 1900, MaxValue: 2100),
            new("note", OptionKind.String, new("note", "简介", "簡介"), new("A short note", "简短说明", "簡短說明"), MaxLength: EntryInput.NoteMaxLength),
            ModCommandSet.ReasonOption,
            new("force", OptionKind.Boolean, new("force", "强制", "強制"), new("Add even if the link is already listed", "即使链接已存在也添加", "即使連結已存在也新增")),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var args = context.Arguments;
        var language = context.Language;
        var catalog = context.Catalog;
        var url = EntryInput.Url(args.GetString("url")!, language, out var error);
        if (error is not null) return error;
        if (args.GetString("title") is not { } titleText) return ModReplies.Error(language, NeedsTitle);
        var title = EntryInput.Title(titleText, language, out error);
        if (error is not null) return error;

        Section? section;
        if (args.GetString("topic") is { } topicName)
        {
            section = EntryInput.Topic(catalog.List, topicName, language, out error);
            if (error is not null) return error;
        }
        else
        {
            section = TopicLookup.Find(catalog.List, FallbackTopic);
            if (section is null) return ModReplies.Error(language, NeedsTopic);
        }
        int? year = null;
        if (args.GetInt("year") is { } yearValue)
        {
            year = EntryInput.Year(yearValue, time.GetUtcNow(), language, out error);
            if (error is not null) return error;
        }
        var note = EntryInput.Note(args.GetString("note") ?? "", language, out error);
        if (error is not null) return error;
        var reason = EntryInput.Reason(args.GetString("reason"), language, out error);
        if (error is not null) return error;

        if (args.GetBool("force") != true && Existing(catalog, url!) is { } existing)
            return ModReplies.Error(language, Duplicate, url, existing.Entry.Id, CatalogIndex.Shorten(existing.Entry.Title, 60));

        var fields = new EntryFields(title!, url, section!.Topic.Key, year, note!);
        var taken = NewEntryIds.IdsOf(catalog.List).Concat(catalog.Changes.Select(c => c.Id));
        var id = NewEntryIds.For(fields, TopicDirectory.Default, taken);
        var outcome = await curator.Store.AddAsync(context.Place.Key, id, fields, ModReplies.ActorOf(context), reason, cancellationToken).ConfigureAwait(false);
        if (outcome is not ChangeOutcome.Applied) return ModReplies.Error(language, Duplicate, url, id, title);

        var view = await curator.RefreshAsync(context.Place.Key, cancellationToken).ConfigureAwait(false);
        var added = view.Index.Find(id)!.Value;
        return new EntryCardReply(language, CatalogReplies.Card(added.Entry, added.Section, language), ModReplies.Format(language, Added, id));
    });

    /// <summary>The entry that already has this link or this arXiv paper, if any.</summary>
    private static (Entry Entry, Section Section)? Existing(CatalogLoading.CatalogView catalog, string url)
    {
        if (catalog.Index.Find(url) is { } sameLink) return sameLink;
        if (StableIds.ArxivId(url) is not { } arxiv) return null;
        // The paper under its own id, or under another link form (pdf, a version) that got a -2 id as a duplicate.
        return catalog.Index.Find("arxiv:" + arxiv)
            ?? catalog.Index.All.Where(e => e.Entry.Url is { } other && StableIds.ArxivId(other) == arxiv)
                .Select(e => ((Entry, Section)?)e).FirstOrDefault();
    }
}
