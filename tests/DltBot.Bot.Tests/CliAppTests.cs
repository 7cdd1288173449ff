using System.Text.Json;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Cli;
using DltBot.Bot.Hosting;
using DltBot.Catalog.Model;
using DltBot.Catalog.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Tests;

/// <summary>Runs <c>dltbot</c> in-process with captured output, a temporary catalog file and the hand-built list.</summary>
public sealed class CliAppTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("dltbot-cli-").FullName;
    private readonly FakeSearch search;
    private readonly Dictionary<string, string?> settings;

    public CliAppTests()
    {
        var optimization = TestCatalog.List.Sections[1];
        search = FakeSearch.Returning((TestCatalog.Omnigrok, optimization, 3.5f), (TestCatalog.Sgd, optimization, 1.25f));
        var catalogFile = Path.Combine(root, "list.md");
        File.WriteAllText(catalogFile, "# Deep Learning Theory");
        settings = new()
        {
            ["Catalog:Source"] = catalogFile,
            ["Data:Directory"] = Path.Combine(root, "data"),
            ["Discord:Token"] = "",
            ["Bot:Locale"] = "en-US",
        };
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private Task<(int Code, string Out, string Err)> RunWithInput(string stdin, params string[] args) =>
        InProcessCli.RunAsync(stdin, new BotHostSettings
        {
            Paths = new AppPaths(root),
            Configuration = c => c.AddInMemoryCollection(settings),
            Logging = l => l.ClearProviders(),
            Services = s =>
            {
                s.AddSingleton<ICatalogParser>(new FixedParser(TestCatalog.List));
                s.AddSingleton<Func<ReadingList, ICatalogSearch>>(_ => search);
            },
        }, args);

    private Task<(int Code, string Out, string Err)> Run(params string[] args) => RunWithInput("", args);

    [Fact]
    public async Task Topics_prints_a_table_and_exits_zero()
    {
        var (code, output, error) = await Run("topics");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("Topics (3)", output);
        Assert.Contains("Optimization", output);
        Assert.Contains("优化", output);
    }

    [Fact]
    public async Task Topics_json_is_an_array_of_topics_with_counts()
    {
        var (code, output, _) = await Run("topics", "--json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var second = json.RootElement[1];
        Assert.Equal(("optimization", "Optimization", "优化", 2),
            (second.GetProperty("key").GetString(), second.GetProperty("name").GetString(), second.GetProperty("otherName").GetString(), second.GetProperty("entries").GetInt32()));
    }

    [Fact]
    public async Task Search_json_is_an_array_of_hits_best_first()
    {
        var (code, output, error) = await Run("search", "grokking", "loss", "--year", "2017-2022", "--kind", "paper", "--limit", "5", "--json");
        Assert.Equal((0, ""), (code, error));
        Assert.Equal(new SearchQuery("grokking loss", null, new YearRange(2017, 2022), EntryKind.Paper, 5, 0), Assert.Single(search.Queries));

        using var json = JsonDocument.Parse(output);
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var hits = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(["arxiv:2210.01117", "arxiv:1710.11029"], hits.Select(h => h.GetProperty("id").GetString()));
        var best = hits[0];
        Assert.Equal("Omnigrok: Grokking Beyond Algorithmic Data", best.GetProperty("title").GetString());
        Assert.Equal("https://arxiv.org/abs/2210.01117", best.GetProperty("url").GetString());
        Assert.Equal("Optimization", best.GetProperty("topic").GetString());
        Assert.Equal(2022, best.GetProperty("year").GetInt32());
        Assert.Equal(3.5, best.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task Show_prints_the_card_and_json_carries_children()
    {
        var (code, output, _) = await Run("show", "arxiv:2012.10931");
        Assert.Equal(0, code);
        Assert.StartsWith("Recent advances in deep learning theory", output);
        Assert.Contains("https://arxiv.org/pdf/2012.10931.pdf", output);
        Assert.Contains("2021", output);
        Assert.Contains("1.2 stochastic differential equations", output);

        var (_, json, _) = await Run("show", "arxiv:2012.10931", "--json");
        using var document = JsonDocument.Parse(json);
        Assert.Equal(2, document.RootElement.GetProperty("children").GetArrayLength());
        Assert.Equal("总结了目前深度学习理论研究的六个方向的一些结果。", document.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Unknown_id_is_one_line_on_stderr_with_exit_code_one()
    {
        var (code, output, error) = await Run("show", "arxiv:2210.01118");
        Assert.Equal((1, ""), (code, output));
        Assert.StartsWith("No entry with id \"arxiv:2210.01118\". Closest: arxiv:2210.01117", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData(new[] { "show" }, "dltbot show needs an entry id, for example: dltbot show arxiv:2210.01117")]
    [InlineData(new[] { "search", "x", "--year", "soon" }, "--year \"soon\" is not a year or range")]
    [InlineData(new[] { "search", "x", "--limit", "100" }, "--limit \"100\" must be a whole number from 1 to 25")]
    [InlineData(new[] { "serch", "x" }, "Unknown command \"serch\". Did you mean: dltbot search")]
    [InlineData(new[] { "search", "x", "--colour", "red" }, "dltbot search does not take option \"--colour\"; it accepts: --topic --year --kind --limit --page")]
    public async Task Usage_errors_are_one_line_with_exit_code_two(string[] args, string expected)
    {
        var (code, output, error) = await Run(args);
        Assert.Equal((2, ""), (code, output));
        Assert.StartsWith(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task The_locale_option_switches_the_language()
    {
        var (code, output, _) = await Run("topics", "--locale", "zh-CN");
        Assert.Equal(0, code);
        Assert.StartsWith("主题（3 个）", output);

        var (_, _, error) = await Run("show", "nothing-like-it-at-all-zzzz", "--locale", "zh-CN");
        Assert.StartsWith("没有编号为「nothing-like-it-at-all-zzzz」的条目。", error);
    }

    [Fact]
    public async Task A_bad_setting_stops_before_anything_runs_and_names_the_key()
    {
        settings["Catalog:FetchTimeoutSeconds"] = "0";
        var (code, output, error) = await Run("topics");
        Assert.Equal((2, ""), (code, output));
        Assert.StartsWith("Configuration error: Catalog:FetchTimeoutSeconds must be between 1 and 300", error);
    }

    [Fact]
    public async Task A_malformed_appsettings_file_is_a_configuration_error_naming_the_file()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), "{ \"Catalog\": { \"Source\": ", TestContext.Current.CancellationToken);
        var (code, output, error) = await Run("topics");
        Assert.Equal((2, ""), (code, output));
        Assert.StartsWith("Configuration error: ", error);
        Assert.Contains("appsettings.json", error);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task A_missing_catalog_file_is_one_line_naming_the_path()
    {
        settings["Catalog:Source"] = Path.Combine(root, "missing.md");
        var (code, _, error) = await Run("topics");
        Assert.Equal(1, code);
        Assert.StartsWith("Cannot load the catalog: Catalog:Source file", error);
        Assert.Contains("missing.md", error);
    }

    [Fact]
    public async Task No_arguments_start_the_shell_which_reads_commands_until_end_of_input()
    {
        var (code, output, error) = await RunWithInput("/dlt show arxiv:2210.01117\n");
        Assert.Equal((0, ""), (code, error));
        Assert.StartsWith("DltBot console: 5 entries in 3 topics.", output);
        Assert.Contains("dlt> Omnigrok: Grokking Beyond Algorithmic Data", output);
        Assert.EndsWith("Bye." + Environment.NewLine, output);
    }

    [Fact]
    public async Task With_a_Discord_token_the_bot_goes_to_Discord_mode_and_names_a_missing_setting()
    {
        settings["Discord:Token"] = "abc.def.ghi";
        var (code, output, error) = await Run();
        Assert.Equal((ExitCodes.Usage, ""), (code, output));
        Assert.StartsWith("Discord:ApplicationId is missing", error.Trim());
    }

    [Fact]
    public async Task An_unknown_locale_on_the_command_line_is_refused_like_an_unknown_Bot_Locale()
    {
        var (code, output, error) = await Run("topics", "--locale", "xx-bogus");
        Assert.Equal((ExitCodes.Usage, ""), (code, output));
        Assert.Equal("--locale \"xx-bogus\" is not a known culture name; use e.g. en-US or zh-CN", error.Trim());
    }

    [Theory]
    [InlineData("topic", "zzzzqqqq", "dltbot topics lists the topics")]
    [InlineData("show", "zzzzqqqq", "dltbot search <words> shows the ids")]
    public async Task One_shot_hints_are_written_the_way_the_command_line_takes_them(string command, string argument, string hint)
    {
        var (code, _, error) = await Run(command, argument);
        Assert.NotEqual(ExitCodes.Success, code);
        Assert.Contains(hint, error);
        Assert.DoesNotContain("/dlt", error);
    }

    [Fact]
    public async Task An_unknown_command_points_at_dltbot_help()
    {
        var (_, _, error) = await Run("serch", "x");
        Assert.Contains("(dltbot help lists them all)", error);
        Assert.DoesNotContain("/dlt", error);
    }

    [Fact]
    public async Task About_json_carries_numbers_and_an_iso_time_not_display_strings()
    {
        var (code, output, _) = await Run("about", "--json");
        Assert.Equal(ExitCodes.Success, code);
        var about = JsonDocument.Parse(output).RootElement;
        Assert.Equal(3, about.GetProperty("topics").GetInt32());
        Assert.Equal(5, about.GetProperty("entries").GetInt32());
        Assert.Equal(7, about.GetProperty("entriesWithSubItems").GetInt32());
        Assert.True(about.GetProperty("uptimeSeconds").GetInt64() >= 0);
        Assert.Equal(JsonValueKind.String, about.GetProperty("version").ValueKind);
        Assert.Equal(JsonValueKind.String, about.GetProperty("source").ValueKind);
        Assert.True(DateTimeOffset.TryParseExact(about.GetProperty("loadedAt").GetString(), "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _));
    }
}
