using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using DltBot.Bot.Shell;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DltBot.Bot.Tests;

public sealed class ConsoleShellTests
{
    private static async Task<string> Session(string script, Language language = Language.English, Func<ReadingList, ICatalogSearch>? search = null)
    {
        using var harness = CommandHarness.Create(TestCatalog.Snapshot, search ?? (_ => FakeSearch.Returning()), new FakeTimeProvider());
        var shell = harness.Services.GetRequiredService<ConsoleShell>();
        var output = new StringWriter { NewLine = "\n" };
        await shell.RunAsync(new StringReader(script), output, language, TestContext.Current.CancellationToken);
        return output.ToString();
    }

    [Fact]
    public async Task A_scripted_session_runs_commands_reports_errors_and_quits_cleanly()
    {
        var output = await Session("""
            /dlt topics
            /dlt topic 优化
            /dlt show arxiv:2210.01117
            /dlt topic optimisation
            /dlt serch grokking

            /quit
            /dlt topics
            """);

        var blocks = output.Split(ConsoleShell.Prompt);
        Assert.Equal(8, blocks.Length); // banner + 7 prompts; the line after /quit is never read
        Assert.StartsWith("DltBot console: 5 entries in 3 topics.", blocks[0]);

        Assert.StartsWith("Topics (3)", blocks[1]);
        Assert.Contains("Optimization", blocks[1]);
        Assert.Contains("优化", blocks[1]);

        Assert.StartsWith("Optimization · 优化", blocks[2]);
        Assert.Contains("Omnigrok: Grokking Beyond Algorithmic Data (2022)", blocks[2]);
        Assert.Contains("arxiv:1710.11029", blocks[2]);

        Assert.StartsWith("Omnigrok: Grokking Beyond Algorithmic Data", blocks[3]);
        Assert.Contains("https://arxiv.org/abs/2210.01117", blocks[3]);
        Assert.Contains("从损失景观的角度解释 grokking 现象。", blocks[3]);

        Assert.StartsWith("Unknown topic \"optimisation\". Did you mean: ", blocks[4]);
        Assert.Single(blocks[4].TrimEnd().Split('\n'));
        Assert.StartsWith("Unknown command \"serch\". Did you mean: /dlt search", blocks[5]);
        Assert.Equal("", blocks[6]); // an empty line prints nothing
        Assert.Equal("Bye.\n", blocks[7]);
    }

    [Fact]
    public async Task End_of_input_leaves_like_quit()
    {
        var output = await Session("/dlt about");
        Assert.EndsWith("dlt> \nBye.\n", output);
    }

    [Fact]
    public async Task Help_lists_the_commands_and_how_to_leave()
    {
        var output = await Session("/help\n");
        Assert.Contains("/dlt search <query>", output);
        Assert.Contains("/quit: leave the shell", output);
    }

    [Fact]
    public async Task The_session_speaks_Chinese_for_a_Chinese_locale()
    {
        var output = await Session("/dlt topics\n/dlt show 2210.01117\n/dlt topic 优画\n", Language.Chinese);
        Assert.StartsWith("DltBot 控制台：3 个主题共 5 个条目。", output);
        Assert.Contains("主题（3 个）", output);
        Assert.Contains("链接:", output);
        Assert.Contains("没有名为「优画」的主题。", output);
        Assert.EndsWith("再见。\n", output);
    }

    [Fact]
    public async Task A_failing_command_is_one_line_and_the_shell_keeps_going()
    {
        var output = await Session("/dlt search boom\n/dlt topics\n", search: _ => throw new InvalidOperationException("index is corrupt"));
        Assert.Contains("Something went wrong: index is corrupt.", output);
        Assert.Contains("Topics (3)", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task Search_results_show_rank_topic_score_and_paging()
    {
        var optimization = TestCatalog.List.Sections[1];
        var output = await Session("/dlt search grokking --limit 1\n",
            search: _ => FakeSearch.Returning((TestCatalog.Omnigrok, optimization, 3.5f), (TestCatalog.Sgd, optimization, 1.25f)));
        Assert.Contains("Search: grokking", output);
        Assert.Contains("   1. Omnigrok: Grokking Beyond Algorithmic Data (2022)", output);
        Assert.Contains("arxiv:2210.01117 · Optimization · Score 3.50", output);
        Assert.Contains("Page 1 of 2 (2 in all)", output);
        Assert.Contains("More: add --page 2", output);
    }
}
