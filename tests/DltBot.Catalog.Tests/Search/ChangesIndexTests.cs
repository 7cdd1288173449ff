using DltBot.Catalog.Curation;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using DltBot.Catalog.Tests.Import;

namespace DltBot.Catalog.Tests.Search;

/// <summary>
/// <see cref="LuceneCatalogSearch.BuildForChanges(ReadingList)"/> against <see cref="LuceneCatalogSearch.Build"/> over a
/// server's changed entries, and a server's <see cref="OverlaySearch"/> against one index over its whole list.
/// </summary>
public sealed class ChangesIndexTests
{
    private static readonly ReadingList Base = BundledList.Imported.List;
    private static readonly Lazy<LuceneCatalogSearch> Shared = new(() => LuceneCatalogSearch.Build(Base));

    private static readonly (Entry Entry, Section Section)[] BaseEntries =
        Base.Sections.SelectMany(s => s.Entries.SelectMany(e => e.SelfAndDescendants()).Select(e => (e, s))).ToArray();

    private static string TopicAt(int section) => Base.Sections[section % Base.Sections.Count].Topic.Key;

    /// <summary>Four additions (English, Chinese, an arXiv id, no link), two edits of listed entries and one removal.</summary>
    private static IReadOnlyList<OverlayEntry> Changes(int seed = 0)
    {
        OverlayEntry Edit(int at)
        {
            var (entry, section) = BaseEntries[at % BaseEntries.Length];
            var fields = EntryFields.Of(entry, section);
            return new(entry.Id, fields with { Title = fields.Title + " (revised)", Note = fields.Note + " Revised by a moderator: wasserstein geometry." }, false);
        }
        var removed = BaseEntries[(seed * 13 + 97) % BaseEntries.Length];
        return
        [
            new($"curated-{seed}-1", new($"Zqfoo{seed} grokking beyond memorization", $"https://example.org/curated/{seed}/1", TopicAt(0), 2024,
                "A moderator's note on grokking and 泛化 (generalization) in small transformers."), false),
            new($"curated-{seed}-2", new("神经正切核与无限宽网络", $"https://example.org/curated/{seed}/2", TopicAt(3), 2023, "中文注释：核方法与深度学习理论，无限宽极限。"), false),
            new($"arxiv:2599.{seed:D5}", new("Optimal transport for dataset distillation", $"https://arxiv.org/abs/2599.{seed:D5}", TopicAt(5), 2025,
                "Wasserstein barycenters compress a training set; convergence of the gradient flow."), false),
            new($"curated-{seed}-4", new("Lecture notes on mean-field limits of two-layer networks", null, TopicAt(7), null, "Mean field, propagation of chaos."), false),
            Edit(seed * 7 + 11),
            Edit(seed * 7 + 60),
            new(removed.Entry.Id, EntryFields.Of(removed.Entry, removed.Section), true),
        ];
    }

