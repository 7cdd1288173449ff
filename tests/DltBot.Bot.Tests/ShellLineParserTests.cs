using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Bot.Shell;

namespace DltBot.Bot.Tests;

public sealed class ShellLineParserTests
{
    private static readonly CommandHarness Harness = CommandHarness.Create(TestCatalog.Snapshot);

    private static ShellInput Parse(string line, Language language = Language.English) => new ShellLineParser(Harness.Registry).Parse(line, language);

    /// <summary>The command a line names and its validated arguments, as "path: name=value …".</summary>
    private static string Request(string line)
    {
        var command = Assert.IsType<ShellInput.Command>(Parse(line));
        var prepared = CommandRunner.Prepare(command.Target, command.Arguments, Invocation.Local(Language.English), out var error);
        Assert.Null(error);
        return command.Target.Descriptor.Path.Below + ":" + string.Concat(prepared!.Arguments.Values.Select(v => $" {v.Key}={v.Value}"));
    }

    private static ErrorReply Error(string line, Language language = Language.English)
    {
        var reply = Harness.Line(line, language);
        return Assert.IsType<ErrorReply>(reply);
    }

    [Fact]
    public void Reads_every_command_with_or_without_the_dlt_prefix()
    {
        Assert.Equal("topics:", Request("/dlt topics"));
        Assert.Equal("topics:", Request("topics"));
        Assert.Equal("topic: name=优化", Request("/dlt topic 优化"));
        Assert.Equal("topic: name=loss landscape page=2", Request("/dlt topic loss landscape --page 2"));
        Assert.Equal("show: id=arxiv:2210.01117", Request("/dlt show arxiv:2210.01117"));
        Assert.Equal("random:", Request("/dlt random"));
        Assert.Equal("random: topic=优化", Request("/dlt random 优化"));
        Assert.Equal("help:", Request("/dlt help"));
        Assert.Equal("help:", Request("/help"));
        Assert.Equal("help:", Request("/dlt"));
        Assert.Equal("about:", Request("/dlt about"));
    }

    [Fact]
    public void Reads_search_options_in_any_order_and_either_form()
    {
        Assert.Equal("search: query=neural tangent kernel topic=优化 year=2019-2022 kind=paper limit=5 page=2",
            Request("/dlt search --kind paper neural tangent kernel --year=2019-2022 --topic 优化 --limit 5 --page 2"));
    }

    [Fact]
    public void Accepts_the_em_dash_a_Chinese_input_method_types_for_double_hyphen()
    {
        Assert.Equal("search: query=泛化 year=2020 kind=paper", Request("/dlt search 泛化 —kind 论文 ——year 2020"));
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    [InlineData("quit")]
    public void Quit_words_end_the_shell(string line) => Assert.IsType<ShellInput.Quit>(Parse(line));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_lines_do_nothing(string line) => Assert.IsType<ShellInput.Empty>(Parse(line));

    [Fact]
    public void Unknown_command_suggests_the_closest_ones()
    {
        var error = Error("/dlt serch grokking");
        Assert.Equal(ErrorKind.UnknownCommand, error.Kind);
        Assert.Contains("\"serch\"", error.Message);
        Assert.Contains("/dlt search", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Missing_argument_says_what_is_needed_with_an_example()
    {
        var error = Error("/dlt show");
        Assert.Equal(ErrorKind.MissingArgument, error.Kind);
        Assert.Equal("/dlt show needs an entry id, for example: /dlt show arxiv:2210.01117", error.Message);

        var chinese = Error("/dlt topic", Language.Chinese);
        Assert.Equal("/dlt topic 需要一个主题名称，例如：/dlt topic optimization", chinese.Message);
    }

    [Theory]
    [InlineData("/dlt search x --year 20x0", "--year \"20x0\" is not a year or range")]
    [InlineData("/dlt search x --year 2022-2019", "--year \"2022-2019\" is not a year or range")]
    [InlineData("/dlt search x --kind podcast", "--kind \"podcast\" is not one of: paper course book article video code other")]
    [InlineData("/dlt search x --kind podcast --force", "/dlt search does not take option \"--force\"")]
    [InlineData("/dlt search x --limit 0", "--limit \"0\" must be a whole number from 1 to 25")]
    [InlineData("/dlt search x --limit many", "--limit \"many\" must be a whole number from 1 to 25")]
    [InlineData("/dlt search x --page -1", "--page \"-1\" must be a whole number from 1 to 1000")]
    [InlineData("/dlt search x --limit", "Option --limit needs a value, for example: --limit 5")]
    [InlineData("/dlt search x --colour red", "/dlt search does not take option \"--colour\"; it accepts: --topic --year --kind --limit --page")]
    [InlineData("/dlt topics --json", "/dlt topics does not take option \"--json\"")]
    [InlineData("/dlt topics extra", "/dlt topics takes no argument, but got \"extra\"")]
    [InlineData("/dlt search \"grokking", "Unclosed quote at column 13; close it or remove it")]
    public void Bad_options_get_one_line_saying_what_would_work(string line, string expected)
    {
        var error = Error(line);
        Assert.StartsWith(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }
}
