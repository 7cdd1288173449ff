using DltBot.Bot.Arxiv;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Curation;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Storage;

namespace DltBot.Bot.Commands.Moderation;

/// <summary>
/// <c>/dlt-mod add url:… [title:] [topic:] [year:] [note:] [reason:] [force:]</c>: a new entry for this server. Without a
/// title, an arXiv link is looked up (on Discord the moderator confirms a preview first) and any other link opens a form.
/// </summary>
public sealed class AddEntryCommand(Curator curator, IArxivClient arxiv, AddDrafts drafts, TimeProvider time) : ICommand, IOpensForm
{
    /// <summary>Where an entry goes when the moderator names no topic and the list has this section.</summary>
    public const string FallbackTopic = "Others";

    private static readonly CommandText Added = new("Added {0}", "已添加 {0}");
    private static readonly CommandText AddedFromArxiv = new("Added {0} (title, year and note from arXiv)", "已添加 {0}（标题、年份和简介来自 arXiv）");
    private static readonly CommandText Preview = new("From arXiv: add this as {0}?", "来自 arXiv：以 {0} 添加这个条目吗？");
    private static readonly CommandText Authors = new("Authors: {0}", "作者：{0}");
    private static readonly CommandText Confirm = new("Add it", "添加");
    private static readonly CommandText Cancel = new("Cancel", "取消");
    private static readonly CommandText OpenForm = new("Fill in the form", "填写表单");
    private static readonly CommandText FormTitle = new("Add an entry", "添加条目");
    private static readonly CommandText Duplicate = new(
        "{0} is already in this server's list as {1} ({2}); add force:true to add it anyway",
        "{0} 已在本服务器的书单中：{1}（{2}）；如仍要添加，请加上 force:true");
    private static readonly CommandText NeedsTitle = new(
        "title is missing; give the entry a title (title: …)", "缺少 title；请给条目一个标题（title: …）");
    private static readonly CommandText NeedsTopic = new(
        "topic is missing; name the topic it belongs to (topic: …; /dlt topics lists them)", "缺少 topic；请指定所属主题（topic: …；用 /dlt topics 查看）");
    private static readonly CommandText ArxivUnknown = new(
        "arXiv has no paper {0}; check the id, or give the title yourself (title: …)", "arXiv 上没有论文 {0}；请检查编号，或自己填写标题（title: …）");
    private static readonly CommandText ArxivRateLimited = new(
        "arXiv says \"Rate exceeded.\" for {0}; try again in a minute, or give the title yourself (title: …)",
        "arXiv 对 {0} 回复 “Rate exceeded.”（请求过多）；请稍后再试，或自己填写标题（title: …）");
    private static readonly CommandText ArxivFailed = new(
        "arXiv could not be asked about {0} ({1}); try again later, or give the title yourself (title: …)",
        "无法向 arXiv 查询 {0}（{1}）；请稍后再试，或自己填写标题（title: …）");

    public CommandDescriptor Descriptor { get; } = new(
        ModCommandSet.Path("add"),
        new("add", "添加", "新增"),
        new("Add an entry to this server's list", "向本服务器的书单添加条目", "向本伺服器的書單新增條目"),
        [
            new("url", OptionKind.String, new("url", "链接", "連結"), new("Its link (an arXiv id works too)", "链接（也可以是 arXiv 编号）", "連結（也可以是 arXiv 編號）"),
                Required: true, Positional: true, MaxLength: EntryInput.UrlMaxLength, What: new("a link", "一个链接"), Example: "https://arxiv.org/abs/2301.02679"),
            new("title", OptionKind.String, new("title", "标题", "標題"), new("Its title (an arXiv paper's is looked up)", "标题（arXiv 论文会自动查询）", "標題（arXiv 論文會自動查詢）"), MaxLength: EntryInput.TitleMaxLength),
            DltCommandSet.TopicOption("topic", new("The topic it belongs to", "所属主题", "所屬主題")),
            new("year", OptionKind.Integer, new("year", "年份", "年份"), new("Its year", "年份", "年份"), MinValue: 1900, MaxValue: 2100),
            new("note", OptionKind.String, new("note", "简介", "簡介"), new("A short note", "简短说明", "簡短說明"), MaxLength: EntryInput.NoteMaxLength),
            ModCommandSet.ReasonOption,
            new("force", OptionKind.Boolean, new("force", "强制", "強制"), new("Add even if the link is already listed", "即使链接已存在也添加", "即使連結已存在也新增")),
        ],
        CommandAccess.Moderator,
        ReplyVisibility.Ephemeral);

