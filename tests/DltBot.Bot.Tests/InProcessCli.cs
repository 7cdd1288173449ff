using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Cli;
using DltBot.Bot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

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

    /// <summary>
    /// A run in its own folder <paramref name="root"/>: data under <c>root/data</c>, replies in English, no logging;
    /// <paramref name="extra"/> settings on top.
    /// </summary>
    public static BotHostSettings InFolder(string root, params KeyValuePair<string, string?>[] extra) => new()
    {
        Paths = new AppPaths(root),
        Configuration = c => c.AddInMemoryCollection([
            KeyValuePair.Create<string, string?>("Data:Directory", Path.Combine(root, "data")),
            KeyValuePair.Create<string, string?>("Bot:Locale", "en-US"),
            .. extra,
        ]),
        Logging = l => l.ClearProviders(),
    };
}
