using BenchmarkDotNet.Attributes;
using DltBot.Catalog.Import;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;

namespace DltBot.Bench;

/// <summary>The hot paths on the bundled list, for BenchmarkDotNet (<c>dotnet run -c Release -- --filter *</c>).</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class SearchBenchmarks
{
    private ReadingList list = null!;
    private LuceneCatalogSearch search = null!;

    [GlobalSetup]
    public void Setup()
    {
        list = MarkdownCatalogImporter.Import(File.ReadAllText(Repo.BundledCatalogPath)).List;
        search = LuceneCatalogSearch.Build(list);
    }

    [GlobalCleanup]
    public void Cleanup() => search.Dispose();

    [Benchmark] public int Exact() => search.Search(new SearchQuery("grokking")).Hits.Count;
    [Benchmark] public int Fuzzy() => search.Search(new SearchQuery("equivarient")).Hits.Count;
    [Benchmark] public int Chinese() => search.Search(new SearchQuery("持续同调")).Hits.Count;
    [Benchmark] public int Mixed() => search.Search(new SearchQuery("GNN 微分几何")).Hits.Count;
    [Benchmark] public int Autocomplete() => search.Autocomplete("gro").Count;

    [Benchmark]
    public int Build()
    {
        using var built = LuceneCatalogSearch.Build(list);
        return built.Count;
    }
}
