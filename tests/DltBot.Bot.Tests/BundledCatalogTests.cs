using System.Text;
using System.Text.Json;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Cli;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests;

/// <summary>End to end over the list bundled with the binary, the real importer and the configured search.</summary>
public sealed class BundledCatalogTests
{
    private static Task<(int Code, string Out, string Err)> Run(string stdin, params string[] args) =>
        InProcessCli.RunAsync(stdin, new BotHostSettings
        {
            Configuration = c => c.AddInMemoryCollection([
                KeyValuePair.Create<string, string?>("Catalog:Source", CatalogOptionsDefault),
                KeyValuePair.Create<string, string?>("Discord:Token", ""),
                KeyValuePair.Create<string, string?>("Bot:Locale", "en-US"),
            ]),
            Logging = l => l.ClearProviders(),
        }, args);

    private const string CatalogOptionsDefault = Configuration.CatalogOptions.BundledPath;

    [Fact]
    public async Task The_bundled_list_loads_with_its_topics()
    {
        var (code, output, error) = await Run("", "topics", "--json");
        Assert.Equal((0, ""), (code, error));
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetArrayLength() >= 10, output);
        Assert.Contains(json.RootElement.EnumerateArray(), t => t.GetProperty("name").GetString() == "Optimization");
    }

    [Fact]
    public async Task A_shell_session_over_the_bundled_list_shows_an_entry_by_arxiv_id()
    {
        var (code, output, error) = await Run("/dlt topic 优化\n/dlt show arxiv:2210.01117\n/quit\n");
        Assert.Equal((0, ""), (code, error));
        Assert.Contains("Optimization · 优化", output);
        Assert.Contains("Omnigrok: Grokking Beyond Algorithmic Data", output);
        Assert.Contains("https://arxiv.org/abs/2210.01117", output);
    }

    [Fact]
    public async Task Search_json_over_the_real_engine_ranks_best_first()
    {
        var (code, output, error) = await Run("", "search", "grokking", "--json");
        Assert.Equal((0, ""), (code, error));
        using var json = JsonDocument.Parse(output);
        var hits = json.RootElement.EnumerateArray().ToList();
        Assert.Contains(hits, h => h.GetProperty("id").GetString() == "arxiv:2210.01117");
        var scores = hits.Select(h => h.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public void Clean_Chinese_is_not_sent_to_the_slow_repair_but_code_page_damage_is()
    {
        const string chinese = "整理了一些深度学习的理论相关内容，持续更新。总结了目前深度学习理论研究的六个方向的一些结果。";
        var damaged = Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(chinese));
        Assert.False(MarkdownCatalogParser.MayBeMojibake(chinese));
        Assert.False(MarkdownCatalogParser.MayBeMojibake("# Deep Learning Theory\n1. [A paper](https://arxiv.org/abs/1)"));
        Assert.True(MarkdownCatalogParser.MayBeMojibake(damaged));
    }
}
