using System.CommandLine;
using System.Globalization;
using System.Text;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Configuration;
using DltBot.Bot.Hosting;
using DltBot.Bot.Localization;
using DltBot.Bot.Rendering;
using DltBot.Bot.Shell;
using DltBot.Catalog.Export;
using DltBot.Catalog.Import;
using DltBot.Catalog.Repair;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DltBot.Bot.Cli;

/// <summary>
/// <c>dltbot</c>'s command line: with no arguments the console shell (or Discord mode when a token is configured),
/// otherwise one-shot commands. Every failure is one line on stderr and a non-zero <see cref="ExitCodes">exit code</see>.
/// </summary>
public sealed class CliApp(TextReader input, TextWriter output, TextWriter error, BotHostSettings? settings = null)
{
    private const string Prefix = "dltbot";
    private static readonly IReadOnlyList<string> TopLevel = ["topics", "topic", "show", "search", "random", "about", "help", "catalog"];

    private readonly BotHostSettings hostSettings = settings ?? new BotHostSettings();

    private readonly Option<string> localeOption = new("--locale")
    {
        Description = "Language of the output: en-US, zh-CN... (default: Bot:Locale, then the system's)",
        Recursive = true,
    };

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = BuildRoot();
        if (args.Length > 0 && !args[0].StartsWith('-') && !TopLevel.Contains(args[0]))
        {
            var language = Languages.FromLocale(CultureInfo.CurrentUICulture.Name);
            error.WriteLine(RequestBuilder.UnknownCommand(args[0], language, TopLevel, Prefix).Message);
            return ExitCodes.Usage;
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var language = Languages.FromLocale(parsed.GetValue(localeOption) ?? CultureInfo.CurrentUICulture.Name);
            error.WriteLine(Strings.Get(language, TextKey.ErrorCommandLine, OneLine(parsed.Errors[0].Message)));
            return ExitCodes.Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    // Some System.CommandLine messages list choices on separate lines; every error here is one line.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private RootCommand BuildRoot()
    {
        var root = new RootCommand("DltBot: the Deep Learning Theory reading list, searchable. Without a command: the console shell, or Discord mode when Discord:Token is set.")
        {
            localeOption,
        };
        root.SetAction((parse, ct) => Guarded(parse, ct, RunInteractiveAsync));

        var json = new Option<bool>("--json") { Description = "Machine-readable JSON output" };

        var topics = new Command("topics", "List the topics with their entry counts") { json };
        topics.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, parse.GetValue(json),
            _ => ParseOutcome.Ok(new TopicsRequest()), c)));

        var topicName = Words("name", "Topic name, English or Chinese");
        var topicPage = new Option<string>("--page") { Description = "Page number (20 entries a page)" };
        var topic = new Command("topic", "The entries of one topic") { topicName, topicPage, json };
        topic.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, parse.GetValue(json),
            language => Build(DltGrammar.Topic, parse.GetValue(topicName), language, (DltGrammar.PageOption, parse.GetValue(topicPage))), c)));

        var entryId = Words("id", "Entry id, e.g. arxiv:2210.01117 (or its URL)");
        var show = new Command("show", "One entry with link, year, description and sub-items") { entryId, json };
        show.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, parse.GetValue(json),
            language => Build(DltGrammar.Show, parse.GetValue(entryId), language), c)));

        var query = Words("query", "What to look for");
        var searchTopic = new Option<string>("--topic") { Description = "Only this topic" };
        var year = new Option<string>("--year") { Description = "A year (2020) or a range (2019-2022)" };
        var kind = new Option<string>("--kind") { Description = "paper, course, book, article, video, code or other" };
        var limit = new Option<string>("--limit") { Description = $"Results per page, 1-{SearchRequest.MaxLimit} (default {SearchRequest.DefaultLimit})" };
        var page = new Option<string>("--page") { Description = "Page number" };
        var search = new Command("search", "Search titles and descriptions (English and Chinese)") { query, searchTopic, year, kind, limit, page, json };
        search.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, parse.GetValue(json),
            language => Build(DltGrammar.Search, parse.GetValue(query), language,
                (DltGrammar.TopicOption, parse.GetValue(searchTopic)), (DltGrammar.YearOption, parse.GetValue(year)),
                (DltGrammar.KindOption, parse.GetValue(kind)), (DltGrammar.LimitOption, parse.GetValue(limit)),
                (DltGrammar.PageOption, parse.GetValue(page))), c)));

        var randomTopic = Words("topic", "Pick from this topic only");
        var random = new Command("random", "A random entry") { randomTopic, json };
        random.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, parse.GetValue(json),
            language => Build(DltGrammar.Random, parse.GetValue(randomTopic), language), c)));

        var about = new Command("about", "Catalog size, source, version") { json };
        about.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, parse.GetValue(json),
            _ => ParseOutcome.Ok(new AboutRequest()), c)));

        var help = new Command("help", "The /dlt commands, as in the shell and on Discord");
        help.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => Query(session, false, _ => ParseOutcome.Ok(new HelpRequest()), c)));

        root.Add(topics);
        root.Add(topic);
        root.Add(show);
        root.Add(search);
        root.Add(random);
        root.Add(about);
        root.Add(help);
        root.Add(BuildCatalogCommand());
        return root;
    }

    private Command BuildCatalogCommand()
    {
        var repairInput = new Argument<string>("input") { Description = "The damaged Markdown file" };
        var repairOutput = new Option<string>("--output", "-o") { Description = "Where to write the repaired file", Required = true };
        var repair = new Command("repair", "Repair mojibake (UTF-8 read through a single-byte code page) in a Markdown file") { repairInput, repairOutput };
        repair.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => RepairAsync(session, parse.GetValue(repairInput)!, parse.GetValue(repairOutput)!, c), needsCatalog: false));

        var format = new Option<string>("--format") { Description = "markdown or json", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "json");
        var exportOutput = new Option<string>("--output", "-o") { Description = "Write here instead of standard output" };
        var exportInput = new Option<string>("--input") { Description = "Catalog file or URL (default: Catalog:Source)" };
        var export = new Command("export", "Write the catalog as Markdown (the inverse of import) or JSON") { format, exportOutput, exportInput };
        export.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => ExportAsync(session, parse.GetValue(format)!, parse.GetValue(exportOutput), c),
            sourceOverride: parse.GetValue(exportInput)));

        var checkInput = new Option<string>("--input") { Description = "Catalog file or URL (default: Catalog:Source)" };
        var check = new Command("check", "List what a curator should fix, with line numbers; exit code 1 when there is anything") { checkInput };
        check.SetAction((parse, ct) => Guarded(parse, ct, (session, c) => CheckAsync(session, c), sourceOverride: parse.GetValue(checkInput)));

        return new Command("catalog", "Maintain the catalog file") { repair, export, check };
    }

    private static Argument<string[]> Words(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.ZeroOrMore };

    private static ParseOutcome Build(string command, string[]? words, Language language, params (string Name, string? Value)[] options)
    {
        var given = options.Where(o => o.Value is not null).ToDictionary(o => o.Name, o => o.Value!);
        // System.CommandLine hands an unknown "--option" to the free-text argument; report it instead of searching for it.
        if (words?.FirstOrDefault(w => w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2) is { } unknown)
            given[unknown[2..]] = "";
        return RequestBuilder.Create(command, words is null ? null : string.Join(' ', words), given, language, Prefix);
    }

    private sealed record Session(IHost Host, Language Language, DltCommands? Commands)
    {
        public CatalogSnapshot? Catalog => Commands?.Catalog;
    }

    /// <summary>Builds the host, validates the configuration, loads the catalog, runs the action; never lets an exception out.</summary>
    private async Task<int> Guarded(ParseResult parse, CancellationToken cancellationToken, Func<Session, CancellationToken, Task<int>> action,
        bool needsCatalog = true, string? sourceOverride = null)
    {
        var language = Languages.FromLocale(parse.GetValue(localeOption) ?? CultureInfo.CurrentUICulture.Name);
        try
        {
            if (needsCatalog) CatalogWarmUp.Start();
            var interactive = parse.CommandResult.Command is RootCommand;
            IHost host;
            try
            {
                host = BotHost.Build(hostSettings, interactive);
            }
            catch (InvalidDataException e)
            {
                // A malformed appsettings.json; the message names the file.
                error.WriteLine(Strings.Get(language, TextKey.ErrorConfiguration, OneLine(e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message)));
                return ExitCodes.Usage;
            }
            using var ownedHost = host;
            var problems = BotHost.ValidateConfiguration(host.Services);
            if (problems.Count > 0)
            {
                error.WriteLine(Strings.Get(language, TextKey.ErrorConfiguration, string.Join(" ", problems)));
                return ExitCodes.Usage;
            }
            if (parse.GetValue(localeOption) is null)
                language = Languages.FromLocale(host.Services.GetRequiredService<IOptions<BotOptions>>().Value.EffectiveLocale);
            DltCommands? commands = null;
            var discordMode = interactive && BotHost.IsDiscordMode(host.Services.GetRequiredService<IConfiguration>());
            if (needsCatalog && !discordMode)
            {
                try
                {
                    commands = await host.Services.GetRequiredService<CatalogService>().LoadAsync(sourceOverride, cancellationToken);
                }
                catch (CatalogLoadException e)
                {
                    error.WriteLine(Strings.Get(language, TextKey.ErrorCatalogLoad, e.Message));
                    return ExitCodes.Failure;
                }
            }
            return await action(new Session(host, language, commands), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            error.WriteLine(Strings.Get(language, TextKey.ErrorUnexpected, e.Message));
            return ExitCodes.Failure;
        }
    }

    private async Task<int> RunInteractiveAsync(Session session, CancellationToken cancellationToken)
    {
        if (session.Commands is null) return await DiscordMode.RunAsync(session.Host, hostSettings, error, cancellationToken);
        var shell = new ConsoleShell(session.Commands, session.Language, session.Host.Services.GetRequiredService<ILogger<ConsoleShell>>());
        await shell.RunAsync(input, output, cancellationToken);
        return ExitCodes.Success;
    }

    private Task<int> Query(Session session, bool json, Func<Language, ParseOutcome> build, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var outcome = build(session.Language);
        if (outcome.Error is { } invalid)
        {
            error.WriteLine(invalid.Message);
            return Task.FromResult(ExitCodes.Usage);
        }

        var reply = session.Commands!.Execute(outcome.Request!, session.Language);
        if (reply is ErrorReply failed)
        {
            error.WriteLine(failed.Message);
            return Task.FromResult(failed.Kind is ErrorKind.BadOption or ErrorKind.MissingArgument or ErrorKind.BadQuery ? ExitCodes.Usage : ExitCodes.Failure);
        }

        if (json) output.WriteLine(JsonRenderer.Render(reply));
        else ConsoleRenderer.Render(reply, output);
        return Task.FromResult(ExitCodes.Success);
    }

    private async Task<int> RepairAsync(Session session, string inputPath, string outputPath, CancellationToken cancellationToken)
    {
        var language = session.Language;
        if (!File.Exists(inputPath))
        {
            error.WriteLine(Strings.Get(language, TextKey.ErrorFileNotFound, Path.GetFullPath(inputPath)));
            return ExitCodes.Failure;
        }
        string text;
        try
        {
            text = await File.ReadAllTextAsync(inputPath, Encoding.UTF8, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(Strings.Get(language, TextKey.ErrorCannotRead, inputPath, e.Message));
            return ExitCodes.Failure;
        }

        var report = MojibakeRepair.Repair(text);
        if (!await WriteFileAsync(outputPath, report.Text, language, cancellationToken)) return ExitCodes.Failure;
        output.WriteLine(report.CodePage is null
            ? Strings.Get(language, TextKey.RepairClean, inputPath, outputPath)
            : Strings.Get(language, TextKey.RepairSummary, inputPath, report.CodePage, report.Reversed, report.Reconstructed, report.Unsure, outputPath));
        return ExitCodes.Success;
    }

    private async Task<int> ExportAsync(Session session, string format, string? outputPath, CancellationToken cancellationToken)
    {
        var list = session.Catalog!.List;
        var text = format == "json" ? CatalogExporter.ToJson(list) : CatalogExporter.ToMarkdown(list);
        if (outputPath is null)
        {
            output.Write(text);
            return ExitCodes.Success;
        }
        if (!await WriteFileAsync(outputPath, text, session.Language, cancellationToken)) return ExitCodes.Failure;
        output.WriteLine(Strings.Get(session.Language, TextKey.ExportWritten, list.AllEntries().Count(), format, outputPath));
        return ExitCodes.Success;
    }

    private Task<int> CheckAsync(Session session, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var catalog = session.Catalog!;
        var findings = CatalogCheck.Run(new ImportResult(catalog.List, catalog.Problems)).OrderBy(p => p.Line).ToList();
        if (findings.Count == 0)
        {
            output.WriteLine(Strings.Get(session.Language, TextKey.CheckClean, catalog.Source, catalog.List.AllEntries().Count()));
            return Task.FromResult(ExitCodes.Success);
        }
        output.WriteLine(Strings.Get(session.Language, TextKey.CheckSummary, findings.Count, catalog.Source));
        foreach (var finding in findings) output.WriteLine(Strings.Get(session.Language, TextKey.CheckLine, finding.Line, finding.Message));
        return Task.FromResult(ExitCodes.Failure);
    }

    private async Task<bool> WriteFileAsync(string path, string text, Language language, CancellationToken cancellationToken)
    {
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            // Write beside the target and rename, so a failure never leaves half a file where a good one was.
            var temporary = full + ".tmp";
            await File.WriteAllTextAsync(temporary, text, new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, full, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(Strings.Get(language, TextKey.ErrorCannotWrite, path, e.Message));
            return false;
        }
    }
}
