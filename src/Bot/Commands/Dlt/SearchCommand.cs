using System.Globalization;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands.Dlt;

/// <summary><c>/dlt search &lt;query&gt;</c>: ranked, bilingual, typo-tolerant search with filters.</summary>
public sealed class SearchCommand : ICommand
{
    public const int DefaultLimit = 10, MaxLimit = 25, QueryMaxLength = 200;

    /// <summary>Results a page on Discord, where a page is one embed with buttons.</summary>
    public const int DiscordPageSize = 5;

    public const string QueryOption = "query", TopicOption = "topic", YearOption = "year", KindOption = "kind", LimitOption = "limit";

    public CommandDescriptor Descriptor { get; } = new(
        DltCommandSet.Path("search"),
        new("search", "搜索", "搜尋"),
        new("Search titles and descriptions", "搜索标题和简介", "搜尋標題和簡介"),
        [
            new(QueryOption, OptionKind.String, new(QueryOption, "关键词", "關鍵詞"),
                new("Words to look for, English or Chinese", "关键词，中英文均可", "關鍵詞，中英文皆可"),
                Required: true, Positional: true, MaxLength: QueryMaxLength, What: new("something to search for", "搜索关键词"), Example: "grokking"),
            DltCommandSet.TopicOption(TopicOption, new("Only this topic", "只看这个主题", "只看這個主題")),
            new(YearOption, OptionKind.String, new(YearOption, "年份", "年份"),
                new("A year (2020) or a range (2019-2022)", "年份（2020）或区间（2019-2022）", "年份（2020）或區間（2019-2022）"),
                MaxLength: 11, Example: "--year 2019-2022", Validate: text => YearRanges.Parse(text) is not null,
                InvalidText: new("{0} \"{1}\" is not a year or range; use a year like 2020 or a range like 2019-2022",
                    "{0}「{1}」不是有效的年份或区间；请写成 2020 或 2019-2022 这样的形式")),
            new(KindOption, OptionKind.String, new(KindOption, "类型", "類型"), new("Only this kind of entry", "只看这类条目", "只看這類條目"),
                Choices: DltCommandSet.KindChoices, Example: "--kind paper"),
            new(LimitOption, OptionKind.Integer, new(LimitOption, "数量", "數量"),
                new($"Results per page, 1-{MaxLimit} (default {DefaultLimit})", $"每页结果数，1-{MaxLimit}（默认 {DefaultLimit}）"),
                MinValue: 1, MaxValue: MaxLimit, Example: "--limit 5", TextOnly: true),
            DltCommandSet.PageOption,
        ]);

    public ValueTask<Reply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var args = context.Arguments;
        var language = context.Language;
        var catalog = context.Catalog;
        var text = args.GetString(QueryOption)!;
        var topic = args.GetString(TopicOption);
        if (topic is not null && TopicLookup.Find(catalog.List, topic) is null)
            return new(CatalogReplies.UnknownTopic(context, topic));

        var years = args.GetString(YearOption) is { } yearText ? YearRanges.Parse(yearText) : null;
        var kind = args.GetString(KindOption) is { } kindText ? DltCommandSet.ParseKind(kindText) : (EntryKind?)null;
        var limit = args.GetInt(LimitOption) ?? (context.Surface == Surface.Discord ? DiscordPageSize : DefaultLimit);
        var pageNumber = args.GetInt(DltCommandSet.PageOption.Name) ?? 1;

        cancellationToken.ThrowIfCancellationRequested();
        var response = catalog.Search.Search(new SearchQuery(text, topic, years, kind, limit, (pageNumber - 1) * limit));
        if (response.Error is not null)
            return new(ErrorReply.Of(language, ErrorKind.BadQuery, TextKey.ErrorUnusableQuery, Strings.AfterColon(response.Error)));

        var page = new PageInfo(pageNumber, limit, response.Total);
        if (response.Total > 0 && pageNumber > page.PageCount)
            return new(ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorPageOutOfRange, pageNumber, Strings.ThereAre(language, page.PageCount, CountedNoun.Page)));

        var rows = response.Hits
            .Select(h => new EntryRow(h.Entry.Id, h.Entry.Number, h.Entry.Title, h.Entry.Url, h.Entry.Year,
                CatalogIndex.TopicName(h.Section, language), h.Kind, h.Score, h.Snippet, h.Entry.Children.Count))
            .ToList();
        var notes = new List<string>();
        if (rows.Count == 0)
        {
            notes.Add(Strings.Get(language, TextKey.NoResults, text));
            if (response.Suggestions.Count > 0)
                notes.Add(Strings.Get(language, TextKey.TryInstead, Strings.JoinList(language, response.Suggestions)));
        }
        if (page.HasNext) notes.Add(Strings.Get(language, TextKey.NextPageHint, page.Page + 1));
        return new(new EntryListReply(language, Title(text, topic, years, kind, catalog.List, language), rows, page, notes,
            text, response.Suggestions, new SearchPages(text, topic, years, kind)));
    }

    /// <summary>"Search: grokking (2022–2023, papers, Optimization)": the title echoes every filter that narrowed the results.</summary>
    private static string Title(string text, string? topic, YearRange? years, EntryKind? kind, ReadingList list, Language language)
    {
        var filters = new List<string>();
        if (years is { } y)
            filters.Add(y.From == y.To ? y.From.ToString(CultureInfo.InvariantCulture) : $"{y.From.ToString(CultureInfo.InvariantCulture)}–{y.To.ToString(CultureInfo.InvariantCulture)}");
        if (kind is { } k) filters.Add(Strings.Get(language, KindKey(k)));
        if (topic is not null && TopicLookup.Find(list, topic) is { } section) filters.Add(CatalogIndex.TopicName(section, language));
        return filters.Count == 0
            ? Strings.Get(language, TextKey.SearchTitle, text)
            : Strings.Get(language, TextKey.SearchTitleFiltered, text, Strings.JoinList(language, filters));
    }

    private static string KindKey(EntryKind kind) => kind switch
    {
        EntryKind.Paper => TextKey.KindPaper,
        EntryKind.Course => TextKey.KindCourse,
        EntryKind.Book => TextKey.KindBook,
        EntryKind.Article => TextKey.KindArticle,
        EntryKind.Video => TextKey.KindVideo,
        EntryKind.Code => TextKey.KindCode,
        _ => TextKey.KindOther,
    };
}
