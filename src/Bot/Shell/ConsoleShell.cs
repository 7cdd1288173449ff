using DltBot.Bot.Commands;
using DltBot.Bot.Localization;
using DltBot.Bot.Rendering;
using Microsoft.Extensions.Logging;

namespace DltBot.Bot.Shell;

/// <summary>
/// The interactive console: each line runs through the same command layer Discord uses and the reply is rendered as text.
/// A bad line gets a one-line error and the shell keeps going; <c>/quit</c> or end of input ends it.
/// </summary>
public sealed class ConsoleShell(DltCommands commands, Language language, ILogger<ConsoleShell> logger)
{
    public const string Prompt = "dlt> ";

    public async Task RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken = default)
    {
        var warming = commands.PrepareSearchAsync();
        var list = commands.Index.List;
        output.WriteLine(Strings.Get(language, TextKey.ShellBanner, list.Sections.Sum(s => s.Entries.Count), list.Sections.Count));
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

            var parsed = ShellLineParser.Parse(line, language);
            if (parsed is ShellInput.Quit) break;
            var reply = parsed switch
            {
                ShellInput.Command command => Execute(command.Request),
                ShellInput.Invalid invalid => invalid.Error,
                _ => null,
            };
            if (reply is null) continue;
            ConsoleRenderer.Render(reply, output);
            if (reply is InfoReply && parsed is ShellInput.Command { Request: HelpRequest })
                output.WriteLine("  " + Strings.Get(language, TextKey.HelpShellQuit));
        }
        output.WriteLine(Strings.Get(language, TextKey.ShellGoodbye));
        if (warming.IsFaulted) logger.LogWarning(warming.Exception, "Building the search index failed");
        await output.FlushAsync(CancellationToken.None);
    }

    private Reply Execute(DltRequest request)
    {
        try
        {
            return commands.Execute(request, language);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in one command must not end the session; the user gets one line, the log gets the details.
            logger.LogError(e, "Command {Request} failed", request);
            return ErrorReply.Of(language, ErrorKind.Failure, TextKey.ErrorUnexpected, e.Message);
        }
    }
}
