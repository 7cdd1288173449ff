using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Dlt;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Localization;
using DltBot.Bot.Rendering;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Shell;

/// <summary>
/// The interactive console: each line runs through the same registry and runner Discord uses, as the operator in guild
/// <c>local</c>, and the reply is rendered as text. A bad line gets a one-line error and the shell keeps going;
/// <c>/quit</c> or end of input ends it.
/// </summary>
public sealed partial class ConsoleShell(CommandRegistry registry, CommandRunner runner, ICatalogViews catalogs, ILogger<ConsoleShell> logger)
{
    public const string Prompt = "dlt> ";

    public async Task RunAsync(TextReader input, TextWriter output, Language language, CancellationToken cancellationToken = default)
    {
        var parser = new ShellLineParser(registry);
        var invocation = Invocation.Local(language);
        var warming = catalogs.Base.PrepareSearchAsync();
        var list = catalogs.Base.List;
        output.WriteLine(Strings.Get(language, TextKey.ShellBanner, Strings.Count(language, list.Sections.Sum(s => s.Entries.Count), CountedNoun.Entry), Strings.Count(language, list.Sections.Count, CountedNoun.Topic)));
        while (!cancellationToken.IsCancellationRequested)
        {
            output.Write(Prompt);
            await output.FlushAsync(cancellationToken);
            var line = await input.ReadLineAsync(cancellationToken);
            if (line is null)
            {
                output.WriteLine();
                break;
            }

            var parsed = parser.Parse(line, language);
            if (parsed is ShellInput.Quit) break;
            var reply = parsed switch
            {
                ShellInput.Command command => await RunAsync(command, invocation, cancellationToken),
                ShellInput.Invalid invalid => invalid.Error,
                _ => null,
            };
            if (reply is null) continue;
            ConsoleRenderer.Render(reply, output);
            if (reply is InfoReply && parsed is ShellInput.Command { Target: HelpCommand })
                output.WriteLine("  " + Strings.Get(language, TextKey.HelpShellQuit));
        }
        output.WriteLine(Strings.Get(language, TextKey.ShellGoodbye));
        if (warming.IsFaulted) LogIndexFailed(logger, warming.Exception);
        await output.FlushAsync(CancellationToken.None);
    }

    private async Task<Reply> RunAsync(ShellInput.Command command, Invocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            return await runner.RunAsync(command.Target, command.Arguments, invocation, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in one command must not end the session; the user gets one line, the log gets the details.
            LogCommandFailed(logger, e, command.Target.Descriptor.Path);
            return ErrorReply.Of(invocation.Language, ErrorKind.Failure, TextKey.ErrorUnexpected, e.Message);
        }
    }

    [LoggerMessage(EventId = 6001, EventName = "ShellSearchIndexFailed", Level = LogLevel.Warning, Message = "Building the search index failed")]
    private static partial void LogIndexFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6002, EventName = "ShellCommandFailed", Level = LogLevel.Error, Message = "Command {Command} failed")]
    private static partial void LogCommandFailed(ILogger logger, Exception exception, CommandPath command);
}
