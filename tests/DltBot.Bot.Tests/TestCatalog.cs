using DltBot.Bot.CatalogLoading;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Tests;

/// <summary>A small hand-built reading list: three topics, nested sub-items, English and Chinese text.</summary>
internal static class TestCatalog
{
    public static readonly Topic Overview = new("overview", "Overview", "综述", ["survey"]);
    public static readonly Topic Optimization = new("optimization", "Optimization", "优化", ["optim", "sgd"]);
    public static readonly Topic Generalization = new("generalization", "Generalization", "泛化", ["generalisation"]);

    public static readonly Entry Advances = new("arxiv:2012.10931", "1", "Recent advances in deep learning theory",
        "https://arxiv.org/pdf/2012.10931.pdf", [new("Recent advances in deep learning theory", "https://arxiv.org/pdf/2012.10931.pdf")], 2021,
        "总结了目前深度学习理论研究的六个方向的一些结果。",
        [
            new("arxiv:2012.10931/1.1", "1.1", "complexity and capacity-based approaches", null, [], null, "complexity and capacity-based approaches", [], 6),
            new("arxiv:2012.10931/1.2", "1.2", "stochastic differential equations", null, [], null, "stochastic differential equations", [], 8),
        ], 4);

    public static readonly Entry Parsimony = new("arxiv:2207.04630", "2", "On the Principles of Parsimony and Self-Consistency",
        "https://arxiv.org/abs/2207.04630", [new("On the Principles of Parsimony and Self-Consistency", "https://arxiv.org/abs/2207.04630"), new("知乎解读", "https://zhuanlan.zhihu.com/p/543041107")],
        2022, "任何一个智能系统，作为一个看似简单的自主闭环。", [], 10);

    public static readonly Entry Omnigrok = new("arxiv:2210.01117", "1", "Omnigrok: Grokking Beyond Algorithmic Data",
        "https://arxiv.org/abs/2210.01117", [new("Omnigrok: Grokking Beyond Algorithmic Data", "https://arxiv.org/abs/2210.01117")], 2022,
        "从损失景观的角度解释 grokking 现象。", [], 20);

    public static readonly Entry Sgd = new("arxiv:1710.11029", "2", "Stochastic gradient descent performs variational inference",
        "https://arxiv.org/abs/1710.11029", [new("SGD performs variational inference", "https://arxiv.org/abs/1710.11029")], 2017,
        "SGD 的隐式正则。", [], 21);

    public static readonly Entry Bounds = new("generalization/pac-bayes-notes", "1", "PAC-Bayes notes", null, [], null,
        "泛化界的讲义，没有链接。", [], 30);

    public static ReadingList List { get; } = new("Deep Learning Theory", "整理了一些深度学习的理论相关内容。",
    [
        new Section("Overview", Overview, [Advances, Parsimony], 3),
        new Section("Optimization", Optimization, [Omnigrok, Sgd], 18),
        new Section("Generalization", Generalization, [Bounds], 28),
    ]);

    public static CatalogSnapshot Snapshot { get; } = new(List, [], "test catalog", new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
}

/// <summary>Returns a fixed list for any Markdown, so loading and the CLI can be tested apart from the importer.</summary>
internal sealed class FixedParser(ReadingList list, IReadOnlyList<ImportProblem>? problems = null) : ICatalogParser
{
    public List<string> Parsed { get; } = [];

    public ParsedCatalog Parse(string markdown)
    {
        Parsed.Add(markdown);
        return new ParsedCatalog(new ImportResult(list, problems ?? []), null);
    }
}

/// <summary>Answers every search with fixed hits and records the queries it got.</summary>
internal sealed class FakeSearch(Func<SearchQuery, SearchResponse> answer) : ICatalogSearch
{
    public List<SearchQuery> Queries { get; } = [];

    public static FakeSearch Returning(params (Entry Entry, Section Section, float Score)[] hits) => new(q =>
        new SearchResponse(hits.Skip(q.Offset).Take(q.Limit).Select(h => new SearchHit(h.Entry, h.Section, EntryKind.Paper, h.Score, "…**grokking**…")).ToList(),
            hits.Length, null, []));

    public SearchResponse Search(SearchQuery query)
    {
        Queries.Add(query);
        return answer(query);
    }

    public IReadOnlyList<Suggestion> Autocomplete(string prefix, int limit = 25, SuggestionKind? only = null) => [];

    /// <summary>The real bounded suggester over the hand-built list, so "did you mean" answers stay realistic.</summary>
    public IReadOnlyList<Entry> SuggestIds(string unknownId, int max = 3) => Suggester.Value.Suggest(unknownId, max);

    private static readonly Lazy<IdSuggester> Suggester = new(() => IdSuggester.Build(TestCatalog.List));
}