    /// <summary>The server's list, the shared ids it hides and its changed entries alone, as CatalogView builds them.</summary>
    private static (ReadingList List, IReadOnlySet<string> Hidden, ReadingList ChangedOnly) Overlay(IReadOnlyList<OverlayEntry> changes)
    {
        var list = CatalogOverlay.Apply(Base, changes, TopicDirectory.Default);
        var changed = changes.Where(c => !c.Removed).Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var shown = list.AllEntries().Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var hidden = Base.AllEntries().Select(e => e.Id).Where(id => changed.Contains(id) || !shown.Contains(id)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var changedOnly = list with
        {
            Sections = list.Sections
                .Select(s => s with { Entries = s.Entries.SelectMany(e => e.SelfAndDescendants()).Where(e => changed.Contains(e.Id)).Select(e => e with { Children = [] }).ToList() })
                .Where(s => s.Entries.Count > 0)
                .ToList(),
        };
        return (list, hidden, changedOnly);
    }

    /// <summary>Words, typos, prefixes, phrases, ids and Chinese runs of the changed entries, and queries that miss them.</summary>
    private static List<SearchQuery> Queries(ReadingList changedOnly)
    {
        var texts = new List<string>
        {
            "generalization", "泛化", "neural tangent kernel", "神经正切核", "正切", "核", "deep learning theory", "optimization 优化",
            "grokkng", "memorisation", "wasserstien barycenter", "transformer", "\"mean field\"", "\"optimal transport\"", "arXiv:2599.00000v2",
            "https://example.org/curated/0/1", "ntk", "nothing here at all", "the of", "zqfoo", "zqfo", "gradient flow convergence", "无限宽",
        };
        foreach (var entry in changedOnly.AllEntries())
        {
            texts.Add(entry.Id);
            texts.Add(entry.Title);
            var words = entry.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            texts.Add($"\"{string.Join(' ', words.Take(2))}\"");
            foreach (var word in words.Where(w => w.All(char.IsLetter)))
            {
                texts.Add(word);
                if (word.Length >= 6) texts.Add(word.Remove(word.Length / 2, 1)); // a typo
                if (word.Length >= 5) texts.Add(word[..4]);                        // typed halfway
            }
            if (entry.Title.Any(c => c >= '\u4E00')) texts.Add(entry.Title[1..4]);
        }
        var queries = texts.Distinct().Select(t => new SearchQuery(t)).ToList();
        queries.AddRange(texts.Take(12).SelectMany(t => new[]
        {
            new SearchQuery(t, Limit: 1), new SearchQuery(t, Limit: 2, Offset: 1), new SearchQuery(t, Kind: EntryKind.Paper),
            new SearchQuery(t, Years: new YearRange(2024, 2025)), new SearchQuery(t, Topic: changedOnly.Sections[0].Topic.English),
            new SearchQuery(t, Topic: "no such topic"),
        }));
        return queries;
    }

    private static object Comparable(SearchResponse response) => new
    {
        response.Error,
        response.Total,
        response.AllWordsTotal,
        Hits = string.Join(" | ", response.Hits.Select(h => $"{h.Entry.Id} {h.Score:R} {h.Section.Title} {h.Kind} {h.Snippet}")),
    };

    [Fact]
    public void The_index_of_changes_answers_every_query_as_a_full_index_of_the_same_entries_does()
    {
        var (_, _, changedOnly) = Overlay(Changes());
        using var full = LuceneCatalogSearch.Build(changedOnly);
        var cheap = LuceneCatalogSearch.BuildForChanges(changedOnly);

        var queries = Queries(changedOnly);
        var matched = 0;
        foreach (var query in queries)
        {
            var expected = full.Search(query);
            Assert.Equal(Comparable(expected), Comparable(cheap.Search(query)));
            if (expected.Total > 0) matched++;
        }
        // The set must exercise both paths: queries that find changed entries and queries answered without a reader.
        Assert.InRange(matched, queries.Count / 4, queries.Count - queries.Count / 4);
    }

    [Fact]
    public void The_index_of_changes_keeps_typo_tolerance_for_its_own_words()
    {
        var (_, _, changedOnly) = Overlay(Changes());
        var cheap = LuceneCatalogSearch.BuildForChanges(changedOnly);

        Assert.Equal("arxiv:2599.00000", cheap.Search(new SearchQuery("wasserstien barycentres")).Hits[0].Entry.Id);
        Assert.Equal("curated-0-1", cheap.Search(new SearchQuery("memorizaton")).Hits[0].Entry.Id);
    }

    [Fact]
    public void A_query_nothing_of_the_changes_can_match_gets_an_empty_answer_without_suggestions()
    {
        var (_, _, changedOnly) = Overlay(Changes());
        var cheap = LuceneCatalogSearch.BuildForChanges(changedOnly);

        var response = cheap.Search(new SearchQuery("bayesian speech recognition"));

        Assert.Equal((0, (string?)null, 0), (response.Hits.Count, response.Error, response.Suggestions.Count));
    }

    [Fact]
    public void Many_servers_answer_alike_after_their_readers_were_closed_for_others()
    {
        // More servers than the readers kept open, each searched, then the first ones again: their readers reopen.
        var servers = Enumerable.Range(0, 80).Select(seed => Overlay(Changes(seed)).ChangedOnly).ToList();
        var cheap = servers.Select(LuceneCatalogSearch.BuildForChanges).ToList();
        foreach (var index in cheap) Assert.NotEmpty(index.Search(new SearchQuery("grokking memorization")).Hits);

        for (var seed = 0; seed < 5; seed++)
        {
            using var full = LuceneCatalogSearch.Build(servers[seed]);
            foreach (var query in Queries(servers[seed]).Take(40))
                Assert.Equal(Comparable(full.Search(query)), Comparable(cheap[seed].Search(query)));
        }
    }

    [Fact]
    public void A_servers_overlay_finds_what_one_index_over_its_whole_list_finds_for_its_changed_entries()
    {
        var (list, hidden, changedOnly) = Overlay(Changes());
        using var whole = LuceneCatalogSearch.Build(list);
        var overlay = new OverlaySearch(Shared.Value, hidden, LuceneCatalogSearch.BuildForChanges(changedOnly));
        var removed = Changes().Single(c => c.Removed).Id;

        var words = changedOnly.AllEntries()
            .SelectMany(e => e.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 4 && w.All(char.IsLetter))
            .Append("神经正切核").Append("arxiv:2599.00000").Append("zqfoo0")
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var word in words)
        {
            var expected = whole.Search(new SearchQuery(word, Limit: QueryValidator.MaxLimit));
            var actual = overlay.Search(new SearchQuery(word, Limit: QueryValidator.MaxLimit));
            Assert.True(expected.Total > 0, word);
            // A page of 100 from a server with hidden entries: the shared index is asked for more than a user may ask.
            Assert.Null(actual.Error);
            Assert.Equal((word, expected.Total), (word, actual.Total));
            Assert.Equal(expected.Hits.Select(h => h.Entry.Id).Order(), actual.Hits.Select(h => h.Entry.Id).Order());
            Assert.DoesNotContain(actual.Hits, h => h.Entry.Id == removed);
        }
        // A word only a changed entry has: the same entry on top, edited as the server sees it.
        foreach (var (word, id) in new[] { ("zqfoo0", "curated-0-1"), ("barycenters", "arxiv:2599.00000"), ("神经正切核与无限宽网络", "curated-0-2") })
        {
            var top = overlay.Search(new SearchQuery(word)).Hits[0];
            Assert.Equal(whole.Search(new SearchQuery(word)).Hits[0].Entry, top.Entry);
            Assert.Equal(id, top.Entry.Id);
        }
    }

