using System.Globalization;
using System.Reflection;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Localization;
using DltBot.Catalog;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Commands;

/// <summary>
/// The <c>/dlt</c> command handlers: a request in, a <see cref="Reply"/> out. No console, no HTTP, so the console shell,
/// the one-shot CLI and Discord all run exactly this code.
/// </summary>
public sealed class DltCommands
{
    /// <summary>How much more often <c>random</c> picks a paper than any other kind of entry (the group reads papers).</summary>
    public const int PaperWeight = 3;

    private readonly CatalogSnapshot catalog;
    private readonly CatalogIndex index;
    private readonly Lazy<ICatalogSearch> search;
    private readonly TimeProvider time;
    private readonly Random random;
    private readonly DateTimeOffset startedAt;

    /// <param name="searchFactory">Called on the first search only, so start-up never waits for an index.</param>
    public DltCommands(CatalogSnapshot catalog, Func<ReadingList, ICatalogSearch> searchFactory, TimeProvider time, Random? random = null)
    {
        this.catalog = catalog;
        index = new CatalogIndex(catalog.List);
        search = new Lazy<ICatalogSearch>(() => searchFactory(catalog.List));
        this.time = time;
        this.random = random ?? Random.Shared;
        startedAt = time.GetUtcNow();
    }

    public CatalogIndex Index => index;

    public CatalogSnapshot Catalog => catalog;

    /// <summary>The search engine (built on first use), e.g. for Discord autocomplete.</summary>
    public ICatalogSearch Search => search.Value;

    /// <summary>
    /// Builds the search index on a worker thread (seconds on a cold process), so an interactive user who types a search
    /// after the prompt appears rarely waits; a search that arrives first simply waits for the same build.
    /// </summary>
    public Task PrepareSearchAsync() => Task.Run(() => _ = search.Value);