    /// <summary>On Discord, a link without a title that arXiv cannot fill in opens the form at once.</summary>
    public bool OpensForm(CommandArguments arguments) =>
        !arguments.Has("title") && ArxivIdOf(arguments.GetString("url")) is null;

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken) => ModReplies.GuardAsync(context, async () =>
    {
        var args = context.Arguments;
        var language = context.Language;
        var catalog = context.Catalog;
        var url = EntryInput.Url(args.GetString("url")!, language, out var error);
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

        if (args.GetString("title") is { } titleText)
        {
            var title = EntryInput.Title(titleText, language, out error);
            if (error is not null) return error;
            return await AddAsync(context, new EntryFields(title!, url, section!.Topic.Key, year, note!), reason, Added, cancellationToken).ConfigureAwait(false);
        }

        if (ArxivIdOf(url) is not { } arxivId)
        {
            return context.Surface == Surface.Discord
                ? new FormReply(language, FormFor(language, url, CatalogIndex.TopicName(section!, language), year, note))
                : ModReplies.Error(language, NeedsTitle);
        }

        var lookup = await arxiv.LookupAsync(arxivId, cancellationToken).ConfigureAwait(false);
        if (lookup is not ArxivLookup.Found { Paper: var paper })
        {
            var problem = lookup switch
            {
                ArxivLookup.NotFound => ModReplies.Error(language, ArxivUnknown, arxivId),
                ArxivLookup.RateLimited => ModReplies.Error(language, ArxivRateLimited, arxivId),
                ArxivLookup.Failed failed => ModReplies.Error(language, ArxivFailed, arxivId, failed.Reason),
                _ => throw new InvalidOperationException($"Unexpected arXiv lookup {lookup}."),
            };
            return context.Surface != Surface.Discord ? problem : problem with
            {
                Actions = [new ReplyAction(ModComponents.OpenAddForm(context.Caller.UserId, url!), OpenForm.In(language), ActionStyle.Primary)],
            };
        }

        var fields = new EntryFields(
            EntryInput.Title(paper.Title, language, out _) ?? paper.Title,
            url,
            section!.Topic.Key,
            year ?? (paper.Year <= time.GetUtcNow().Year + 1 ? paper.Year : null),
            note is { Length: > 0 } ? note : CatalogIndex.Shorten(paper.Abstract, EntryInput.NoteMaxLength));
        if (context.Surface != Surface.Discord)
            return await AddAsync(context, fields, reason, AddedFromArxiv, cancellationToken).ConfigureAwait(false);

        // Discord: the moderator sees what arXiv said before anything is stored; Confirm runs this command with a title.
        var confirmed = RawArguments.Of(("url", fields.Url), ("title", fields.Title), ("topic", fields.Topic),
            ("year", fields.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("note", fields.Note),
            ("reason", reason), ("force", args.GetBool("force") == true ? "true" : null));
        var token = drafts.Keep(new AddDraft(context.Caller.UserId, context.Place.Key, confirmed));
        var id = NewIdFor(catalog, fields);
        var card = new EntryCard(id, "", fields.Title, fields.Url, fields.Year, CatalogIndex.TopicName(section, language),
            ModReplies.Format(language, Authors, string.Join(", ", paper.Authors)) + "\n\n" + fields.Note, [], []);
        return new EntryCardReply(language, card, ModReplies.Format(language, Preview, id))
        {
            Actions =
            [
                new ReplyAction(ModComponents.ConfirmAdd(context.Caller.UserId, token), Confirm.In(language), ActionStyle.Success),
                new ReplyAction(ModComponents.CancelAdd(context.Caller.UserId, token), Cancel.In(language)),
            ],
        };
    });

    /// <summary>The add form: title, link, topic, year and note; whatever the moderator already gave is filled in.</summary>
    public static Form FormFor(Language language, string? url, string? topic, int? year, string? note) => new(
        ModComponents.AddFormId,
        FormTitle.In(language),
        [
            new FormField("title", "Title · 标题", Required: true, MaxLength: EntryInput.TitleMaxLength),
            new FormField("url", "Link · 链接", url, Required: true, MaxLength: EntryInput.UrlMaxLength),
            new FormField("topic", "Topic · 主题", topic, MaxLength: 100),
            new FormField("year", "Year · 年份", year?.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxLength: 4),
            new FormField("note", "Note · 简介", note, MaxLength: EntryInput.NoteMaxLength, Multiline: true),
        ]);

    private async Task<Reply> AddAsync(CommandContext context, EntryFields fields, string? reason, CommandText heading, CancellationToken cancellationToken)
    {
        var language = context.Language;
        var id = NewIdFor(context.Catalog, fields);
        var outcome = await curator.Store.AddAsync(context.Place.Key, id, fields, ModReplies.ActorOf(context), reason, cancellationToken).ConfigureAwait(false);
        if (outcome is not ChangeOutcome.Applied) return ModReplies.Error(language, Duplicate, fields.Url, id, fields.Title);

        var view = await curator.RefreshAsync(context.Place.Key, cancellationToken).ConfigureAwait(false);
        var added = view.Index.Find(id)!.Value;
        return new EntryCardReply(language, CatalogReplies.Card(added.Entry, added.Section, language), ModReplies.Format(language, heading, id));
    }

    private static string NewIdFor(CatalogView catalog, EntryFields fields) =>
        NewEntryIds.For(fields, TopicDirectory.Default,
            id => catalog.Index.IsTaken(id) || catalog.Changes.Any(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The arXiv id of an arXiv link or a bare id, or null for any other link.</summary>
    private static string? ArxivIdOf(string? url) => ArxivIds.TryParse(url, out var id) ? id : null;

    /// <summary>The entry that already has this link or this arXiv paper, if any.</summary>
    private static (Entry Entry, Section Section)? Existing(CatalogView catalog, string url)
    {
        if (catalog.Index.Find(url) is { } sameLink) return sameLink;
        // The paper under its own id, or under another link form (pdf, a version) that got a -2 id as a duplicate.
        return StableIds.ArxivId(url) is { } arxivId ? catalog.Index.Find("arxiv:" + arxivId) ?? catalog.Index.FindArxiv(arxivId) : null;
    }
}
