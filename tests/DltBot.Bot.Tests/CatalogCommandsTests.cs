using System.Text;
using System.Text.Json;
using DltBot.Bot.Cli;

namespace DltBot.Bot.Tests;

/// <summary><c>dltbot catalog repair|export|check</c> in-process over small Markdown fixtures and the real importer.</summary>
public sealed class CatalogCommandsTests : IDisposable
{
    private const string CleanList = """
        # Deep Learning Theory
        整理了一些深度学习的理论相关内容。
        ## Overview
        1. [Recent advances in deep learning theory](https://arxiv.org/pdf/2012.10931.pdf)
        总结了目前深度学习理论研究的六个方向的一些结果(2021)。
        ## Optimization
        1. [Omnigrok: Grokking Beyond Algorithmic Data](https://arxiv.org/abs/2210.01117)(2022)从损失景观解释 grokking。

        """;

    private readonly string root = Directory.CreateTempSubdirectory("dltbot-catalog-cli-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(root, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private Task<(int Code, string Out, string Err)> Run(params string[] args) =>
        InProcessCli.RunAsync("", InProcessCli.InFolder(root, KeyValuePair.Create<string, string?>("Catalog:Source", Path.Combine(root, "list.md"))), args);

    [Fact]
    public async Task Export_markdown_to_a_file_gives_back_the_source()
    {
        var source = Write("list.md", CleanList);
        var target = Path.Combine(root, "out", "exported.md");

        var (code, output, error) = await Run("catalog", "export", "--format", "markdown", "--output", target);

        Assert.Equal((0, ""), (code, error));
        Assert.Equal($"Exported 2 entries as markdown to {target}.", output.TrimEnd());
        Assert.Equal(await File.ReadAllTextAsync(source, TestContext.Current.CancellationToken), await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Export_json_goes_to_standard_output_and_parses()
    {
        Write("list.md", CleanList);
        var (code, output, _) = await Run("catalog", "export", "--format", "json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Contains("arxiv:2210.01117", output);
    }

    [Fact]
    public async Task Export_can_read_another_file_than_the_configured_one()
    {
        var other = Write("other.md", CleanList.Replace("Omnigrok", "Omnigrok again"));
        var (code, output, _) = await Run("catalog", "export", "--input", other);
        Assert.Equal(0, code);
        Assert.Contains("Omnigrok again", output);
    }

    [Fact]
    public async Task An_unknown_export_format_is_one_line_with_exit_code_two()
    {
        Write("list.md", CleanList);
        var (code, output, error) = await Run("catalog", "export", "--format", "xml");
        Assert.Equal((2, ""), (code, output));
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("'xml'", error);
        Assert.Contains("'markdown'", error);
    }

    [Fact]
    public async Task Check_of_a_clean_list_exits_zero()
    {
        var source = Write("list.md", CleanList);
        var (code, output, _) = await Run("catalog", "check");
        Assert.Equal(0, code);
        Assert.Equal($"No problems found in {source} (2 entries).", output.TrimEnd());
    }

    [Fact]
    public async Task Check_lists_problems_with_line_numbers_and_exits_one()
    {
        Write("list.md", CleanList + "2. [Omnigrok twice](https://arxiv.org/abs/2210.01117)(2022)同一个链接。\n3. An entry without any link\n");
        var (code, output, _) = await Run("catalog", "check");
        Assert.Equal(1, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^\d+ problems in ", lines[0]);
        Assert.All(lines.Skip(1), line => Assert.Matches(@"^line \d+: ", line));
        Assert.Contains(lines, l => l.StartsWith("line 9: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Repair_of_clean_text_copies_it_unchanged()
    {
        var input = Write("clean.md", CleanList);
        var target = Path.Combine(root, "repaired.md");
        var (code, output, _) = await Run("catalog", "repair", input, "--output", target);
        Assert.Equal(0, code);
        Assert.Equal($"{input}: not mojibake, copied unchanged to {target}.", output.TrimEnd());
        Assert.Equal(CleanList, await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Repair_of_code_page_damage_reports_the_code_page_and_the_counts()
    {
        var damaged = ThroughWindows1252(CleanList + string.Concat(Enumerable.Repeat("深度学习的理论相关内容，持续更新。神经网络的泛化与优化。\n", 20)));
        var input = Write("damaged.md", damaged);
        var target = Path.Combine(root, "repaired.md");

        var (code, output, error) = await Run("catalog", "repair", input, "-o", target);

        Assert.Equal((0, ""), (code, error));
        Assert.Matches(@": code page windows-1252; \d+ characters reversed, \d+ reconstructed, \d+ unsure\. Written to ", output);
        Assert.Contains("深度学习的理论", await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
    }

    /// <summary>The seed's damage: UTF-8 bytes read as windows-1252, bytes it leaves undefined (and the soft hyphen) lost.</summary>
    private static string ThroughWindows1252(string original)
    {
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var damaged = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(original))
        {
            var decoded = cp1252.GetString([b]);
            if (b == 0xAD || decoded == "\uFFFD" || decoded[0] is >= '\u0080' and <= '\u009F') continue;
            damaged.Append(decoded);
        }
        return damaged.ToString();
    }

    [Fact]
    public async Task Repair_of_a_missing_file_says_which_file()
    {
        var (code, _, error) = await Run("catalog", "repair", Path.Combine(root, "nope.md"), "--output", Path.Combine(root, "x.md"));
        Assert.Equal(1, code);
        Assert.Equal($"File not found: {Path.Combine(root, "nope.md")}", error.TrimEnd());
    }

    [Fact]
    public async Task Repair_without_output_is_a_usage_error()
    {
        var input = Write("clean.md", CleanList);
        var (code, _, error) = await Run("catalog", "repair", input);
        Assert.Equal(2, code);
        Assert.Contains("--output", error);
    }
}