    public Reply Execute(DltRequest request, Language language) => request switch
    {
        TopicsRequest => Topics(language),
        TopicRequest r => Topic(r, language),
        ShowRequest r => Show(r, language),
        SearchRequest r => SearchEntries(r, language),
        RandomRequest r => RandomEntry(r, language),
        HelpRequest => Help(language),
        AboutRequest => About(language),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "A request type without a handler."),
    };

    private TopicListReply Topics(Language language)
    {
        var rows = catalog.List.Sections
            .Select(s => new TopicRow(s.Topic.Key, CatalogIndex.TopicName(s, language), CatalogIndex.OtherTopicName(s, language), s.Entries.Count))
            .ToList();
        return new TopicListReply(language, Strings.Get(language, TextKey.TopicsTitle, rows.Count), rows);
    }

    private Reply Topic(TopicRequest request, Language language)
    {
        var section = TopicLookup.Find(catalog.List, request.Name);
        if (section is null) return UnknownTopic(request.Name, language);

        var page = new PageInfo(request.Page, Math.Max(1, request.PageSize), section.Entries.Count);
        if (request.Page > page.PageCount)
            return ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorPageOutOfRange, request.Page, page.PageCount);

        var topicName = CatalogIndex.TopicName(section, language);
        var rows = section.Entries.Skip(page.Offset).Take(page.PageSize)
            .Select(e => new EntryRow(e.Id, e.Number, e.Title, e.Url, e.Year, topicName, ChildCount: e.Children.Count))
            .ToList();
        var notes = new List<string>();
        if (rows.Count == 0) notes.Add(Strings.Get(language, TextKey.EmptyTopic));
        if (page.HasNext) notes.Add(Strings.Get(language, TextKey.NextPageHint, page.Page + 1));
        var title = Strings.Get(language, TextKey.TopicTitle, topicName, CatalogIndex.OtherTopicName(section, language));
        return new EntryListReply(language, title, rows, page, notes);
    }

    private Reply Show(ShowRequest request, Language language)
    {
        var found = index.Find(request.Id);
        if (found is { } hit) return new EntryCardReply(language, Card(hit.Entry, hit.Section, language));

        var close = index.SuggestIds(request.Id);
        return close.Count == 0
            ? ErrorReply.Of(language, ErrorKind.UnknownId, TextKey.ErrorUnknownIdNoSuggestion, request.Id)
            : new ErrorReply(language, ErrorKind.UnknownId,
                Strings.Get(language, TextKey.ErrorUnknownId, request.Id, Strings.JoinList(language, close)), close);
    }

    private Reply SearchEntries(SearchRequest request, Language language)
    {
        if (request.Topic is not null && TopicLookup.Find(catalog.List, request.Topic) is null)
            return UnknownTopic(request.Topic, language);

        var offset = (request.Page - 1) * request.Limit;
        var response = search.Value.Search(new SearchQuery(request.Text, request.Topic, request.Years, request.Kind, request.Limit, offset));
        if (response.Error is not null)
            return ErrorReply.Of(language, ErrorKind.BadQuery, TextKey.ErrorUnusableQuery, response.Error);

        var page = new PageInfo(request.Page, request.Limit, response.Total);
        if (response.Total > 0 && request.Page > page.PageCount)
            return ErrorReply.Of(language, ErrorKind.BadOption, TextKey.ErrorPageOutOfRange, request.Page, page.PageCount);

        var rows = response.Hits
            .Select(h => new EntryRow(h.Entry.Id, h.Entry.Number, h.Entry.Title, h.Entry.Url, h.Entry.Year,
                CatalogIndex.TopicName(h.Section, language), h.Kind, h.Score, h.Snippet, h.Entry.Children.Count))
            .ToList();
        var notes = new List<string>();
        if (rows.Count == 0)
        {
            notes.Add(Strings.Get(language, TextKey.NoResults, request.Text));
            if (response.Suggestions.Count > 0)
                notes.Add(Strings.Get(language, TextKey.TryInstead, Strings.JoinList(language, response.Suggestions)));
        }
        if (page.HasNext) notes.Add(Strings.Get(language, TextKey.NextPageHint, page.Page + 1));
        return new EntryListReply(language, Strings.Get(language, TextKey.SearchTitle, request.Text), rows, page, notes,
            request.Text, response.Suggestions);
    }

    private Reply RandomEntry(RandomRequest request, Language language)
    {
        IReadOnlyList<Section> sections = catalog.List.Sections;
        if (request.Topic is not null)
        {
            var section = TopicLookup.Find(catalog.List, request.Topic);
            if (section is null) return UnknownTopic(request.Topic, language);
            sections = [section];
        }

        var pool = sections.SelectMany(s => s.Entries.Select(e => (Entry: e, Section: s))).ToList();
        if (pool.Count == 0) return ErrorReply.Of(language, ErrorKind.NotFound, TextKey.ErrorEmptyCatalog);
        var weights = pool.Select(p => EntryKindClassifier.Classify(p.Entry) == EntryKind.Paper ? PaperWeight : 1).ToList();
        var ticket = random.Next(weights.Sum());
        var pick = 0;
        while (ticket >= weights[pick]) ticket -= weights[pick++];
        var (entry, owner) = pool[pick];
        return new EntryCardReply(language, Card(entry, owner, language), Strings.Get(language, TextKey.RandomTitle));
    }

    private static InfoReply Help(Language language) => new(language, Strings.Get(language, TextKey.HelpTitle), [],
    [
        Strings.Get(language, TextKey.HelpTopics),
        Strings.Get(language, TextKey.HelpTopic),
        Strings.Get(language, TextKey.HelpShow),
        Strings.Get(language, TextKey.HelpSearch),
        Strings.Get(language, TextKey.HelpRandom),
        Strings.Get(language, TextKey.HelpAbout),
        Strings.Get(language, TextKey.HelpHelp),
    ]);

    private InfoReply About(Language language)
    {
        var uptime = time.GetUtcNow() - startedAt;
        if (uptime < TimeSpan.Zero) uptime = TimeSpan.Zero;
        var version = typeof(DltCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";
        var withChildren = catalog.List.AllEntries().Count();
        var topLevel = catalog.List.Sections.Sum(s => s.Entries.Count);
        return new InfoReply(language, Strings.Get(language, TextKey.AboutTitle),
        [
            new(Strings.Get(language, TextKey.LabelCatalog), catalog.List.Title),
            new(Strings.Get(language, TextKey.LabelCounts), Strings.Get(language, TextKey.CountsValue, catalog.List.Sections.Count, topLevel, withChildren)),
            new(Strings.Get(language, TextKey.LabelSource), catalog.PublicSource),
            new(Strings.Get(language, TextKey.LabelLoadedAt), catalog.LoadedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new(Strings.Get(language, TextKey.LabelUptime), Strings.Get(language, TextKey.UptimeValue, (int)uptime.TotalDays, uptime.Hours, uptime.Minutes, uptime.Seconds)),
            new(Strings.Get(language, TextKey.LabelVersion), version.Split('+')[0]),
        ], []);
    }

    private ErrorReply UnknownTopic(string name, Language language)
    {
        var close = TopicLookup.Suggest(catalog.List, name);
        return close.Count == 0
            ? ErrorReply.Of(language, ErrorKind.UnknownTopic, TextKey.ErrorUnknownTopicNoSuggestion, name)
            : new ErrorReply(language, ErrorKind.UnknownTopic,
                Strings.Get(language, TextKey.ErrorUnknownTopic, name, Strings.JoinList(language, close)), close);
    }

    private static EntryCard Card(Entry entry, Section section, Language language) => new(
        entry.Id, entry.Number, entry.Title, entry.Url, entry.Year, CatalogIndex.TopicName(section, language), entry.Description,
        entry.Links, entry.Children.Select(c => Card(c, section, language)).ToList());
}