    [Fact]
    public void A_servers_overlay_filters_its_changed_entries_by_topic_as_one_index_over_its_whole_list_does()
    {
        // The changed entries sit in a few sections of the changes index and in other places of the shared list: a topic
        // must name the same section in both. (A parent in the shared index does not know its edited sub-item's new text,
        // so only the changed entries themselves are compared.)
        var (list, hidden, changedOnly) = Overlay(Changes());
        using var whole = LuceneCatalogSearch.Build(list);
        var overlay = new OverlaySearch(Shared.Value, hidden, LuceneCatalogSearch.BuildForChanges(changedOnly));
        var changed = changedOnly.AllEntries().Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var found = 0;
        foreach (var section in changedOnly.Sections)
            foreach (var word in new[] { "grokking", "wasserstein", "神经正切核", "mean field", "revised", "geometry" })
            {
                var query = new SearchQuery(word, Limit: QueryValidator.MaxLimit, Topic: section.Topic.Key);
                var expected = whole.Search(query).Hits.Select(h => h.Entry).Where(e => changed.Contains(e.Id));
                var actual = overlay.Search(query).Hits.Select(h => h.Entry).Where(e => changed.Contains(e.Id));
                Assert.Equal((word, section.Topic.Key, string.Join(" ", expected.Select(e => e.Id).Order())), (word, section.Topic.Key, string.Join(" ", actual.Select(e => e.Id).Order())));
                found += actual.Count();
            }
        Assert.True(found >= changedOnly.Sections.Count, $"only {found} changed entries found");
    }
}
