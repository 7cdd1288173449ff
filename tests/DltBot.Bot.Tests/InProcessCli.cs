using DltBot.Bot.Cli;
using DltBot.Bot.Hosting;

namespace DltBot.Bot.Tests;

/// <summary>Runs <c>dltbot</c> in-process with the given input and settings, capturing what it writes.</summary>
internal static class InProcessCli
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(string stdin, BotHostSettings settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(new StringReader(stdin), output, error, settings);
        var code = await app.RunAsync(args, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}
