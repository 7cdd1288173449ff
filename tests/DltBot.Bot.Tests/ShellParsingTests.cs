using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using DltBot.Bot.Shell;
using DltBot.Catalog.Search;

namespace DltBot.Bot.Tests;

public sealed class ShellTokenizerTests
{
    [Theory]
    [InlineData("/dlt topics", new[] { "/dlt", "topics" })]
    [InlineData("  /dlt   search   grokking  ", new[] { "/dlt", "search", "grokking" })]
    [InlineData("/dlt topic \"loss landscape\"", new[] { "/dlt", "topic", "loss landscape" })]
    [InlineData("/dlt topic 'loss landscape'", new[] { "/dlt", "topic", "loss landscape" })]
    [InlineData("/dlt search “神经 网络”", new[] { "/dlt", "search", "神经 网络" })]
    [InlineData("say \"a \\\"quoted\\\" word\"", new[] { "say", "a \"quoted\" word" })]
    [InlineData("a\"b c\"d", new[] { "ab cd" })]
    [InlineData("empty \"\" arg", new[] { "empty", "", "arg" })]
    public void Splits_on_whitespace_and_keeps_quoted_parts_together(string line, string[] expected)
    {
        var result = ShellTokenizer.Tokenize(line);
        Assert.Null(result.UnclosedQuoteColumn);
        Assert.Equal(expected, result.Tokens);
    }

    [Fact]
    public void Reports_the_column_of_an_unclosed_quote()
    {
        var result = ShellTokenizer.Tokenize("/dlt search \"grokking");
        Assert.Equal(13, result.UnclosedQuoteColumn);
    }
}

public sealed class ShellLineParserTests
{
    private static DltRequest Request(string line) =>
        Assert.IsType<ShellInput.Command>(ShellLineParser.Parse(line, Language.English)).Request;

    private static ErrorReply Error(string line, Language language = Language.English) =>
        Assert.IsType<ShellInput.Invalid>(ShellLineParser.Parse(line, language)).Error;

    [Fact]
    public void Reads_every_command_with_or_without_the_dlt_prefix()
    {
        Assert.IsType<TopicsRequest>(Request("/dlt topics"));
        Assert.IsType<TopicsRequest>(Request("topics"));
        Assert.Equal(new TopicRequest("优化"), Request("/dlt topic 优化"));
        Assert.Equal(new TopicRequest("loss landscape", 2), Request("/dlt topic loss landscape --page 2"));
        Assert.Equal(new ShowRequest("arxiv:2210.01117"), Request("/dlt show arxiv:2210.01117"));
        Assert.Equal(new RandomRequest(null), Request("/dlt random"));
        Assert.Equal(new RandomRequest("优化"), Request("/dlt random 优化"));
        Assert.IsType<HelpRequest>(Request("/dlt help"));
        Assert.IsType<HelpRequest>(Request("/help"));
        Assert.IsType<HelpRequest>(Request("/dlt"));
        Assert.IsType<AboutRequest>(Request("/dlt about"));
    }

    [Fact]
    public void Reads_search_options_in_any_order_and_either_form()
    {
        var request = Request("/dlt search --kind paper neural tangent kernel --year=2019-2022 --topic 优化 --limit 5 --page 2");
        Assert.Equal(new SearchRequest("neural tangent kernel", "优化", new YearRange(2019, 2022), EntryKind.Paper, 5, 2), request);
    }

    [Fact]
    public void Accepts_the_em_dash_a_Chinese_input_method_types_for_double_hyphen()
    {
        var request = Assert.IsType<SearchRequest>(Request("/dlt search 泛化 —kind 论文 ——year 2020"));
        Assert.Equal(EntryKind.Paper, request.Kind);
        Assert.Equal(new YearRange(2020, 2020), request.Years);
        Assert.Equal("泛化", request.Text);
    }

    [Theory]
    [InlineData("/quit")]
    [InlineData("/exit")]
    [InlineData("quit")]
    public void Quit_words_end_the_shell(string line) => Assert.IsType<ShellInput.Quit>(ShellLineParser.Parse(line, Language.English));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_lines_do_nothing(string line) => Assert.IsType<ShellInput.Empty>(ShellLineParser.Parse(line, Language.English));

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
    [InlineData("/dlt search x --kind podcast", "--kind \"podcast\" is not a kind; use one of: paper course book article video code other")]
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
