using System.CommandLine;
using System.Globalization;
using System.Text;
using DltBot.Bot.CatalogLoading;
using DltBot.Bot.Commands;
using DltBot.Bot.Commands.Framework;
using DltBot.Bot.Curation;
using DltBot.Storage;
using DltBot.Bot.Interactions;
using DltBot.Bot.Configuration;
using DltBot.Bot.Hosting;
using DltBot.Bot.LinkHealth;
using DltBot.Bot.Commands.Moderation;
using DltBot.Bot.Weekly;
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
    private const string CatalogGroup = "catalog";
    private const string DbGroup = "db";

    private readonly BotHostSettings hostSettings = settings ?? new BotHostSettings();

    private readonly Option<string> localeOption = new("--locale")
    {
        Description = "Language of the output: en-US, zh-CN... (default: Bot:Locale, then the system's)",
        Recursive = true,
    };

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var requestedLocale = LocaleArgument(args);
        var bootLanguage = Languages.FromLocale(requestedLocale ?? CultureInfo.CurrentUICulture.Name);
        // Bot:Locale with an unknown culture is a configuration error; the same on the command line is a usage error.
        if (requestedLocale is not null && !IsKnownCulture(requestedLocale))
        {
            error.WriteLine(Strings.Get(Languages.FromLocale(CultureInfo.CurrentUICulture.Name), TextKey.ErrorBadLocale, requestedLocale));
            return ExitCodes.Usage;
        }
        var interactive = IsInteractive(args);
        IHost host;
        try
        {
            // The mode is decided from configuration before any host exists; Discord mode builds its own (web) host.
            if (interactive && BotHost.IsDiscordMode(BotHost.ReadConfiguration(hostSettings)))
                return await DiscordBotApp.RunAsync(hostSettings, error, cancellationToken);
            // The local weekly schedule prints its posts where the shell and commands print.
            host = BotHost.Build(hostSettings with
            {
                Services = services =>
                {
                    services.AddConsoleWeeklyPublisher(output);
                    hostSettings.Services?.Invoke(services);
                },
            });
        }
        catch (InvalidDataException e)
        {
            // A malformed appsettings.json; the message names the file.
            error.WriteLine(Strings.Get(bootLanguage, TextKey.ErrorConfiguration, OneLine(e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message)));
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Known start-up failures are reported where they happen; this is the last stop before a stack trace.
            error.WriteLine(Strings.Get(bootLanguage, TextKey.ErrorUnexpected, OneLine(e.Message)));
            return ExitCodes.Failure;
        }

        using (host)
        {
            var registry = host.Services.GetRequiredService<CommandRegistry>();
            var topLevel = TopLevelNames(registry);
            if (args.Length > 0 && !args[0].StartsWith('-') && !topLevel.Contains(args[0]))
            {
                error.WriteLine(CommandSuggestions.UnknownCommand(args[0], bootLanguage, topLevel, Prefix + " ").Message);
                return ExitCodes.Usage;
            }

            var parsed = BuildRoot(host, registry).Parse(args);
            if (parsed.Errors.Count > 0)
            {
                error.WriteLine(Strings.Get(bootLanguage, TextKey.ErrorCommandLine, OneLine(parsed.Errors[0].Message)));
                return ExitCodes.Usage;
            }
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
    }

    private static bool IsInteractive(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--locale") i++;
            else if (!args[i].StartsWith("--locale=", StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private static bool IsKnownCulture(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        try
        {
            _ = CultureInfo.GetCultureInfo(name, predefinedOnly: true);
            return true;
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }

    private static string? LocaleArgument(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--locale" && i + 1 < args.Length) return args[i + 1];
            if (args[i].StartsWith("--locale=", StringComparison.Ordinal)) return args[i]["--locale=".Length..];
        }
        return null;
    }

    private static List<string> TopLevelNames(CommandRegistry registry) =>
        registry.Under(CommandPath.DefaultTopLevel).Select(c => c.Descriptor.Name)
            .Concat(registry.TopLevels.Where(t => t.Name != CommandPath.DefaultTopLevel).Select(t => t.Name))
            .Append(CatalogGroup)
            .Append(DbGroup)
            .ToList();

    // Some System.CommandLine messages list choices on separate lines; every error here is one line.
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private RootCommand BuildRoot(IHost host, CommandRegistry registry)
    {
        var root = new RootCommand("DltBot: the Deep Learning Theory reading list, searchable. Without a command: the console shell, or Discord mode when Discord:Token is set.")
        {
            localeOption,
        };
        root.SetAction((parse, ct) => Guarded(host, parse, ct, RunShellAsync));

        foreach (var command in registry.Under(CommandPath.DefaultTopLevel)) root.Add(CliCommand(host, command));
        foreach (var top in registry.TopLevels.Where(t => t.Name != CommandPath.DefaultTopLevel))
        {
            var topCommand = new Command(top.Name, top.Description.English);
            var groups = new Dictionary<string, Command>();
            foreach (var group in top.Groups ?? [])
                topCommand.Add(groups[group.Name] = new Command(group.Name, group.Description.English));
            foreach (var command in registry.Under(top.Name))
                (command.Descriptor.Path.Group is { } g ? groups[g] : topCommand).Add(CliCommand(host, command));
            root.Add(topCommand);
        }
        root.Add(BuildCatalogCommand(host));
        root.Add(BuildDbCommand(host));
        return root;
    }

    /// <summary>The one-shot form of a registered command: its positional option as free words, the others as --options.</summary>
    private Command CliCommand(IHost host, ICommand command)
    {
        var descriptor = command.Descriptor;
        var cli = new Command(descriptor.Name, descriptor.Description.English);
        var json = new Option<bool>("--json") { Description = "Machine-readable JSON output" };
        Argument<string[]>? words = null;
        var options = new List<(OptionDescriptor Descriptor, Option Option)>();
        foreach (var option in descriptor.Options)
        {
            if (option.Positional)
            {
                words = new Argument<string[]>(option.Name) { Description = option.Description.English, Arity = ArgumentArity.ZeroOrMore };
                cli.Add(words);
                continue;
            }
            Option cliOption = option.Kind == OptionKind.Boolean
                ? new Option<bool>("--" + option.Name) { Description = option.Description.English }
                : new Option<string>("--" + option.Name) { Description = option.Description.English };
            options.Add((option, cliOption));
            cli.Add(cliOption);
        }
        cli.Add(json);
        cli.SetAction((parse, ct) => Guarded(host, parse, ct, (session, c) =>
        {
            var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (option, cliOption) in options)
            {
                if (parse.GetResult(cliOption) is null) continue;
                var value = cliOption is Option<bool> flag ? (parse.GetValue(flag) ? bool.TrueString : bool.FalseString) : parse.GetValue((Option<string>)cliOption);
                if (value is not null) given[option.Name] = value;
            }
            var free = words is null ? [] : parse.GetValue(words) ?? [];
            // System.CommandLine hands an unknown "--option" to the free words; report it instead of searching for it.
            if (free.FirstOrDefault(w => w.StartsWith("--", StringComparison.Ordinal) && w.Length > 2) is { } unknown)
                given[unknown[2..]] = "";
            var raw = new RawArguments(given, free.Length == 0 ? null : string.Join(' ', free));
            return RunCommandAsync(session, command, raw, parse.GetValue(json), c);
        }));
        return cli;
    }

    /// <summary><c>dltbot db migrate|backup|check</c>: the moderators' database, while the bot runs or not.</summary>
    private Command BuildDbCommand(IHost host)
    {
        var migrate = new Command("migrate", "Bring the database to this build's schema (the bot also does this at start)");
        migrate.SetAction((parse, ct) => Guarded(host, parse, ct, async (session, c) =>
        {
            var result = await session.Host.Services.GetRequiredService<IDatabaseMaintenance>().MigrateAsync(c);
            output.WriteLine(result.Applied.Count == 0
                ? $"The database is at schema version {result.ToVersion}; nothing to do."
                : $"Migrated the database from schema version {result.FromVersion} to {result.ToVersion}: {string.Join(", ", result.Applied)}.");
            return ExitCodes.Success;
        }, needsCatalog: false));

        var backupOutput = new Option<string>("--output", "-o") { Description = "Where to write the copy", Required = true };
        var backup = new Command("backup", "A consistent copy of the database, taken while the bot keeps writing") { backupOutput };
        backup.SetAction((parse, ct) => Guarded(host, parse, ct, async (session, c) =>
        {
            var result = await session.Host.Services.GetRequiredService<IDatabaseMaintenance>().BackupAsync(Path.GetFullPath(parse.GetValue(backupOutput)!), c);
            output.WriteLine($"Backed up the database (schema version {result.SchemaVersion}, {result.Bytes:N0} bytes) to {result.Path}.");
            return ExitCodes.Success;
        }, needsCatalog: false));

        var check = new Command("check", "Integrity and foreign-key checks, and that every logged change has its current row; exit code 1 on findings");
        check.SetAction((parse, ct) => Guarded(host, parse, ct, async (session, c) =>
        {
            var report = await session.Host.Services.GetRequiredService<IDatabaseMaintenance>().CheckAsync(c);
            if (report.Healthy)
            {
                output.WriteLine($"The database is healthy (schema version {report.SchemaVersion}).");
                return ExitCodes.Success;
            }
            foreach (var finding in report.Findings) output.WriteLine(finding);
            return ExitCodes.Failure;
        }, needsCatalog: false));

        return new Command(DbGroup, "Maintain the moderators' database") { migrate, backup, check };
    }

    private Command BuildCatalogCommand(IHost host)
    {
        var repairInput = new Argument<string>("input") { Description = "The damaged Markdown file" };
        var repairOutput = new Option<string>("--output", "-o") { Description = "Where to write the repaired file", Required = true };
        var repair = new Command("repair", "Repair mojibake (UTF-8 read through a single-byte code page) in a Markdown file") { repairInput, repairOutput };
        repair.SetAction((parse, ct) => Guarded(host, parse, ct, (session, c) => RepairAsync(session, parse.GetValue(repairInput)!, parse.GetValue(repairOutput)!, c), needsCatalog: false));

        var format = new Option<string>("--format") { Description = "markdown or json", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "json");
        var exportOutput = new Option<string>("--output", "-o") { Description = "Write here instead of standard output" };
        var exportInput = new Option<string>("--input") { Description = "Catalog file or URL (default: Catalog:Source)" };
        var export = new Command("export", "Write the catalog as Markdown (the inverse of import) or JSON") { format, exportOutput, exportInput };
        export.SetAction((parse, ct) => Guarded(host, parse, ct, (session, c) => ExportAsync(session, parse.GetValue(format)!, parse.GetValue(exportOutput), c),
            sourceOverride: parse.GetValue(exportInput)));

        var checkInput = new Option<string>("--input") { Description = "Catalog file or URL (default: Catalog:Source)" };
        var checkLinks = new Option<bool>("--links") { Description = "Also check every link (the base list's and each server's additions) and list dead and moved links, duplicates and entries without a link; exit code 1 on a dead link" };
        var check = new Command("check", "List what a curator should fix, with line numbers; exit code 1 when there is anything") { checkInput, checkLinks };
        check.SetAction((parse, ct) => Guarded(host, parse, ct, async (session, c) =>
        {
            var text = await CheckAsync(session, c);
            return parse.GetValue(checkLinks) ? Math.Max(text, await CheckLinksAsync(session, c)) : text;
        }, sourceOverride: parse.GetValue(checkInput)));

        var diffOld = new Argument<string>("old") { Description = "The earlier list: a file or an http(s) URL" };
        var diffNew = new Argument<string>("new") { Description = "The later list: a file or an http(s) URL" };
        var diffJson = new Option<bool>("--json") { Description = "Machine-readable JSON output" };
        var diff = new Command("diff", "What changed from OLD to NEW: added, removed and edited entries, by id") { diffOld, diffNew, diffJson };
        diff.SetAction((parse, ct) => Guarded(host, parse, ct, (session, c) =>
            new CatalogDiffCli(session.Host.Services.GetRequiredService<CatalogLoader>(), session.Host.Services.GetRequiredService<UpstreamFetcher>(), output, error)
                .RunAsync(parse.GetValue(diffOld)!, parse.GetValue(diffNew)!, parse.GetValue(diffJson), session.Language, c), needsCatalog: false));

        return new Command(CatalogGroup, "Maintain the catalog file") { repair, export, check, diff };
    }

    private sealed record Session(IHost Host, Language Language, CatalogView? Catalog);

    /// <summary>Validates the configuration, loads the catalog, runs the action; never lets an exception out.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068:CancellationToken parameters must come last", Justification = "Call sites pass System.CommandLine's (parse, ct) pair through as given; the work lambda follows as the body, then named options.")]
    private async Task<int> Guarded(IHost host, ParseResult parse, CancellationToken cancellationToken, Func<Session, CancellationToken, Task<int>> action,
        bool needsCatalog = true, string? sourceOverride = null)
    {
        var language = Languages.FromLocale(parse.GetValue(localeOption) ?? CultureInfo.CurrentUICulture.Name);
        try
        {
            if (needsCatalog) CatalogWarmUp.Start();
            var problems = BotHost.ValidateConfiguration(host.Services);
            if (problems.Count > 0)
            {
                error.WriteLine(Strings.Get(language, TextKey.ErrorConfiguration, string.Join(" ", problems)));
                return ExitCodes.Usage;
            }
            if (parse.GetValue(localeOption) is null)
                language = Languages.FromLocale(host.Services.GetRequiredService<IOptions<BotOptions>>().Value.EffectiveLocale);
            CatalogView? catalog = null;
            if (needsCatalog)
            {
                try
                {
                    var snapshot = await host.Services.GetRequiredService<CatalogLoader>().LoadAsync(sourceOverride, cancellationToken);
                    catalog = host.Services.GetRequiredService<ICatalogViews>().Publish(snapshot);
                    await host.Services.GetRequiredService<Curator>().StartAsync(cancellationToken);
                }
                catch (CatalogLoadException e)
                {
                    error.WriteLine(Strings.Get(language, TextKey.ErrorCatalogLoad, Strings.AfterColon(e.Message)));
                    return ExitCodes.Failure;
                }
                catch (DatabaseTooNewException e)
                {
                    error.WriteLine(e.Message);
                    return ExitCodes.Failure;
                }
            }
            return await action(new Session(host, language, catalog), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Failure;
        }
        catch (StoreUnavailableException e)
        {
            error.WriteLine(e.Message);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            error.WriteLine(Strings.Get(language, TextKey.ErrorUnexpected, e.Message));
            return ExitCodes.Failure;
        }
    }

    private async Task<int> RunShellAsync(Session session, CancellationToken cancellationToken)
    {
        // Started for as long as the shell is open, so the local weekly schedule fires (and prints) meanwhile.
        await session.Host.StartAsync(cancellationToken);
        try
        {
            await session.Host.Services.GetRequiredService<ConsoleShell>().RunAsync(input, output, session.Language, cancellationToken);
        }
        finally
        {
            await session.Host.StopAsync(CancellationToken.None);
        }
        return ExitCodes.Success;
    }

    private async Task<int> RunCommandAsync(Session session, ICommand command, RawArguments raw, bool json, CancellationToken cancellationToken)
    {
        var runner = session.Host.Services.GetRequiredService<CommandRunner>();
        var reply = await runner.RunAsync(command, raw, Invocation.Local(session.Language, Surface.Cli), cancellationToken);
        if (reply is ErrorReply failed)
        {
            error.WriteLine(failed.Message);
            return failed.Kind is ErrorKind.BadOption or ErrorKind.MissingArgument or ErrorKind.BadQuery ? ExitCodes.Usage : ExitCodes.Failure;
        }

        if (json) output.WriteLine(JsonRenderer.Render(reply));
        else ConsoleRenderer.Render(reply, output);
        return ExitCodes.Success;
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
            error.WriteLine(Strings.Get(language, TextKey.ErrorCannotRead, inputPath, Strings.AfterColon(e.Message)));
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
        output.WriteLine(Strings.Get(session.Language, TextKey.ExportWritten, Strings.Count(session.Language, list.AllEntries().Count(), CountedNoun.Entry), format, outputPath));
        return ExitCodes.Success;
    }

    private Task<int> CheckAsync(Session session, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var catalog = session.Catalog!.Snapshot;
        var findings = CatalogCheck.Run(new ImportResult(catalog.List, catalog.Problems)).OrderBy(p => p.Line).ToList();
        if (findings.Count == 0)
        {
            output.WriteLine(Strings.Get(session.Language, TextKey.CheckClean, catalog.Source, Strings.Count(session.Language, catalog.List.AllEntries().Count(), CountedNoun.Entry)));
            return Task.FromResult(ExitCodes.Success);
        }
        output.WriteLine(Strings.Get(session.Language, TextKey.CheckSummary, Strings.Count(session.Language, findings.Count, CountedNoun.Problem), catalog.Source));
        foreach (var finding in findings) output.WriteLine(Strings.Get(session.Language, TextKey.CheckLine, finding.Line, finding.Message));
        return Task.FromResult(ExitCodes.Failure);
    }

    /// <summary>Checks every link now (paced, politely), then lists what <c>/dlt-mod check</c> lists for this place.</summary>
    private async Task<int> CheckLinksAsync(Session session, CancellationToken cancellationToken)
    {
        var services = session.Host.Services;
        var progress = new LinkCheckConsoleProgress(output, terminal: IsTerminal(), session.Language);
        var summary = await services.GetRequiredService<LinkCheckRun>().RunAsync(progress, cancellationToken);
        var check = services.GetServices<ICommand>().OfType<CheckCommand>().Single();
        var findings = await check.FindAllAsync(new CheckScope(Place.Local, services.GetRequiredService<ICatalogViews>().ViewFor(Place.Local), session.Language), cancellationToken);
        return LinkCheckReport.Write(output, summary, findings, session.Language) ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>A progress bar only when a person watches: the real console, not redirected (tests pass their own writers).</summary>
    private bool IsTerminal() => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

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
            error.WriteLine(Strings.Get(language, TextKey.ErrorCannotWrite, path, Strings.AfterColon(e.Message)));
            return false;
        }
    }
}
