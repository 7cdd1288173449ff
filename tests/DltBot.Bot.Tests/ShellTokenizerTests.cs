using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Bot.Shell;

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
